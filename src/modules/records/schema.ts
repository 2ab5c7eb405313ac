import { z } from 'zod';
import { DUTY_ITEMS, PROPOSAL_STATUSES } from '../../domain/duty-record.js';
import { date, optionalText, ref, text, yearField } from '../../lib/schema.js';
import { pageQuery } from '../../server/http.js';
import { DUTY_FLAG_ACTIONS, DUTY_RECORD_ACTIONS, OUTPUT_ACTIONS } from './policy.js';

export const yearQuery = z.object({ year: yearField.optional() });
export const yearParams = z.object({ year: yearField });

// ---- the duty record ----

export const dutyEntry = z.object({
  /** `item:sourceId`, what a correction names */
  key: z.string(),
  item: z.string(),
  itemLabel: z.string(),
  category: z.string(),
  sourceType: z.string(),
  sourceId: z.string(),
  occurredOn: z.string(),
  title: z.string(),
  rawPoints: z.number().int(),
  points: z.number().int(),
  adjustment: z
    .object({ id: z.string(), reason: z.string(), byName: z.string().nullable(), at: z.string() })
    .nullable(),
});

export const dutyFlag = z
  .object({
    id: z.string(),
    memberId: z.string(),
    memberName: z.string(),
    year: z.number().int(),
    description: z.string(),
    status: z.enum(['open', 'resolved', 'rejected']),
    response: z.string().nullable(),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
    /** what the actor may do with it: `resolve` for the staff who manage the member, while open */
    allowedActions: z.array(z.enum(DUTY_FLAG_ACTIONS)),
  })
  .meta({ id: 'DutyFlag' });

export const dutyRecord = z
  .object({
    memberId: z.string(),
    memberName: z.string(),
    sector: z.string().nullable(),
    year: z.number().int(),
    closed: z.boolean(),
    /** the ruleset's first year */
    rulesFrom: z.number().int().nullable(),
    total: z.number().int(),
    categories: z.array(
      z.object({
        category: z.string(),
        label: z.string(),
        cap: z.number().int().nullable(),
        rawPoints: z.number().int(),
        points: z.number().int(),
        entries: z.number().int(),
      }),
    ),
    entries: z.array(dutyEntry),
    flags: z.array(dutyFlag),
    /** `adjust` (correct and add entries: the staff who manage the member), `flag` (the member); none once closed */
    allowedActions: z.array(z.enum(DUTY_RECORD_ACTIONS)),
  })
  .meta({ id: 'DutyRecord' });

export const dutyRecordsQuery = pageQuery.extend({
  year: yearField.optional(),
  q: z.string().trim().max(50).optional(),
  orgUnitId: ref.optional(),
  sectorGroupId: ref.optional(),
});
export type DutyRecordsQuery = z.infer<typeof dutyRecordsQuery>;

export const dutyRecordRow = z
  .object({
    memberId: z.string(),
    name: z.string(),
    level: z.string(),
    orgUnitId: z.string(),
    orgUnitName: z.string(),
    sector: z.string().nullable(),
    points: z.number().int(),
    entries: z.number().int(),
    /** place among all members of the year (equal points share a place) */
    rank: z.number().int(),
  })
  .meta({ id: 'DutyRecordRow' });

export const dutyRecordList = z.object({
  items: z.array(dutyRecordRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  year: z.number().int(),
  closed: z.boolean(),
  computedAt: z.string().nullable(),
});

export const recomputeBody = z.strictObject({ year: yearField });
export const recomputeResult = z.object({
  year: z.number().int(),
  members: z.number().int(),
  entries: z.number().int(),
  ms: z.number().int(),
});

export const dutyYear = z.object({
  year: z.number().int(),
  closed: z.boolean(),
  closedAt: z.string().nullable(),
  computedAt: z.string().nullable(),
});

export const adjustmentBody = z.strictObject({
  year: yearField,
  item: z.enum(DUTY_ITEMS, { error: '未知的积分项目' }),
  /** the entry corrected (its sourceId); absent: a new entry is added */
  sourceId: z.string().max(100).nullable().optional(),
  title: optionalText('事项', 200),
  occurredOn: date.nullable().optional(),
  points: z
    .number({ error: '分值必须是数字' })
    .int('分值必须是整数')
    .min(0, '分值不能为负')
    .max(100, '分值不能超过 100'),
  reason: text('更正理由', 500),
});
export type AdjustmentInput = z.infer<typeof adjustmentBody>;

export const revokeBody = z.strictObject({ reason: text('撤销理由', 500) });

export const flagBody = z.strictObject({ year: yearField, description: text('遗漏情况说明', 1000) });
export const resolveFlagBody = z.strictObject({
  status: z.enum(['resolved', 'rejected'], { error: '请选择处理结果' }),
  response: text('处理意见', 1000),
});
export const flagsQuery = pageQuery.extend({
  status: z.enum(['open', 'resolved', 'rejected']).optional(),
  year: yearField.optional(),
});

// ---- points rules ----

export const rulesetBody = z.strictObject({
  note: optionalText('说明', 500),
  categories: z
    .array(
      z.strictObject({
        category: z.string().regex(/^[a-z_]{2,30}$/, '类别代码为 2–30 个小写字母或下划线'),
        label: text('类别名称', 30),
        cap: z.number().int('上限必须是整数').min(0, '上限不能为负').max(1000).nullable(),
      }),
    )
    .min(1, '至少一个类别')
    .max(30),
  rules: z
    .array(
      z.strictObject({
        item: z.enum(DUTY_ITEMS, { error: '未知的积分项目' }),
        category: z.string().max(30),
        label: text('项目名称', 50),
        points: z.number().int('分值必须是整数').min(0, '分值不能为负').max(100, '分值不能超过 100'),
        unit: text('单位', 10),
        cap: z.number().int('上限必须是整数').min(0, '上限不能为负').max(1000).nullable(),
      }),
    )
    .min(1, '至少一个项目')
    .max(50),
});
export type RulesetInput = z.infer<typeof rulesetBody>;

export const ruleset = z
  .object({
    validFromYear: z.number().int(),
    note: z.string().nullable(),
    savedAt: z.string(),
    categories: z.array(
      z.object({ category: z.string(), label: z.string(), cap: z.number().int().nullable() }),
    ),
    rules: z.array(
      z.object({
        item: z.string(),
        category: z.string(),
        label: z.string(),
        points: z.number().int(),
        unit: z.string(),
        cap: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'PointRuleset' });

export const rulesetSaved = ruleset.extend({ recomputedYears: z.array(z.number().int()) });

// ---- proposals and research reports ----

const memberIds = (label: string) => z.array(ref).max(100, `${label}最多 100 人`);

export const proposalBody = z.strictObject({
  title: text('提案标题', 200),
  number: optionalText('提案号', 30),
  submittedOn: date,
  status: z.enum(PROPOSAL_STATUSES, { error: '状态应为待立案、立案或不立案' }).optional(),
  decidedOn: date.nullable().optional(),
  handlingResult: optionalText('办理结果', 5000),
  leadMemberId: ref,
  cosignerMemberIds: memberIds('联名委员').optional(),
  homeId: ref.nullable().optional(),
  activityId: ref.nullable().optional(),
});
export type ProposalInput = z.infer<typeof proposalBody>;
export const proposalPatch = proposalBody.partial();

export const proposal = z
  .object({
    id: z.string(),
    year: z.number().int(),
    number: z.string().nullable(),
    title: z.string(),
    status: z.enum(PROPOSAL_STATUSES),
    submittedOn: z.string(),
    decidedOn: z.string().nullable(),
    handlingResult: z.string().nullable(),
    lead: z.object({ id: z.string(), name: z.string() }),
    cosigners: z.array(z.object({ id: z.string(), name: z.string() })),
    homeId: z.string().nullable(),
    homeName: z.string().nullable(),
    activityId: z.string().nullable(),
    activityTitle: z.string().nullable(),
    /** `update` for staff who keep the register and may name every member on it */
    allowedActions: z.array(z.enum(OUTPUT_ACTIONS)),
  })
  .meta({ id: 'Proposal' });

export const outputsQuery = pageQuery.extend({
  year: yearField.optional(),
  memberId: ref.optional(),
  homeId: ref.optional(),
  q: z.string().trim().max(50).optional(),
  status: z.enum(PROPOSAL_STATUSES).optional(),
});
export type OutputsQuery = z.infer<typeof outputsQuery>;

export const reportBody = z.strictObject({
  title: text('报告标题', 200),
  summary: optionalText('内容摘要', 5000),
  completedOn: date,
  memberIds: memberIds('参与委员').min(1, '至少一名参与委员'),
  homeId: ref.nullable().optional(),
  activityId: ref.nullable().optional(),
});
export type ReportInput = z.infer<typeof reportBody>;
export const reportPatch = reportBody.partial();

export const report = z
  .object({
    id: z.string(),
    year: z.number().int(),
    title: z.string(),
    summary: z.string().nullable(),
    completedOn: z.string(),
    members: z.array(z.object({ id: z.string(), name: z.string() })),
    homeId: z.string().nullable(),
    homeName: z.string().nullable(),
    activityId: z.string().nullable(),
    activityTitle: z.string().nullable(),
    /** `update` for staff who keep the register and may name every member on it */
    allowedActions: z.array(z.enum(OUTPUT_ACTIONS)),
  })
  .meta({ id: 'ResearchReport' });
