import { sql } from 'kysely';
import { beijingDate, yearOf } from '../../domain/calendar.js';
import {
  DEFAULT_APPROVAL_THRESHOLD_FEN,
  EXPENSE_CATEGORY_LABELS,
  formatFen,
  parseYuan,
} from '../../domain/money.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { isUuid, pageOf } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { getHome } from '../homes/service.js';
import {
  directsHome,
  entryActions,
  fundScope,
  ledgerActions,
  ownedFunds,
  ownsFunds,
  readsFunds,
} from './policy.js';
import type { AllocationInput, ExpenditureInput, ReportQuery } from './schema.js';

/**
 * The duty funds ledger (R22): allocations to a home for a year by the owning unit (the office for
 * a municipal home, the district CPPCC for a district one), expenditures against them, approval of
 * large ones, and reversing entries instead of edits.
 */

const THRESHOLD_KEY = 'funds.approval_threshold_fen';

export async function approvalThreshold(db: Db): Promise<number> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', THRESHOLD_KEY)
    .executeTakeFirst();
  return typeof row?.value === 'number' ? row.value : DEFAULT_APPROVAL_THRESHOLD_FEN;
}

export async function setApprovalThreshold(db: Db, who: Who, fen: number) {
  const before = await approvalThreshold(db);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: THRESHOLD_KEY, value: JSON.stringify(fen) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(fen) }))
      .execute();
    await recordAudit(trx, who, {
      action: 'funds.threshold',
      objectType: 'setting',
      objectId: THRESHOLD_KEY,
      before,
      after: fen,
    });
  });
  return { approvalThresholdFen: fen, approvalThreshold: formatFen(fen) };
}

async function fundHome(db: Db, actor: Actor, homeId: string) {
  const home = await getHome(db, actor, homeId);
  // a plain member of the home sees no money; vice chairs and committee staff read
  if (!readsFunds(actor, home)) throw forbidden('无权查看该委员之家的经费');
  const owner = ownsFunds(actor, home);
  return { home, owner, maySpend: owner || directsHome(actor, home) };
}

const ENTRY_COLUMNS = [
  'fundEntries.id',
  'fundEntries.homeId',
  'homes.name as homeName',
  'fundEntries.year',
  'fundEntries.kind',
  'fundEntries.amountFen',
  'fundEntries.category',
  sql<string>`fund_entries.occurred_on::text`.as('occurredOn'),
  'fundEntries.description',
  'fundEntries.activityId',
  'fundEntries.receiptAttachmentId',
  'fundEntries.status',
  'fundEntries.reversesId',
  'fundEntries.reversedById',
  'fundEntries.createdByName',
  'fundEntries.createdAt',
  'fundEntries.decidedAt',
  'fundEntries.decisionNote',
] as const;

const entries = (db: Db) =>
  db.selectFrom('fundEntries').innerJoin('homes', 'homes.id', 'fundEntries.homeId').select(ENTRY_COLUMNS);

type EntryRow = Awaited<ReturnType<ReturnType<typeof entries>['execute']>>[number];

/** An entry as answered, with what the actor may do to it (`owner`: the actor owns the home's funds). */
const presentEntry = (e: EntryRow, owner: boolean, availableFen: number) => {
  const amountFen = Number(e.amountFen);
  return {
    ...e,
    kind: e.kind,
    amountFen,
    amount: formatFen(e.amountFen),
    status: e.status as 'pending' | 'approved' | 'rejected',
    createdAt: e.createdAt.toISOString(),
    decidedAt: e.decidedAt ? e.decidedAt.toISOString() : null,
    allowedActions: entryActions(owner, { ...e, amountFen }, availableFen),
  };
};

/** allocated, spent and pending of one home and year, in fen, summed in SQL. */
async function totalsOf(db: Db, homeId: string, year: number) {
  const row = await db
    .selectFrom('fundEntries')
    .select([
      sql<string>`coalesce(sum(amount_fen) filter (where kind = 'allocation' and status = 'approved'), 0)`.as(
        'allocated',
      ),
      sql<string>`coalesce(sum(amount_fen) filter (where kind = 'expenditure' and status = 'approved'), 0)`.as(
        'spent',
      ),
      sql<string>`coalesce(sum(amount_fen) filter (where kind = 'expenditure' and status = 'pending'), 0)`.as(
        'pending',
      ),
    ])
    .where('homeId', '=', homeId)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  const allocatedFen = Number(row.allocated);
  const spentFen = Number(row.spent);
  const pendingFen = Number(row.pending);
  return {
    allocatedFen,
    spentFen,
    pendingFen,
    balanceFen: allocatedFen - spentFen,
    availableFen: allocatedFen - spentFen - pendingFen,
  };
}

export async function homeLedger(db: Db, actor: Actor, homeId: string, year: number) {
  const { home, owner } = await fundHome(db, actor, homeId);
  const [totals, rows, thresholdFen] = await Promise.all([
    totalsOf(db, home.id, year),
    entries(db)
      .where('fundEntries.homeId', '=', home.id)
      .where('fundEntries.year', '=', year)
      .orderBy('fundEntries.occurredOn')
      .orderBy('fundEntries.createdAt')
      .execute(),
    approvalThreshold(db),
  ]);
  return {
    homeId: home.id,
    homeName: home.name,
    year,
    ...totals,
    thresholdFen,
    entries: rows.map((row) => presentEntry(row, owner, totals.availableFen)),
    allowedActions: ledgerActions(actor, home),
  };
}

function amountOf(input: { amount: string }) {
  const fen = parseYuan(input.amount);
  if (fen === null || fen === 0) throw badRequest('金额应大于 0', { amount: '金额应大于 0' });
  return fen;
}

/** One home's ledger changes one at a time, so two expenditures cannot both use the last yuan. */
const lockLedger = (trx: Db, homeId: string, year: number) =>
  sql`select pg_advisory_xact_lock(hashtext(${`funds:${homeId}:${year}`}))`.execute(trx);

export async function allocate(db: Db, who: Who, homeId: string, input: AllocationInput) {
  const actor = who.actor!;
  const { home, owner } = await fundHome(db, actor, homeId);
  if (!owner) throw forbidden('只有市政协办公室或旗区政协可以拨付经费');
  const fen = amountOf(input);
  const year = Number(input.occurredOn.slice(0, 4));
  await db.transaction().execute(async (trx) => {
    await lockLedger(trx, home.id, year);
    const { id } = await trx
      .insertInto('fundEntries')
      .values({
        homeId: home.id,
        year,
        kind: 'allocation',
        amountFen: fen,
        occurredOn: input.occurredOn,
        description: input.description,
        createdBy: actor.userId,
        createdByName: actor.displayName,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
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
    const hosted = isUuid(input.activityId)
      ? await db
          .selectFrom('activityHosts')
          .select('activityId')
          .where('activityId', '=', input.activityId)
          .where('homeId', '=', home.id)
          .executeTakeFirst()
      : undefined;
    if (!hosted) throw badRequest('活动不是本委员之家承办的', { activityId: '活动不是本委员之家承办的' });
  }
  if (input.receiptAttachmentId) {
    const receipt = isUuid(input.receiptAttachmentId)
      ? await db
          .selectFrom('attachments')
          .select('id')
          .where('id', '=', input.receiptAttachmentId)
          .where('ownerType', '=', 'home')
          .where('ownerId', '=', home.id)
          .executeTakeFirst()
      : undefined;
    if (!receipt) throw badRequest('票据须先上传为本委员之家的附件', { receiptAttachmentId: '找不到该票据' });
  }
  const threshold = await approvalThreshold(db);
  const status = fen > threshold ? 'pending' : 'approved';
  await db.transaction().execute(async (trx) => {
    await lockLedger(trx, home.id, year);
    const totals = await totalsOf(trx, home.id, year);
    if (fen > totals.availableFen) {
      throw badRequest('超出可用余额，请先追加拨款', {
        amount: `可用余额为 ${formatFen(totals.availableFen)} 元，请先追加拨款`,
      });
    }
    const { id } = await trx
      .insertInto('fundEntries')
      .values({
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
      })
      .returning('id')
      .executeTakeFirstOrThrow();
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
  const entry = isUuid(id)
    ? await entries(db).where('fundEntries.id', '=', id).executeTakeFirst()
    : undefined;
  if (!entry) throw notFound('找不到该经费记录');
  const { home, owner } = await fundHome(db, actor, entry.homeId).catch((err: unknown) => {
    // a home the actor cannot see hides its money too
    if (err instanceof AppError && err.status === 404) throw notFound('找不到该经费记录');
    throw err;
  });
  return { entry, home, owner };
}

/** The owning unit approves or rejects an expenditure above the threshold. */
export async function decide(db: Db, who: Who, id: string, approve: boolean, note?: string) {
  const actor = who.actor!;
  const { entry, home, owner } = await entryFor(db, actor, id);
  if (!owner) throw forbidden('只有经费管理单位可以审批');
  if (entry.status !== 'pending') throw new AppError(409, 'INVALID_TRANSITION', '该支出不在待审批状态');
  if (!approve && !note) throw badRequest('不予批准须说明理由', { note: '请填写理由' });
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('fundEntries')
      .set({
        status: approve ? 'approved' : 'rejected',
        decidedBy: actor.userId,
        decidedAt: sql`now()`,
        decisionNote: note ?? null,
      })
      .where('id', '=', entry.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new AppError(409, 'INVALID_TRANSITION', '该支出已被他人处理');
    await recordAudit(trx, who, {
      action: approve ? 'funds.approve' : 'funds.reject',
      objectType: 'fund_entry',
      objectId: entry.id,
      after: { note: note ?? null },
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
    const { id: reversalId } = await trx
      .insertInto('fundEntries')
      .values({
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
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // a reversal made in a later year still belongs to the entry's year
    await trx
      .updateTable('fundEntries')
      .set({ reversedById: reversalId })
      .where('id', '=', entry.id)
      .where('reversedById', 'is', null)
      .execute();
    await recordAudit(trx, who, {
      action: 'funds.reverse',
      objectType: 'fund_entry',
      objectId: entry.id,
      after: { reversalId, reason },
    });
  });
  return homeLedger(db, actor, home.id, entry.year);
}

/** Expenditures waiting for the actor's approval. */
export async function pendingApprovals(db: Db, actor: Actor, q: { page: number; pageSize: number }) {
  const base = db
    .selectFrom('fundEntries')
    .innerJoin('homes', 'homes.id', 'fundEntries.homeId')
    .where('fundEntries.status', '=', 'pending')
    .where(ownedFunds(actor));
  return pageOf(
    q,
    base.select(ENTRY_COLUMNS).orderBy('fundEntries.createdAt').orderBy('fundEntries.id'),
    base.select((eb) => eb.fn.countAll<string>().as('n')),
    // every row here waits for this actor's decision (the list holds only the homes they own)
    (rows) => rows.map((row) => presentEntry(row, true, 0)),
  );
}

/** Allocated, spent, pending and balance by home, district or category, for the homes in scope. */
export async function fundReport(db: Db, actor: Actor, query: ReportQuery, now = new Date()) {
  const year = query.year ?? yearOf(now);
  const key =
    query.groupBy === 'home'
      ? sql<string>`homes.id::text`
      : query.groupBy === 'district'
        ? sql<string>`coalesce(case when homes.level = 'municipal' then 'municipal' end, left(homes.region_code, 6), '')`
        : sql<string>`coalesce(fund_entries.category, '')`;
  const rows = await db
    .selectFrom('fundEntries')
    .innerJoin('homes', 'homes.id', 'fundEntries.homeId')
    .where(fundScope(actor))
    .where('fundEntries.year', '=', year)
    .select([
      key.as('key'),
      sql<string>`coalesce(sum(fund_entries.amount_fen) filter (where fund_entries.kind = 'allocation' and fund_entries.status = 'approved'), 0)`.as(
        'allocated',
      ),
      sql<string>`coalesce(sum(fund_entries.amount_fen) filter (where fund_entries.kind = 'expenditure' and fund_entries.status = 'approved'), 0)`.as(
        'spent',
      ),
      sql<string>`coalesce(sum(fund_entries.amount_fen) filter (where fund_entries.kind = 'expenditure' and fund_entries.status = 'pending'), 0)`.as(
        'pending',
      ),
    ])
    .groupBy(key)
    .execute();
  const labels = await labelsFor(
    db,
    query.groupBy,
    rows.map((r) => r.key),
  );
  const out = rows
    .map((r) => {
      const allocatedFen = Number(r.allocated);
      const spentFen = Number(r.spent);
      return {
        key: r.key,
        label: labels.get(r.key) ?? r.key,
        allocatedFen,
        spentFen,
        pendingFen: Number(r.pending),
        balanceFen: allocatedFen - spentFen,
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  const sum = (k: 'allocatedFen' | 'spentFen' | 'pendingFen' | 'balanceFen') =>
    out.reduce((s, r) => s + r[k], 0);
  return {
    year,
    groupBy: query.groupBy,
    rows: out,
    total: {
      allocatedFen: sum('allocatedFen'),
      spentFen: sum('spentFen'),
      pendingFen: sum('pendingFen'),
      balanceFen: sum('balanceFen'),
    },
  };
}

async function labelsFor(db: Db, groupBy: ReportQuery['groupBy'], keys: string[]) {
  if (groupBy === 'category') {
    return new Map(
      keys.map((k) => [k, EXPENSE_CATEGORY_LABELS[k as keyof typeof EXPENSE_CATEGORY_LABELS] ?? '拨款']),
    );
  }
  if (keys.length === 0) return new Map<string, string>();
  if (groupBy === 'home') {
    const homes = await db.selectFrom('homes').select(['id', 'name']).where('id', 'in', keys).execute();
    return new Map(homes.map((h) => [h.id, h.name]));
  }
  const regions = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', keys).execute();
  return new Map([
    ['municipal', '市级委员之家'],
    ...regions.map((r) => [r.code, r.name] as [string, string]),
  ]);
}
