import {
  ACTIVITY_FUNCTION_LABELS,
  ACTIVITY_KIND_LABELS,
  ACTIVITY_STATUS_LABELS,
} from '../../domain/activities.js';
import {
  AUDIT_HIDDEN_FIELDS,
  AUDIT_REFERENCE_FIELDS,
  AUDIT_VALUE_LABELS,
  auditFieldLabel,
  auditFieldRank,
} from '../../domain/audit.js';
import { beijingDateTime } from '../../domain/calendar.js';
import { DEFAULT_RULESET, PROPOSAL_STATUS_LABELS } from '../../domain/duty-record.js';
import { GRADE_LABELS, ROUND_STATUS_LABELS } from '../../domain/evaluation.js';
import {
  HOME_KIND_LABELS,
  HOME_LEVEL_LABELS,
  HOME_STATUS_LABELS,
  VENUE_TYPE_LABELS,
} from '../../domain/home-workflow.js';
import {
  EXPENSE_CATEGORY_LABELS,
  FUND_KIND_LABELS,
  FUND_STATUS_LABELS,
  formatFen,
} from '../../domain/money.js';
import {
  ADOPTION_LEVEL_LABELS,
  OPINION_CHANNEL_LABELS,
  OPINION_FLAG_LABELS,
  OPINION_STATUS_LABELS,
  PROBLEM_STATUS_LABELS,
  SATISFACTION_LABELS,
} from '../../domain/opinion-workflow.js';
import { maskPhone } from '../../domain/privacy.js';
import { ROLE_LABELS } from '../../domain/roles.js';

/** Fields that hold role grants ({ role, scopeId }): the roles held, and the ones waiting. */
const ROLE_FIELDS = new Set(['roles', 'pendingRoles']);

import { GENDER_LABELS, MEMBER_LEVEL_LABELS } from '../members/schema.js';

/** One field an audit entry recorded, in words: its name, and its value before and after (null: none). */
export interface AuditChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

type Labels = Readonly<Record<string, string>>;

const DUTY_ITEM_LABELS: Labels = Object.fromEntries(
  DEFAULT_RULESET.rules.map((rule) => [rule.item, rule.label]),
);

/** The words for the codes a field holds, by the object type it belongs to. */
const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, Labels>>>> = {
  home: {
    status: HOME_STATUS_LABELS,
    kind: HOME_KIND_LABELS,
    level: HOME_LEVEL_LABELS,
    venueType: VENUE_TYPE_LABELS,
    item: AUDIT_VALUE_LABELS.signageItem!,
  },
  fund_entry: { kind: FUND_KIND_LABELS, status: FUND_STATUS_LABELS, category: EXPENSE_CATEGORY_LABELS },
  activity: {
    status: ACTIVITY_STATUS_LABELS,
    kind: ACTIVITY_KIND_LABELS,
    function: ACTIVITY_FUNCTION_LABELS,
  },
  training: { status: ACTIVITY_STATUS_LABELS },
  duty_shift: { status: AUDIT_VALUE_LABELS.dutyShiftStatus! },
  opinion: {
    status: OPINION_STATUS_LABELS,
    channel: OPINION_CHANNEL_LABELS,
    adoptionLevel: ADOPTION_LEVEL_LABELS,
    flags: OPINION_FLAG_LABELS,
  },
  citizen_problem: { status: PROBLEM_STATUS_LABELS, satisfaction: SATISFACTION_LABELS },
  evaluation_round: { status: ROUND_STATUS_LABELS, grade: GRADE_LABELS },
  proposal: { status: PROPOSAL_STATUS_LABELS },
  duty_adjustment: { item: DUTY_ITEM_LABELS },
  point_ruleset: { item: DUTY_ITEM_LABELS },
  duty_flag: { status: AUDIT_VALUE_LABELS.dutyFlagStatus! },
  member: { level: MEMBER_LEVEL_LABELS, gender: GENDER_LABELS },
  user: { reason: AUDIT_VALUE_LABELS.loginFailure! },
};

/** A longer text is cut here: the log shows what changed, the record itself the whole text. */
const MAX_TEXT = 200;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Money is kept in fen: a field named so (fen, amountFen, …Fen) or a setting of fen is shown in 元. */
const isFen = (field: string) => field === 'fen' || field.endsWith('Fen') || field.endsWith('_fen');

/** The key under which the name of a thing an id names is looked up: `type:id`. */
export const nameKey = (type: string, id: string) => `${type}:${id}`;

/** The kind of thing a role's scope is: a home for a home's director, else an org unit. */
const scopeType = (role: string) => (role === 'home_director' ? 'home' : 'org_unit');

function cut(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** A value of a snapshot field in words; null when it holds nothing. */
function inWords(
  type: string | null,
  field: string,
  value: unknown,
  names: Map<string, string>,
): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) {
    const parts = value.map((v) => inWords(type, field, v, names)).filter((v): v is string => v !== null);
    return parts.length ? cut(parts.join('、')) : null;
  }
  if (ROLE_FIELDS.has(field) && isRecord(value) && typeof value.role === 'string') {
    const role = ROLE_LABELS[value.role as keyof typeof ROLE_LABELS] ?? value.role;
    const scope = typeof value.scopeId === 'string' ? value.scopeId : null;
    return scope ? `${role}（${names.get(nameKey(scopeType(value.role), scope)) ?? scope}）` : role;
  }
  if ((field === 'roles' || field === 'role') && typeof value === 'string')
    return ROLE_LABELS[value as keyof typeof ROLE_LABELS] ?? value;
  if (isRecord(value)) {
    const parts = Object.entries(value)
      .filter(([key]) => !AUDIT_HIDDEN_FIELDS.has(key))
      .map(([key, v]) => [auditFieldLabel(type, key), inWords(type, key, v, names)] as const)
      .filter(([, v]) => v !== null)
      .map(([label, v]) => `${label}：${v}`);
    return parts.length ? cut(parts.join('；')) : null;
  }
  const ref = AUDIT_REFERENCE_FIELDS[field];
  if (ref && typeof value === 'string') return names.get(nameKey(ref, value)) ?? value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (isFen(field) && (typeof value === 'number' || (typeof value === 'string' && /^-?\d+$/.test(value))))
    return `${formatFen(value)} 元`;
  if (field === 'amount' && typeof value === 'string') return `${value} 元`;
  const labels = type ? VALUE_LABELS[type]?.[field] : undefined;
  if (labels && String(value) in labels) return labels[String(value)]!;
  if (/(^p|P)hone$/.test(field) && typeof value === 'string') return maskPhone(value);
  if (typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)))
    return beijingDateTime(value);
  return cut(String(value));
}

/** The fields of a snapshot as shown: a workflow step's `data` beside the others, hidden ones left out. */
function shownFields(snapshot: Record<string, unknown>): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(snapshot)) {
    if (key === 'data' && isRecord(value)) {
      for (const [inner, v] of Object.entries(value))
        fields.set(fields.has(inner) ? `data.${inner}` : inner, v);
    } else if (!AUDIT_HIDDEN_FIELDS.has(key)) fields.set(key, value);
  }
  // an amount written both in 元 and in fen is shown once
  if (fields.has('fen')) fields.delete('amount');
  return fields;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What an audit entry recorded, field by field, in words: for a change, each field it set with its
 * value before and after (those it left as they were are left out); for a creation, each field it
 * gave; for a removal, what there was. A snapshot that is a single value (a setting) is one row,
 * named by the object. `names` holds the names of the things ids name, by `nameKey`.
 */
export function auditChanges(
  entry: { objectType: string | null; objectId: string | null; before: unknown; after: unknown },
  names: Map<string, string>,
): AuditChange[] {
  const { objectType: type, before, after } = entry;
  if (before === null && after === null) return [];
  if (!isRecord(before) && !isRecord(after)) {
    const field = entry.objectId ?? 'value';
    const row = {
      field,
      label: auditFieldLabel(type, field),
      before: inWords(type, field, before, names),
      after: inWords(type, field, after, names),
    };
    return row.before === null && row.after === null ? [] : [row];
  }
  const was = isRecord(before) ? shownFields(before) : new Map<string, unknown>();
  const now = isRecord(after) ? shownFields(after) : null;
  const fields = (now ? [...now.keys()] : [...was.keys()]).sort(
    (a, b) =>
      auditFieldRank(a.replace(/^data\./, '')) - auditFieldRank(b.replace(/^data\./, '')) ||
      a.localeCompare(b),
  );
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const old = was.get(field);
    const value = now ? now.get(field) : undefined;
    if (now && was.has(field) && same(old, value)) continue;
    const key = field.startsWith('data.') ? field.slice(5) : field;
    const row = {
      field,
      label: auditFieldLabel(type, key),
      before: inWords(type, key, old, names),
      after: inWords(type, key, value, names),
    };
    if (row.before !== null || row.after !== null) changes.push(row);
  }
  return changes;
}

/**
 * The things the ids in an entry's snapshots name, by type (`AUDIT_REFERENCE_FIELDS`, and the
 * scopes of roles), so that their names are read once for a whole page.
 */
export function snapshotReferences(entry: { before: unknown; after: unknown }): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const visit = (field: string, value: unknown, depth: number) => {
    if (depth > 3 || value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const v of value) visit(field, v, depth + 1);
      return;
    }
    if (isRecord(value)) {
      if (ROLE_FIELDS.has(field) && typeof value.role === 'string' && typeof value.scopeId === 'string')
        found.push([scopeType(value.role), value.scopeId]);
      for (const [key, v] of Object.entries(value)) visit(key, v, depth + 1);
      return;
    }
    const type = AUDIT_REFERENCE_FIELDS[field];
    if (type && typeof value === 'string') found.push([type, value]);
  };
  visit('', entry.before, 0);
  visit('', entry.after, 0);
  return found;
}

/** An entry's changes as one cell of the export: 状态：已提出 → 已调研, one field a line. */
export function changesText(changes: AuditChange[]): string {
  return changes
    .map(({ label, before, after }) =>
      before === null ? `${label}：${after}` : `${label}：${before} → ${after ?? '（空）'}`,
    )
    .join('\n');
}
