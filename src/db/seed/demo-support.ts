/**
 * The demo's training and duty funds (培训与履职经费示例数据), as of the day the demo is created: a
 * training held last quarter with its attendance (so its certificates print), one coming that
 * members may enrol in themselves, up to its places, and one coming by invitation only; and the
 * ledgers of a few homes in the demo accounts' units — this year's allocations, small expenditures
 * in force, one large expenditure approved, one refused, one waiting for the district's approval
 * and one corrected by a reversing entry.
 */
import { type Insertable, sql } from 'kysely';
import { beijingDate, type Quarter, quarterOf, quarterRange, yearOf } from '../../domain/calendar.js';
import { orgUnitId } from '../reference/org-units.js';
import type { Db, FundEntryTable, TrainingEnrolmentTable, TrainingTable } from '../schema.js';
import { insertChunked, Rng } from './demo-homes.js';

const SEED = 20260615;
const DAY = 86_400_000;
/** The letters of a training's check-in code after its T (as the training service draws them). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const ACCOUNTS = ['office', 'dongsheng', 'wushen', 'director', 'member'] as const;
type Account = (typeof ACCOUNTS)[number];
type Accounts = Record<Account, { id: string; displayName: string }>;

// ---------------------------------------------------------------------------------------------
// Beijing calendar days as numbers, as in demo-year.ts

const dayOf = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`) / DAY;
const ymdOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const at = (day: number, hour: number, minute = 0) =>
  new Date(
    Date.parse(`${ymdOf(day)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`),
  );
/** The first working day (Monday to Friday) on or after `day`. */
function workingDayFrom(day: number): number {
  let d = day;
  while ([0, 6].includes(new Date(d * DAY).getUTCDay())) d++;
  return d;
}

// ---------------------------------------------------------------------------------------------
// Training

type TrainingRow = Insertable<TrainingTable> & { id: string };

function trainingCode(rng: Rng): string {
  return `T${Array.from({ length: 6 }, () => rng.pick([...CODE_ALPHABET])).join('')}`;
}

/**
 * 履职能力培训班 held in the middle of last quarter by the office (its trainees enrolled by the
 * office; all but one attended, two by checking in, one recorded by hand); 平台操作培训 in the
 * coming fortnight, open to the city's members up to 30 places; and a 东胜区 session its CPPCC
 * holds for the directors it invites.
 */
function buildTrainings(rng: Rng, accounts: Accounts, now: Date) {
  const today = dayOf(beijingDate(now));
  const { year, quarter } = quarterOf(now);
  const last =
    quarter === 1 ? { year: year - 1, quarter: 4 as Quarter } : { year, quarter: (quarter - 1) as Quarter };
  const lastStart = dayOf(beijingDate(quarterRange(last.year, last.quarter).start));
  const trainings: TrainingRow[] = [];
  const enrolments: Array<Insertable<TrainingEnrolmentTable>> = [];

  const heldDay = workingDayFrom(lastStart + 45);
  const held: TrainingRow = {
    id: rng.uuid(),
    title: `${last.year}年度委员之家负责人履职能力培训班`,
    organiserUnitId: orgUnitId.office,
    startsAt: at(heldDay, 9),
    endsAt: at(heldDay, 16, 30),
    place: '市政协机关三楼会议室',
    description:
      '学习《关于委员之家（委员工作室）建设的实施意见（试行）》，交流“六有”建设和活动开展经验，演示工作平台的活动登记、签到和年度总结。',
    status: 'held',
    checkinCode: trainingCode(rng),
    audience: 'invited',
    capacity: null,
    createdBy: accounts.office.id,
    createdAt: at(heldDay - 21, 10),
    updatedAt: at(heldDay, 17),
  };
  trainings.push(held);
  const heldStart = (held.startsAt as Date).getTime();
  const attendance: Array<[Account, 'checkin' | 'manual' | null, number]> = [
    ['director', 'checkin', -12],
    ['member', 'checkin', -5],
    ['dongsheng', 'manual', 0],
    ['wushen', null, 0],
  ];
  for (const [account, source, minutes] of attendance) {
    enrolments.push({
      trainingId: held.id,
      userId: accounts[account].id,
      attendedAt: source ? new Date(heldStart + minutes * 60_000) : null,
      source,
      selfEnrolled: false,
      enrolledAt: at(heldDay - 20, 11),
    });
  }

  const openDay = workingDayFrom(today + 9);
  const open: TrainingRow = {
    id: rng.uuid(),
    title: '委员履职平台操作培训',
    organiserUnitId: orgUnitId.office,
    startsAt: at(openDay, 14, 30),
    endsAt: at(openDay, 17),
    place: '市政协机关二楼培训室（同步开通线上会议）',
    description:
      '面向全市政协委员：手机签到、履职档案查看、社情民意提交和委员工作室日常管理。名额 30 人，报满为止。',
    status: 'planned',
    checkinCode: trainingCode(rng),
    audience: 'members',
    capacity: 30,
    createdBy: accounts.office.id,
    createdAt: new Date(now.getTime() - 5 * DAY),
    updatedAt: new Date(now.getTime() - 5 * DAY),
  };
  trainings.push(open);
  enrolments.push({
    trainingId: open.id,
    userId: accounts.director.id,
    attendedAt: null,
    source: null,
    selfEnrolled: true,
    enrolledAt: new Date(now.getTime() - 3 * DAY),
  });

  const invitedDay = workingDayFrom(today + 16);
  const invited: TrainingRow = {
    id: rng.uuid(),
    title: '东胜区委员之家负责人座谈培训',
    organiserUnitId: orgUnitId.district('150602'),
    startsAt: at(invitedDay, 9, 30),
    endsAt: at(invitedDay, 12),
    place: '东胜区政协四楼会议室',
    description: '区政协指定参加：年度工作总结的撰写和评比材料准备，交流群众意见办理情况。',
    status: 'planned',
    checkinCode: trainingCode(rng),
    audience: 'invited',
    capacity: null,
    createdBy: accounts.dongsheng.id,
    createdAt: new Date(now.getTime() - 2 * DAY),
    updatedAt: new Date(now.getTime() - 2 * DAY),
  };
  trainings.push(invited);
  enrolments.push({
    trainingId: invited.id,
    userId: accounts.director.id,
    attendedAt: null,
    source: null,
    selfEnrolled: false,
    enrolledAt: new Date(now.getTime() - 2 * DAY),
  });
  return { trainings, enrolments };
}

// ---------------------------------------------------------------------------------------------
// Duty funds

type EntryRow = Insertable<FundEntryTable> & { id: string };

interface FundHome {
  id: string;
  level: 'municipal' | 'district';
  ownerUnitId: string;
  /** held activities of this year, earliest first: what expenditures name */
  activities: Array<{ id: string; day: number; title: string }>;
}

const SMALL_SPENDING: Array<{ category: string; description: string; min: number; max: number }> = [
  { category: 'activity', description: '协商议事活动茶歇和资料', min: 300, max: 1200 },
  { category: 'printing', description: '印制委员履职宣传折页', min: 400, max: 1800 },
  { category: 'activity', description: '委员进社区接待群众活动用品', min: 200, max: 900 },
  { category: 'venue', description: '活动室水电和保洁费用', min: 600, max: 2400 },
  { category: 'equipment', description: '购置签到和活动记录用平板电脑', min: 2000, max: 4600 },
];

const yuan = (amount: number) => amount * 100;

/**
 * The ledgers: an allocation this year for each home, two or three small expenditures in force;
 * at the director's home a large expenditure approved, one refused and one waiting for 东胜区政协;
 * at another 东胜区 home a printing bill booked wrong, reversed and booked again.
 */
function buildFunds(rng: Rng, accounts: Accounts, homes: FundHome[], directorHomeId: string, now: Date) {
  const today = dayOf(beijingDate(now));
  const year = yearOf(now);
  const entries: EntryRow[] = [];
  const owner = (home: FundHome) =>
    home.level === 'municipal'
      ? accounts.office
      : home.ownerUnitId === orgUnitId.district('150602')
        ? accounts.dongsheng
        : accounts.wushen;
  const entry = (
    home: FundHome,
    by: { id: string; displayName: string },
    day: number,
    fields: Pick<EntryRow, 'kind' | 'amountFen' | 'description'> & Partial<EntryRow>,
  ): EntryRow => {
    const row: EntryRow = {
      id: rng.uuid(),
      homeId: home.id,
      year,
      category: null,
      occurredOn: ymdOf(day),
      activityId: null,
      status: 'approved',
      createdBy: by.id,
      createdByName: by.displayName,
      createdAt: at(day, rng.int(9, 16), rng.int(0, 59)),
      ...fields,
    };
    entries.push(row);
    return row;
  };
  const decided = (row: EntryRow, by: { id: string }, days: number, status: string, note: string | null) => {
    const day = Math.min(today, dayOf(row.occurredOn) + days);
    Object.assign(row, { status, decidedBy: by.id, decidedAt: at(day, 10, 20), decisionNote: note });
  };

  const firstDay = dayOf(`${year}-01-01`);
  for (const home of homes) {
    const by = owner(home);
    // the director's home spends most: it gets the most
    const allocated = home.id === directorHomeId ? 40_000 : rng.pick([20_000, 25_000, 30_000]);
    const allocatedOn = Math.min(today, workingDayFrom(firstDay + rng.int(10, 40)));
    entry(home, by, allocatedOn, {
      kind: 'allocation',
      amountFen: yuan(allocated),
      description: `${year}年度委员之家运行经费`,
    });
    const spender = home.id === directorHomeId ? accounts.director : by;
    const after = home.activities.filter((a) => a.day > allocatedOn);
    const spent = rng.sample(after, Math.min(after.length, rng.int(2, 3)));
    for (const activity of spent.sort((a, b) => a.day - b.day)) {
      const kind = rng.pick(SMALL_SPENDING);
      entry(home, spender, activity.day, {
        kind: 'expenditure',
        amountFen: yuan(rng.int(kind.min, kind.max)),
        category: kind.category,
        description: `${kind.description}（${activity.title}）`,
        activityId: kind.category === 'activity' || kind.category === 'printing' ? activity.id : null,
      });
    }
  }

  const directorHome = homes.find((h) => h.id === directorHomeId);
  if (directorHome) {
    const clerk = accounts.dongsheng;
    const approved = entry(directorHome, accounts.director, workingDayFrom(today - 60), {
      kind: 'expenditure',
      amountFen: yuan(6_800),
      category: 'equipment',
      description: '更新委员之家活动室桌椅',
    });
    decided(approved, clerk, 2, 'approved', '同意，按政府采购有关规定购置。');
    const refused = entry(directorHome, accounts.director, workingDayFrom(today - 35), {
      kind: 'expenditure',
      amountFen: yuan(5_600),
      category: 'other',
      description: '组织委员赴外地考察学习交通费',
    });
    decided(refused, clerk, 3, 'rejected', '外出考察不在本年度经费预算内，请纳入明年工作计划。');
    entry(directorHome, accounts.director, today - 3, {
      kind: 'expenditure',
      amountFen: yuan(8_600),
      category: 'equipment',
      description: '购置会议室音响和投影设备',
      status: 'pending',
    });
  }

  const corrected = homes.find(
    (h) => h.id !== directorHomeId && h.ownerUnitId === orgUnitId.district('150602'),
  );
  if (corrected) {
    const clerk = accounts.dongsheng;
    const day = workingDayFrom(today - 24);
    const wrong = entry(corrected, clerk, day, {
      kind: 'expenditure',
      amountFen: yuan(1_280),
      category: 'printing',
      description: '印制“委员进万家”宣传册',
    });
    const reversal = entry(corrected, clerk, day + 1, {
      kind: 'expenditure',
      amountFen: -yuan(1_280),
      category: 'printing',
      description: '冲正：金额录入有误，应为 1,208 元',
      reversesId: wrong.id,
    });
    entry(corrected, clerk, day + 1, {
      kind: 'expenditure',
      amountFen: yuan(1_208),
      category: 'printing',
      description: '印制“委员进万家”宣传册（更正）',
    });
    return { entries, reversals: [{ id: wrong.id, reversedById: reversal.id }] };
  }
  return { entries, reversals: [] };
}

/**
 * The homes whose funds the demo accounts handle: the director's, three more of 东胜区, two of
 * 乌审旗 and two municipal ones, each with the activities it held this year.
 */
async function fundHomes(db: Db, directorHomeId: string, now: Date): Promise<FundHome[]> {
  const homes = await db
    .selectFrom('homes')
    .select(['id', 'level', 'ownerUnitId', 'name'])
    .where('status', '=', 'operating')
    .where((eb) =>
      eb.or([
        eb('level', '=', 'municipal'),
        eb('ownerUnitId', 'in', [orgUnitId.district('150602'), orgUnitId.district('150626')]),
      ]),
    )
    .orderBy('plaqueAwardedOn')
    .orderBy('id')
    .execute();
  const quota: Record<string, number> = {
    municipal: 2,
    [orgUnitId.district('150602')]: 3,
    [orgUnitId.district('150626')]: 2,
  };
  const chosen = homes.filter((h) => {
    if (h.id === directorHomeId) return true;
    const key = h.level === 'municipal' ? 'municipal' : h.ownerUnitId;
    if (!quota[key]) return false;
    quota[key] -= 1;
    return true;
  });
  if (chosen.length === 0) return [];
  const { start } = quarterRange(yearOf(now), 1);
  const activities = await db
    .selectFrom('activities')
    .innerJoin('activityHosts', 'activityHosts.activityId', 'activities.id')
    .select(['activityHosts.homeId', 'activities.id', 'activities.title', 'activities.startsAt'])
    .where(
      'activityHosts.homeId',
      'in',
      chosen.map((h) => h.id),
    )
    .where('activities.status', '=', 'held')
    .where('activities.kind', '!=', 'duty_day')
    .where('activities.startsAt', '>=', start)
    .where('activities.startsAt', '<', now)
    .orderBy('activities.startsAt')
    .orderBy('activities.id')
    .execute();
  return chosen.map((h) => ({
    id: h.id,
    level: h.level,
    ownerUnitId: h.ownerUnitId,
    activities: activities
      .filter((a) => a.homeId === h.id)
      .map((a) => ({ id: a.id, title: a.title, day: dayOf(beijingDate(a.startsAt)) })),
  }));
}

// ---------------------------------------------------------------------------------------------
// The seed

const isComplete = (accounts: Partial<Accounts>): accounts is Accounts =>
  ACCOUNTS.every((name) => accounts[name] !== undefined);

async function alreadyThere(db: Db): Promise<boolean> {
  const [training, entry] = await Promise.all([
    db.selectFrom('trainings').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('fundEntries').select('id').limit(1).executeTakeFirst(),
  ]);
  return Boolean(training || entry);
}

/**
 * Seeds the trainings and the ledgers once, on a database with the demo accounts and homes and
 * neither trainings nor fund entries yet, in one transaction.
 */
export async function seedDemoSupport(db: Db, now = new Date()): Promise<boolean> {
  const users = await db
    .selectFrom('users')
    .leftJoin('userRoles', (join) =>
      join.onRef('userRoles.userId', '=', 'users.id').on('userRoles.role', '=', 'home_director'),
    )
    .select(['users.id', 'users.username', 'users.displayName', 'userRoles.scopeId'])
    .where('users.username', 'in', [...ACCOUNTS])
    .execute();
  const accounts: Partial<Accounts> = {};
  for (const user of users) accounts[user.username as Account] = user;
  const directorHomeId = users.find((u) => u.username === 'director')?.scopeId;
  if (!isComplete(accounts) || !directorHomeId || (await alreadyThere(db))) return false;

  const rng = new Rng(SEED);
  const { trainings, enrolments } = buildTrainings(rng, accounts, now);
  const homes = await fundHomes(db, directorHomeId, now);
  const { entries, reversals } = buildFunds(rng, accounts, homes, directorHomeId, now);

  return db.transaction().execute(async (trx) => {
    // a second instance starting at the same moment waits here, then finds the trainings
    await sql`lock table trainings in exclusive mode`.execute(trx);
    if (await alreadyThere(trx)) return false;
    await insertChunked(trx, 'trainings', trainings);
    await insertChunked(trx, 'trainingEnrolments', enrolments);
    await insertChunked(trx, 'fundEntries', entries);
    for (const r of reversals) {
      await trx
        .updateTable('fundEntries')
        .set({ reversedById: r.reversedById })
        .where('id', '=', r.id)
        .execute();
    }
    return true;
  });
}
