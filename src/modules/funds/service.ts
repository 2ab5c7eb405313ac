import { beijingDate, yearOf } from '../../domain/calendar.js';
import {
  DEFAULT_APPROVAL_THRESHOLD_FEN,
  EXPENSE_CATEGORY_LABELS,
  formatFen,
  parseYuan,
} from '../../domain/money.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { getHome } from '../homes/service.js';
import { decidesEntry, directsHome, fundViewer, ledgerActions, ownsFunds, readsFunds } from './policy.js';
import { presentEntry, presentLedger, presentReport, presentSettings, presentTotals } from './presenter.js';
import {
  decideEntry,
  entriesOfYear,
  entryById,
  homeAttachment,
  homeNames,
  hostedActivity,
  insertEntry,
  ledgerSums,
  lockLedger,
  markReversed,
  pendingEntriesPage,
  regionNames,
  reportSums,
  saveThreshold,
  storedThreshold,
  THRESHOLD_KEY,
} from './repo.js';
import type { AllocationInput, ExpenditureInput, ReportQuery } from './schema.js';

/**
 * The duty funds ledger (R22): allocations to a home for a year by the owning unit (the office for
 * a municipal home, the district CPPCC for a district one), expenditures against them, approval of
 * large ones, and reversing entries instead of edits.
 */

export async function approvalThreshold(db: Db): Promise<number> {
  const value = await storedThreshold(db);
  return typeof value === 'number' ? value : DEFAULT_APPROVAL_THRESHOLD_FEN;
}

/** The approval threshold as the settings page shows it. */
export async function fundSettings(db: Db) {
  return presentSettings(await approvalThreshold(db));
}

export async function setApprovalThreshold(db: Db, who: Who, fen: number) {
  await db.transaction().execute(async (trx) => {
    const before = await approvalThreshold(trx);
    await saveThreshold(trx, fen);
    await recordAudit(trx, who, {
      action: 'funds.threshold',
      objectType: 'setting',
      objectId: THRESHOLD_KEY,
      before,
      after: fen,
    });
  });
  return presentSettings(fen);
}

async function fundHome(db: Db, actor: Actor, homeId: string) {
  const home = await getHome(db, actor, homeId);
  // a plain member of the home sees no money; vice chairs and committee staff read
  if (!readsFunds(actor, home)) throw forbidden('无权查看该委员之家的经费');
  const owner = ownsFunds(actor, home);
  return { home, owner, maySpend: owner || directsHome(actor, home) };
}

/** allocated, spent, pending, balance and available of one home and year, in fen, summed in SQL. */
async function totalsOf(db: Db, homeId: string, year: number) {
  return presentTotals(await ledgerSums(db, homeId, year));
}

export async function homeLedger(db: Db, actor: Actor, homeId: string, year: number) {
  const { home, owner } = await fundHome(db, actor, homeId);
  const [totals, rows, thresholdFen] = await Promise.all([
    totalsOf(db, home.id, year),
    entriesOfYear(db, home.id, year),
    approvalThreshold(db),
  ]);
  return presentLedger(
    home,
    year,
    totals,
    thresholdFen,
    rows,
    fundViewer(actor, owner),
    ledgerActions(actor, home),
  );
}

function amountOf(input: { amount: string }) {
  const fen = parseYuan(input.amount);
  if (fen === null || fen === 0) throw badRequest('金额应大于 0', { amount: '金额应大于 0' });
  return fen;
}

export async function allocate(db: Db, who: Who, homeId: string, input: AllocationInput) {
  const actor = who.actor!;
  const { home, owner } = await fundHome(db, actor, homeId);
  if (!owner) throw forbidden('只有市政协办公室或旗区政协可以拨付经费');
  const fen = amountOf(input);
  const year = Number(input.occurredOn.slice(0, 4));
  await db.transaction().execute(async (trx) => {
    await lockLedger(trx, home.id, year);
    const id = await insertEntry(trx, {
      homeId: home.id,
      year,
      kind: 'allocation',
      amountFen: fen,
      occurredOn: input.occurredOn,
      description: input.description,
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    await recordAudit(trx, who, {
      action: 'funds.allocate',
      objectType: 'fund_entry',
      objectId: id,
      after: { homeId, fen, ...input },
    });
  });
  return homeLedger(db, actor, home.id, year);
}

export async function spend(db: Db, who: Who, homeId: string, input: ExpenditureInput) {
  const actor = who.actor!;
  const { home, maySpend } = await fundHome(db, actor, homeId);
  if (!maySpend) throw forbidden('只有委员之家负责人或经费管理单位可以登记支出');
  const fen = amountOf(input);
  const year = Number(input.occurredOn.slice(0, 4));
  if (input.activityId) {
    const hosted = isUuid(input.activityId) ? await hostedActivity(db, input.activityId, home.id) : undefined;
    if (!hosted) throw badRequest('活动不是本委员之家承办的', { activityId: '活动不是本委员之家承办的' });
  }
  if (input.receiptAttachmentId) {
    const receipt = isUuid(input.receiptAttachmentId)
      ? await homeAttachment(db, input.receiptAttachmentId, home.id)
      : undefined;
    if (!receipt) throw badRequest('票据须先上传为本委员之家的附件', { receiptAttachmentId: '找不到该票据' });
  }
  await db.transaction().execute(async (trx) => {
    await lockLedger(trx, home.id, year);
    const status = fen > (await approvalThreshold(trx)) ? 'pending' : 'approved';
    const totals = await totalsOf(trx, home.id, year);
    if (fen > totals.availableFen) {
      throw badRequest('超出可用余额，请先追加拨款', {
        amount: `可用余额为 ${formatFen(totals.availableFen)} 元，请先追加拨款`,
      });
    }
    const id = await insertEntry(trx, {
      homeId: home.id,
      year,
      kind: 'expenditure',
      amountFen: fen,
      category: input.category,
      occurredOn: input.occurredOn,
      description: input.description,
      activityId: input.activityId ?? null,
      receiptAttachmentId: input.receiptAttachmentId ?? null,
      status,
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    await recordAudit(trx, who, {
      action: 'funds.spend',
      objectType: 'fund_entry',
      objectId: id,
      after: { homeId, fen, status, ...input },
    });
  });
  return homeLedger(db, actor, home.id, year);
}

async function entryFor(db: Db, actor: Actor, id: string) {
  const entry = isUuid(id) ? await entryById(db, id) : undefined;
  if (!entry) throw notFound('找不到该经费记录');
  const { home, owner } = await fundHome(db, actor, entry.homeId).catch((err: unknown) => {
    // a home the actor cannot see, or whose money they may not read, hides its entries: they
    // learn nothing of whether one exists
    if (err instanceof AppError && (err.status === 404 || err.status === 403))
      throw notFound('找不到该经费记录');
    throw err;
  });
  return { entry, home, owner };
}

/** The owning unit approves or rejects an expenditure above the threshold. */
export async function decide(db: Db, who: Who, id: string, approve: boolean, note?: string) {
  const actor = who.actor!;
  const { entry, home, owner } = await entryFor(db, actor, id);
  const viewer = fundViewer(actor, owner);
  const escalated = Boolean(entry.escalated);
  if (!owner && !(viewer.office && escalated)) throw forbidden('只有经费管理单位可以审批');
  if (entry.status !== 'pending') throw new AppError(409, 'INVALID_TRANSITION', '该支出不在待审批状态');
  if (!decidesEntry(viewer, { ...entry, escalated })) {
    throw forbidden('自己登记的支出须由本单位其他工作人员审批');
  }
  if (!approve && !note) throw badRequest('不予批准须说明理由', { note: '请填写理由' });
  await db.transaction().execute(async (trx) => {
    const updated = await decideEntry(trx, entry.id, {
      status: approve ? 'approved' : 'rejected',
      decidedBy: actor.userId,
      note: note ?? null,
    });
    if (updated !== 1) throw new AppError(409, 'INVALID_TRANSITION', '该支出已被他人处理');
    await recordAudit(trx, who, {
      action: approve ? 'funds.approve' : 'funds.reject',
      objectType: 'fund_entry',
      objectId: entry.id,
      before: { status: entry.status },
      after: { status: approve ? 'approved' : 'rejected', note: note ?? null },
    });
  });
  return homeLedger(db, actor, home.id, entry.year);
}

/**
 * A correction: a new entry of the opposite amount that names the one it reverses. Amounts are
 * never edited. Reversing an allocation is refused when the money is already spent.
 */
export async function reverse(db: Db, who: Who, id: string, reason: string) {
  const actor = who.actor!;
  const { entry, home, owner } = await entryFor(db, actor, id);
  if (!owner) throw forbidden('只有经费管理单位可以冲正');
  if (entry.status !== 'approved') throw new AppError(409, 'INVALID_TRANSITION', '只能冲正已生效的记录');
  if (entry.reversesId) throw new AppError(409, 'INVALID_TRANSITION', '冲正记录不能再冲正');
  if (entry.reversedById) throw conflict('该记录已冲正');
  const fen = Number(entry.amountFen);
  await db.transaction().execute(async (trx) => {
    await lockLedger(trx, home.id, entry.year);
    if (entry.kind === 'allocation') {
      const totals = await totalsOf(trx, home.id, entry.year);
      if (totals.availableFen - fen < 0) {
        throw new AppError(
          409,
          'CONFLICT',
          `冲正后可用余额将为负（${formatFen(totals.availableFen - fen)} 元）`,
        );
      }
    }
    const reversalId = await insertEntry(trx, {
      homeId: home.id,
      year: entry.year,
      kind: entry.kind,
      amountFen: -fen,
      category: entry.category,
      occurredOn: beijingDate(new Date()),
      description: `冲正：${reason}`,
      activityId: entry.activityId,
      reversesId: entry.id,
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    // a reversal made in a later year still belongs to the entry's year; of two at once, one wins
    if (!(await markReversed(trx, entry.id, reversalId))) throw conflict('该记录已冲正');
    await recordAudit(trx, who, {
      action: 'funds.reverse',
      objectType: 'fund_entry',
      objectId: entry.id,
      before: { reversalId: entry.reversedById },
      after: { reversalId, reason },
    });
  });
  return homeLedger(db, actor, home.id, entry.year);
}

/** Expenditures waiting for the actor's approval. */
export async function pendingApprovals(db: Db, actor: Actor, q: { page: number; pageSize: number }) {
  const page = await pendingEntriesPage(db, actor, q);
  // every row here waits for this actor's decision (the list holds only the homes they own)
  return {
    ...page,
    items: page.items.map((row) => presentEntry(row, fundViewer(actor, true), 0)),
  };
}

/** Allocated, spent, pending and balance by home, district or category, for the homes in scope. */
export async function fundReport(db: Db, actor: Actor, query: ReportQuery, now = new Date()) {
  const year = query.year ?? yearOf(now);
  const rows = await reportSums(db, actor, query.groupBy, year);
  const labels = await labelsFor(
    db,
    query.groupBy,
    rows.map((r) => r.key),
  );
  return presentReport(year, query.groupBy, rows, labels);
}

async function labelsFor(db: Db, groupBy: ReportQuery['groupBy'], keys: string[]) {
  if (groupBy === 'category') {
    return new Map(
      keys.map((k) => [k, EXPENSE_CATEGORY_LABELS[k as keyof typeof EXPENSE_CATEGORY_LABELS] ?? '拨款']),
    );
  }
  if (keys.length === 0) return new Map<string, string>();
  if (groupBy === 'home') {
    const homes = await homeNames(db, keys);
    return new Map(homes.map((h) => [h.id, h.name]));
  }
  const regions = await regionNames(db, keys);
  return new Map([
    ['municipal', '市级委员之家'],
    ...regions.map((r) => [r.code, r.name] as [string, string]),
  ]);
}
