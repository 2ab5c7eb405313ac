import { badRequest, forbidden, notFound } from '../../server/errors.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { type References, requireInScope } from '../references/service.js';
import { recordAbilities } from './policy.js';
import { presentProposal, presentReport } from './presenter.js';
import {
  addProposalMembers,
  addReportMembers,
  findActivityInScope,
  findOutput,
  insertOutput,
  type OutputCommon,
  type OutputFields,
  type OutputKind,
  type OutputMemberRow,
  type OutputRow,
  outputMembers,
  outputsPage,
  updateOutput,
} from './repo/outputs.js';
import type { OutputsQuery, ProposalInput, ReportInput } from './schema.js';

/**
 * Proposals (提案) and research reports (调研报告) as records that count in the duty record (R19):
 * who, what, when, and the home or activity they came from. Staff register them; everyone sees
 * those of the members in their scope. Both kinds are read and written the same way.
 */

type Present<K extends OutputKind, T> = (actor: Actor, row: OutputRow<K>, members: OutputMemberRow[]) => T;

/** Each kind's words: what a refused or missing one answers, and how its changes are audited. */
const KINDS = {
  proposal: {
    missing: '找不到该提案',
    denied: '无权登记提案',
    outOfScope: '该提案有不在您管理范围内的委员，不能修改',
    create: 'proposal.create',
    update: 'proposal.update',
    objectType: 'proposal',
  },
  report: {
    missing: '找不到该调研报告',
    denied: '无权登记调研报告',
    outOfScope: '该调研报告有不在您管理范围内的委员，不能修改',
    create: 'report.create',
    update: 'report.update',
    objectType: 'research_report',
  },
} as const;

const mayManage = (actor: Actor) => recordAbilities['output.manage'](actor);

/** A patch's value of a field, or what the output holds (null when it holds none). */
const patched = <T>(value: T | undefined, held: T | null | undefined): T | null =>
  value !== undefined ? value : (held ?? null);

type Links = { title?: string; homeId?: string | null; activityId?: string | null };
type Shown = OutputCommon & { allowedActions: string[] };

/** A kind of output read and written: the same steps for proposals and research reports. */
function outputs<K extends OutputKind, T extends Shown>(kind: K, present: Present<K, T>) {
  const words = KINDS[kind];

  /** The rows with their members, as the presenter shows them. */
  async function withMembers(db: Db, actor: Actor, rows: OutputRow<K>[]) {
    const people = await outputMembers(
      db,
      actor,
      kind,
      rows.map((r) => r.id),
    );
    return rows.map((r) =>
      present(
        actor,
        r,
        people.filter((p) => p.ownerId === r.id),
      ),
    );
  }

  /** A page of the outputs the actor sees. */
  async function list(db: Db, actor: Actor, q: OutputsQuery) {
    const page = await outputsPage(db, actor, kind, q);
    return { ...page, items: await withMembers(db, actor, page.items) };
  }

  /** One output the actor sees, or 404. */
  async function get(db: Db, actor: Actor, id: string) {
    const row = await findOutput(db, actor, kind, id);
    if (!row) throw notFound(words.missing);
    return (await withMembers(db, actor, [row]))[0]!;
  }

  /** What a save changes: nothing yet for a new output; only staff who keep the register save. */
  async function opened(db: Db, actor: Actor, id: string | null) {
    if (!mayManage(actor)) throw forbidden(words.denied);
    return id ? get(db, actor, id) : null;
  }

  /**
   * An output changes only in the hands of staff who may name every member on it now, and every
   * member, home and activity the save names must be in the actor's scope.
   */
  async function checked(db: Db, actor: Actor, before: T | null, input: Links, members: References) {
    if (before && !before.allowedActions.includes('update')) throw forbidden(words.outOfScope);
    await requireInScope(db, actor, { ...members, homeId: ['home', input.homeId] });
    if (!input.activityId) return;
    if (!(await findActivityInScope(db, actor, input.activityId)))
      throw badRequest('找不到该活动，或它不在您的管理范围内', {
        activityId: '找不到该活动，或它不在您的管理范围内',
      });
  }

  /**
   * Writes the output (its title and links as patched, and its own `fields`) and its members in one
   * transaction with its audit row (`named`: the members, as the audit names them), and reads it back.
   */
  async function stored(
    db: Db,
    who: Who,
    id: string | null,
    change: { input: Links; before: Shown | null; fields: OutputFields[K]; named: object },
    addMembers: (trx: Db, id: string) => Promise<void>,
  ) {
    const { input, before } = change;
    const values = {
      title: input.title ?? before!.title,
      ...change.fields,
      homeId: patched(input.homeId, before?.homeId),
      activityId: patched(input.activityId, before?.activityId),
    };
    const savedId = await db.transaction().execute(async (trx) => {
      let oid = id;
      if (oid) await updateOutput(trx, kind, oid, values);
      else oid = await insertOutput(trx, kind, values, who.actor!.userId);
      await addMembers(trx, oid);
      await recordAudit(trx, who, {
        action: id ? words.update : words.create,
        objectType: words.objectType,
        objectId: oid,
        before,
        after: { ...values, ...change.named },
      });
      return oid;
    });
    return get(db, who.actor!, savedId);
  }

  return { list, get, opened, checked, stored };
}

const proposals = outputs('proposal', presentProposal);
const reports = outputs('report', presentReport);
export const listProposals = proposals.list;
export const getProposal = proposals.get;
export const listReports = reports.list;
export const getReport = reports.get;

export async function saveProposal(db: Db, who: Who, id: string | null, input: Partial<ProposalInput>) {
  const actor = who.actor!;
  const before = await proposals.opened(db, actor, id);
  const lead = input.leadMemberId ?? before?.lead.id;
  const cosigners = input.cosignerMemberIds ?? before?.cosigners.map((c) => c.id) ?? [];
  if (!lead) throw badRequest('请选择领衔委员', { leadMemberId: '请选择领衔委员' });
  if (cosigners.includes(lead))
    throw badRequest('领衔委员不必再列为联名委员', { cosignerMemberIds: '领衔委员不必再列为联名委员' });
  await proposals.checked(db, actor, before, input, {
    leadMemberId: ['member', lead],
    cosignerMemberIds: ['member', cosigners],
  });
  const submittedOn = input.submittedOn ?? before?.submittedOn;
  const status = input.status ?? before?.status ?? 'pending';
  const decidedOn = patched(input.decidedOn, before?.decidedOn);
  if (decidedOn && submittedOn && decidedOn < submittedOn) {
    throw badRequest('立案日期不能早于提交日期', { decidedOn: '不能早于提交日期' });
  }
  const fields = {
    number: patched(input.number, before?.number),
    submittedOn: submittedOn!,
    year: Number(submittedOn!.slice(0, 4)),
    status,
    decidedOn: status === 'pending' ? null : decidedOn,
    handlingResult: patched(input.handlingResult, before?.handlingResult),
  };
  return proposals.stored(db, who, id, { input, before, fields, named: { lead, cosigners } }, (trx, pid) =>
    addProposalMembers(trx, pid, lead, cosigners),
  );
}

export async function saveReport(db: Db, who: Who, id: string | null, input: Partial<ReportInput>) {
  const actor = who.actor!;
  const before = await reports.opened(db, actor, id);
  const memberIds = input.memberIds ?? before?.members.map((m) => m.id) ?? [];
  if (memberIds.length === 0) throw badRequest('至少一名参与委员', { memberIds: '至少一名参与委员' });
  await reports.checked(db, actor, before, input, { memberIds: ['member', memberIds] });
  const completedOn = input.completedOn ?? before!.completedOn;
  const fields = {
    summary: patched(input.summary, before?.summary),
    completedOn,
    year: Number(completedOn.slice(0, 4)),
  };
  return reports.stored(db, who, id, { input, before, fields, named: { memberIds } }, (trx, rid) =>
    addReportMembers(trx, rid, memberIds),
  );
}
