/**
 * The demo's year of running homes (委员之家运行示例数据), as of the day the demo is created: the
 * municipal unified rules and where they are posted, the signs and their photos, plans and
 * year-end summaries, activities held since the start of last year and planned for the coming
 * month with their attendance, and the duty rota of the coming weeks. Homes keep to the 六有 as
 * real ones do — a few exemplary, a few failing, most in between — so the scorecards, the
 * compliance table and an evaluation round come out different from home to home.
 */
import { type Insertable, sql } from 'kysely';
import { ACTIVITY_KIND_FUNCTION, type ActivityKind } from '../../domain/activities.js';
import { beijingDate, QUARTERS, quarterOf, quarterRange, yearOf } from '../../domain/calendar.js';
import { CHECKIN_ALPHABET } from '../../modules/activities/repo/activities.js';
import type { FileStorage } from '../../server/storage.js';
import { DISTRICT_CPPCCS } from '../reference/org-units.js';
import type {
  ActivityTable,
  AttachmentTable,
  AttendanceTable,
  Db,
  DutyShiftTable,
  HomePlanItemTable,
  HomePlanTable,
  HomeSignageTable,
  HomeSummaryTable,
  RulePostingTable,
  RuleTable,
} from '../schema.js';
import { DISTRICT_NAME, insertChunked, Rng } from './demo-homes.js';
import { SIGN_FILENAMES, type SignFacts, type SignItem, signPhoto } from './demo-signage.js';
import {
  activityOutcome,
  activitySummary,
  activityTitle,
  citizensOf,
  departmentsOf,
  pickKind,
  planText,
  REVISED_FUNDS_RULE,
  shiftNote,
  summaryText,
  UNIFIED_RULES,
} from './demo-texts.js';

const SEED = 20260301;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Beijing calendar days as numbers, so that ranges of days are plain arithmetic

const dayOf = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`) / DAY;
const ymdOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const weekdayOf = (day: number) => new Date(day * DAY).getUTCDay();
const at = (day: number, hour: number, minute = 0) =>
  new Date(
    Date.parse(`${ymdOf(day)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`),
  );
/** a working day in [from, to], or null when the range is empty */
function workingDay(rng: Rng, from: number, to: number): number | null {
  if (from > to) return null;
  const day = rng.int(from, to);
  for (const d of [day, day - 1, day + 1, day - 2, day + 2]) {
    if (d >= from && d <= to && weekdayOf(d) !== 0 && weekdayOf(d) !== 6) return d;
  }
  return day;
}

// ---------------------------------------------------------------------------------------------
// How a home keeps to the 六有

/**
 * exemplary: everything, two or three activities a quarter, plan and summary. good: every quarter
 * met but fewer than eight activities a year, no summary. uneven: a sign missing, a quarter missed,
 * a late plan. unruled: the current rules not on the wall, a quarter missed, no plan. failing: the
 * outdoor sign only, no rules, no plan, one or two quarters a year and none this quarter.
 */
type Tier = 'exemplary' | 'good' | 'uneven' | 'unruled' | 'failing';

/** The tiers dealt out to the homes of one evaluation round, earliest plaque first. */
const TIER_CYCLE: Tier[] = [
  'exemplary',
  'good',
  'uneven',
  'failing',
  'unruled',
  'good',
  'exemplary',
  'uneven',
  'good',
  'failing',
  'unruled',
  'good',
];

interface Conduct {
  tier: Tier;
  signs: SignItem[];
  /** photos of the indoor boards too, not only of the outdoor sign */
  boardPhotos: boolean;
  /** the unified rules on the wall: all in force, the 2021 set without last year's revision, none */
  rules: 'all' | 'old' | 'none';
  plan: 'on_time' | 'late' | null;
  summary: boolean;
  /** duty shifts already served or missed, and the duty-day activities they made */
  pastShifts: boolean;
  /** nothing held yet this quarter, though something is planned */
  quarterOpen?: boolean;
}

const ALL_SIGNS: SignItem[] = ['outdoor_sign', 'member_board', 'rules_board'];

const CONDUCT: Record<Tier, Omit<Conduct, 'tier'>> = {
  exemplary: {
    signs: ALL_SIGNS,
    boardPhotos: true,
    rules: 'all',
    plan: 'on_time',
    summary: true,
    pastShifts: true,
  },
  good: {
    signs: ALL_SIGNS,
    boardPhotos: false,
    rules: 'all',
    plan: 'on_time',
    summary: false,
    pastShifts: false,
  },
  uneven: {
    signs: ['outdoor_sign', 'member_board'],
    boardPhotos: false,
    rules: 'all',
    plan: 'late',
    summary: false,
    pastShifts: false,
  },
  unruled: {
    signs: ALL_SIGNS,
    boardPhotos: false,
    rules: 'old',
    plan: null,
    summary: false,
    pastShifts: false,
  },
  failing: {
    signs: ['outdoor_sign'],
    boardPhotos: false,
    rules: 'none',
    plan: null,
    summary: false,
    pastShifts: false,
  },
};

/**
 * The `director` account's home runs well but leaves its director something to do: the rules board
 * and last year's revision of the funds rule are not yet on the wall, this year's summary is due,
 * and this quarter's activity is planned but not yet held.
 */
const DIRECTOR_HOME: Omit<Conduct, 'tier'> = {
  signs: ['outdoor_sign', 'member_board'],
  boardPhotos: true,
  rules: 'old',
  plan: 'on_time',
  summary: true,
  pastShifts: false,
  quarterOpen: true,
};

// ---------------------------------------------------------------------------------------------
// What the seed reads

interface DemoHome {
  id: string;
  name: string;
  kind: string;
  level: 'municipal' | 'district';
  ownerUnitId: string;
  online: boolean;
  address: string | null;
  brand: string | null;
  specialty: string | null;
  plaqueNo: string | null;
  plaqueAwardedOn: string;
  status: string;
  directorMemberId: string | null;
  deputyMemberId: string | null;
  /** the day it was suspended or closed */
  stoppedOn: string | null;
  members: Array<{ id: string; name: string; sector: string | null }>;
}

async function loadHomes(db: Db): Promise<DemoHome[]> {
  const homes = await db
    .selectFrom('homes')
    .select([
      'id',
      'name',
      'kind',
      'level',
      'ownerUnitId',
      'online',
      'address',
      'brand',
      'specialty',
      'plaqueNo',
      'plaqueAwardedOn',
      'status',
      'directorMemberId',
      'deputyMemberId',
      (eb) =>
        eb
          .selectFrom('homeTransitions')
          .select(sql<Date>`max(home_transitions.at)`.as('at'))
          .whereRef('homeTransitions.homeId', '=', 'homes.id')
          .whereRef('homeTransitions.toStatus', '=', 'homes.status')
          .where('homeTransitions.toStatus', 'in', ['suspended', 'closed'])
          .as('stoppedAt'),
    ])
    .where('status', 'in', ['operating', 'suspended', 'closed'])
    .where('plaqueAwardedOn', 'is not', null)
    .orderBy('id')
    .execute();
  const members = await db
    .selectFrom('homeMembers')
    .innerJoin('members', 'members.id', 'homeMembers.memberId')
    .select(['homeMembers.homeId', 'members.id', 'members.name', 'members.sector'])
    .orderBy('homeMembers.homeId')
    .orderBy('members.id')
    .execute();
  return homes.map((h) => ({
    ...h,
    plaqueAwardedOn: h.plaqueAwardedOn!,
    stoppedOn: h.stoppedAt ? beijingDate(new Date(h.stoppedAt)) : null,
    members: members.filter((m) => m.homeId === h.id),
  }));
}

// ---------------------------------------------------------------------------------------------
// Building the year

interface Built {
  rules: Array<Insertable<RuleTable> & { id: string }>;
  postings: Array<Insertable<RulePostingTable>>;
  signage: Array<Insertable<HomeSignageTable>>;
  photos: Array<{ attachment: Insertable<AttachmentTable> & { id: string }; render: () => Promise<Buffer> }>;
  plans: Array<Insertable<HomePlanTable>>;
  planItems: Array<Insertable<HomePlanItemTable> & { id: string }>;
  summaries: Array<Insertable<HomeSummaryTable>>;
  activities: Array<Insertable<ActivityTable> & { id: string; startsAt: Date; endsAt: Date; status: string }>;
  hosts: Array<{ activityId: string; homeId: string }>;
  attendance: Array<Insertable<AttendanceTable>>;
  shifts: Array<Insertable<DutyShiftTable>>;
}

const CPPCC_NAME: Record<string, string> = Object.fromEntries(DISTRICT_CPPCCS);

interface Context {
  rng: Rng;
  now: Date;
  today: number;
  thisYear: number;
  memberAccountId: string | null;
  directorHomeId: string | null;
  storage: FileStorage | null;
}

class YearBuilder {
  readonly out: Built = {
    rules: [],
    postings: [],
    signage: [],
    photos: [],
    plans: [],
    planItems: [],
    summaries: [],
    activities: [],
    hosts: [],
    attendance: [],
    shifts: [],
  };
  private readonly codes = new Set<string>();
  /** each member's shifts, so that no member is on duty in two places at once */
  private readonly onDuty = new Map<string, Array<[number, number]>>();
  private originalRules: Array<{ id: string; title: string }> = [];
  private revision: { id: string; effectiveDay: number } | null = null;

  constructor(private readonly c: Context) {}

  private get rng() {
    return this.c.rng;
  }

  private checkinCode(): string {
    for (;;) {
      const code = Array.from({ length: 6 }, () => this.rng.pick([...CHECKIN_ALPHABET])).join('');
      if (!this.codes.has(code)) {
        this.codes.add(code);
        return code;
      }
    }
  }

  /** The unified rules: the 2021 set, and last year's revision of the funds rule. */
  issueRules(): void {
    const lastYear = this.c.thisYear - 1;
    for (const rule of UNIFIED_RULES) {
      const id = this.rng.uuid();
      this.originalRules.push({ id, title: rule.title });
      this.out.rules.push({
        id,
        homeId: null,
        title: rule.title,
        body: rule.body,
        version: '2021年版',
        effectiveOn: '2021-06-01',
        createdBy: null,
        createdAt: '2021-05-20T10:00:00+08:00',
      });
    }
    const id = this.rng.uuid();
    this.revision = { id, effectiveDay: dayOf(`${lastYear}-03-01`) };
    this.out.rules.push({
      id,
      homeId: null,
      title: REVISED_FUNDS_RULE.title,
      body: REVISED_FUNDS_RULE.body,
      version: `${lastYear}年修订版`,
      effectiveOn: `${lastYear}-03-01`,
      createdBy: null,
      createdAt: `${lastYear}-02-20T10:00:00+08:00`,
    });
  }

  /** Everything of one home, in a fixed order of draws. */
  home(home: DemoHome, conduct: Conduct): void {
    const plaqueDay = dayOf(home.plaqueAwardedOn);
    const lastDay = Math.min(this.c.today - 1, home.stoppedOn ? dayOf(home.stoppedOn) : Infinity);
    const clampPast = (day: number) => Math.max(plaqueDay, Math.min(day, lastDay));
    const topic = topicOf(home);
    const owner = home.level === 'district' ? CPPCC_NAME[home.ownerUnitId.slice(9)]! : '市政协';
    const area = home.level === 'district' ? DISTRICT_NAME[home.ownerUnitId.slice(9)]! : '市';

    this.postRules(home.id, conduct, plaqueDay, clampPast);
    this.hangSigns(home, conduct, plaqueDay, clampPast);

    const lastYear = this.c.thisYear - 1;
    for (const year of [lastYear, this.c.thisYear]) {
      const held = this.holdYear(home, conduct, year, plaqueDay, lastDay, { topic, owner, area });
      this.writePlan(home, conduct, year, plaqueDay, held, { topic, owner });
      this.writeSummary(home, conduct, year, plaqueDay, held, { topic, owner });
    }
    if (home.status === 'operating') {
      if (conduct.tier !== 'failing') this.planComing(home, conduct, { topic, owner, area });
      if (conduct.tier !== 'failing' && !home.online) this.rota(home, conduct, plaqueDay);
    }
  }

  private postRules(homeId: string, conduct: Conduct, plaqueDay: number, clamp: (d: number) => number) {
    const revision = this.revision!;
    const revisedTitle = REVISED_FUNDS_RULE.title;
    const post = (ruleId: string, day: number) =>
      this.out.postings.push({ homeId, ruleId, postedOn: ymdOf(clamp(day)), recordedBy: null });
    const first = plaqueDay + this.rng.int(3, 15);
    // a home opened after the revision posts the rules in force then, never the superseded one
    const superseded = (title: string) => title === revisedTitle && plaqueDay >= revision.effectiveDay;
    if (conduct.rules === 'none') {
      if (this.rng.chance(0.5)) {
        for (const r of this.rng.sample(this.originalRules, 2)) if (!superseded(r.title)) post(r.id, first);
      }
      return;
    }
    for (const r of this.originalRules) if (!superseded(r.title)) post(r.id, first);
    if (conduct.rules === 'all') {
      post(revision.id, Math.max(first, revision.effectiveDay + this.rng.int(5, 30)));
    }
  }

  private hangSigns(home: DemoHome, conduct: Conduct, plaqueDay: number, clamp: (d: number) => number) {
    for (const item of conduct.signs) {
      const postedOn = ymdOf(
        clamp(plaqueDay + (item === 'outdoor_sign' ? this.rng.int(0, 5) : this.rng.int(5, 25))),
      );
      let photoId: string | null = null;
      // a photo of the outdoor sign of a running home (not of a failing one), and of the boards of a few
      const photographed = conduct.tier !== 'failing' && (item === 'outdoor_sign' || conduct.boardPhotos);
      if (this.c.storage && home.status === 'operating' && photographed) {
        photoId = this.rng.uuid();
        const photoRng = new Rng(this.rng.int(1, 2 ** 31 - 1));
        const facts = signFacts(home, this.out.rules);
        this.out.photos.push({
          attachment: {
            id: photoId,
            ownerType: 'home',
            ownerId: home.id,
            transitionId: null,
            filename: SIGN_FILENAMES[item],
            contentType: 'image/jpeg',
            size: 0,
            storageKey: '',
            uploadedBy: null,
            createdAt: `${postedOn}T16:00:00+08:00`,
          },
          render: () => signPhoto(item, facts, photoRng),
        });
      }
      this.out.signage.push({ homeId: home.id, item, postedOn, photoId, recordedBy: null });
    }
  }

  /** The activities a home held in a year, quarter by quarter, by its tier. Returns them. */
  private holdYear(
    home: DemoHome,
    conduct: Conduct,
    year: number,
    plaqueDay: number,
    lastDay: number,
    words: { topic: string; owner: string; area: string },
  ): Built['activities'] {
    const held: Built['activities'] = [];
    const missed = this.rng.int(1, 4);
    // a good home holds a second activity in two quarters at most: six in a full year
    const doubled = new Set(this.rng.sample(QUARTERS, 2));
    const failingMet = new Set(this.rng.sample(QUARTERS, this.rng.int(1, 2)));
    for (const quarter of QUARTERS) {
      const { start, end } = quarterRange(year, quarter);
      if (start.getTime() > this.c.now.getTime()) break;
      const current = this.c.now.getTime() < end.getTime();
      const from = Math.max(dayOf(beijingDate(start)), plaqueDay + 3);
      const to = Math.min(dayOf(beijingDate(new Date(end.getTime() - 1))), lastDay);
      if (from > to) continue;
      let n: number;
      switch (conduct.tier) {
        case 'exemplary':
          n = current ? this.rng.int(1, 2) : this.rng.int(2, 3);
          break;
        case 'good':
          n = current ? (this.rng.chance(0.7) ? 1 : 0) : doubled.has(quarter) ? 2 : 1;
          break;
        case 'uneven':
        case 'unruled':
          n = quarter === missed ? 0 : current ? (this.rng.chance(0.4) ? 1 : 0) : 1;
          break;
        case 'failing':
          n = !current && failingMet.has(quarter) ? 1 : 0;
          break;
      }
      if (current && conduct.quarterOpen) n = 0;
      for (let i = 0; i < n; i++) {
        const day = workingDay(this.rng, from, to);
        if (day === null) break;
        held.push(this.activity(home, day, 'held', words));
      }
      if (conduct.tier !== 'failing' && this.rng.chance(0.06)) {
        const day = workingDay(this.rng, from, to);
        if (day !== null) this.activity(home, day, 'cancelled', words);
      }
    }
    return held;
  }

  private activity(
    home: DemoHome,
    day: number,
    status: 'held' | 'planned' | 'cancelled',
    words: { topic: string; owner: string; area: string },
  ): Built['activities'][number] {
    const rng = this.rng;
    const kind: ActivityKind = pickKind(rng);
    const startsAt = at(day, rng.pick([9, 9, 10, 14, 15]), rng.pick([0, 0, 30]));
    const endsAt = new Date(startsAt.getTime() + rng.int(3, 6) * 30 * 60_000);
    const place = placeOf(home, rng);
    const citizens = status === 'held' ? citizensOf(rng, kind) : 0;
    const attendees = status === 'held' ? this.attendees(home) : [];
    const createdAt =
      status === 'planned'
        ? new Date(this.c.now.getTime() - rng.int(1, 10) * DAY)
        : new Date(startsAt.getTime() - rng.int(5, 20) * DAY);
    const activity = {
      id: rng.uuid(),
      title: activityTitle(rng, kind, words.topic, place),
      kind,
      function: ACTIVITY_KIND_FUNCTION[kind],
      startsAt,
      endsAt,
      place: home.online ? '网上委员工作室' : (home.address ?? '委员之家活动室'),
      status,
      citizenCount: citizens,
      departments: departmentsOf(rng, kind, words.area),
      summary: status === 'held' ? activitySummary(rng, kind, words.topic, attendees.length, citizens) : null,
      outcomes: status === 'held' ? activityOutcome(rng, words.owner) : null,
      planItemId: null as string | null,
      checkinCode: this.checkinCode(),
      createdBy: null,
      createdAt,
      updatedAt:
        status === 'planned' ? createdAt : new Date(Math.min(endsAt.getTime() + DAY, this.c.now.getTime())),
    };
    this.out.activities.push(activity);
    this.out.hosts.push({ activityId: activity.id, homeId: home.id });
    for (const memberId of attendees) {
      const checkin = rng.chance(0.6);
      this.out.attendance.push({
        activityId: activity.id,
        memberId,
        source: checkin ? 'checkin' : 'manual',
        at: checkin ? new Date(startsAt.getTime() + rng.int(-20, 15) * 60_000) : endsAt,
        recordedBy: null,
      });
    }
    return activity;
  }

  /** Who came: the director, some of the members; the `member` account to most of its home's. */
  private attendees(home: DemoHome): string[] {
    const others = home.members.map((m) => m.id).filter((id) => id !== home.directorMemberId);
    const chosen = this.rng.sample(
      others,
      this.rng.int(Math.min(2, others.length), Math.min(6, others.length)),
    );
    const account = this.c.memberAccountId;
    if (home.id === this.c.directorHomeId && account && !chosen.includes(account) && this.rng.chance(0.85)) {
      chosen.push(account);
    }
    return [...(home.directorMemberId ? [home.directorMemberId] : []), ...chosen];
  }

  private writePlan(
    home: DemoHome,
    conduct: Conduct,
    year: number,
    plaqueDay: number,
    held: Built['activities'],
    words: { topic: string; owner: string },
  ) {
    if (!conduct.plan || plaqueDay > dayOf(`${year}-12-31`)) return;
    const planned =
      conduct.plan === 'on_time'
        ? dayOf(`${year}-01-${String(this.rng.int(5, 28)).padStart(2, '0')}`)
        : dayOf(`${year}-02-${String(this.rng.int(3, 27)).padStart(2, '0')}`);
    const day = Math.max(planned, plaqueDay + this.rng.int(10, 30));
    const submittedAt = at(day, this.rng.int(9, 17), this.rng.int(0, 59));
    if (submittedAt.getTime() >= this.c.now.getTime()) return;
    // the plan lists what was still to come when it was written
    const items = held.filter(
      (a) => a.kind !== 'duty_day' && a.startsAt.getTime() > submittedAt.getTime() && this.rng.chance(0.75),
    );
    items.forEach((a, sort) => {
      const id = this.rng.uuid();
      a.planItemId = id;
      this.out.planItems.push({
        id,
        homeId: home.id,
        year,
        title: a.title,
        quarter: quarterOf(a.startsAt).quarter,
        kind: a.kind,
        sort,
      });
    });
    this.out.plans.push({
      homeId: home.id,
      year,
      content: planText(year, words.topic, words.owner, Math.max(4, items.length + this.rng.int(0, 2))),
      submittedAt,
      updatedAt: submittedAt,
    });
  }

  private writeSummary(
    home: DemoHome,
    conduct: Conduct,
    year: number,
    plaqueDay: number,
    held: Built['activities'],
    words: { topic: string; owner: string },
  ) {
    if (
      !conduct.summary ||
      plaqueDay > dayOf(`${year}-12-31`) ||
      (home.stoppedOn && home.stoppedOn < `${year}-12-01`)
    )
      return;
    // last year's was written in its last fortnight; this year's only by who is ahead, once December has come
    const from = dayOf(`${year}-12-${year === this.c.thisYear ? '01' : '15'}`);
    const to = Math.min(dayOf(`${year}-12-31`), this.c.today - 1);
    if (from > to || (year === this.c.thisYear && conduct.tier !== 'exemplary')) return;
    const submittedAt = at(this.rng.int(from, to), this.rng.int(9, 17), this.rng.int(0, 59));
    const ids = new Set(held.map((a) => a.id));
    const attendances = this.out.attendance.filter((a) => ids.has(a.activityId)).length;
    const citizens = held.reduce((sum, a) => sum + (a.citizenCount ?? 0), 0);
    this.out.summaries.push({
      homeId: home.id,
      year,
      content: summaryText(this.rng, year, words.topic, words.owner, {
        held: held.length,
        attendances,
        citizens,
      }),
      submittedAt,
      updatedAt: submittedAt,
    });
  }

  /** Planned activities of the coming month: the portal's 近期活动. */
  private planComing(
    home: DemoHome,
    conduct: Conduct,
    words: { topic: string; owner: string; area: string },
  ) {
    const n = conduct.tier === 'exemplary' ? this.rng.int(2, 3) : this.rng.int(1, 2);
    for (let i = 0; i < n; i++) {
      const day = workingDay(this.rng, this.c.today + 2, this.c.today + 30)!;
      this.activity(home, day, 'planned', words);
    }
  }

  /**
   * One turn a week, on the home's day: scheduled for the next four weeks; at the homes that keep
   * a rota, served (a held 委员值班日 with the member's attendance) or missed in the five weeks before.
   */
  private rota(home: DemoHome, conduct: Conduct, plaqueDay: number) {
    const rng = this.rng;
    const weekday = rng.int(1, 5);
    const [hour, minute, hours] = rng.pick([
      [9, 0, 3],
      [14, 30, 3],
      [9, 0, 8],
    ] as const);
    const people = rng.shuffle(home.members.map((m) => m.id));
    const account = this.c.memberAccountId;
    if (home.id === this.c.directorHomeId && account && people.includes(account)) {
      people.splice(people.indexOf(account), 1);
      people.unshift(account);
    }
    const names = new Map(home.members.map((m) => [m.id, m.name]));
    let turn = 0;
    const nextFree = (start: Date, end: Date) => {
      for (let k = 0; k < people.length; k++) {
        const id = people[(turn + k) % people.length]!;
        const busy = this.onDuty.get(id) ?? [];
        if (busy.every(([s, e]) => e <= start.getTime() || s >= end.getTime())) {
          turn += k + 1;
          busy.push([start.getTime(), end.getTime()]);
          this.onDuty.set(id, busy);
          return id;
        }
      }
      return null;
    };
    const firstPast = conduct.pastShifts ? Math.max(this.c.today - 35, plaqueDay + 3) : this.c.today + 1;
    for (let day = firstPast; day <= this.c.today + 28; day++) {
      if (weekdayOf(day) !== weekday) continue;
      // none today or in the two days before: the days a director records a turn just taken
      if (day > this.c.today - 3 && day <= this.c.today) continue;
      const startsAt = at(day, hour, minute);
      const endsAt = new Date(startsAt.getTime() + hours * 3600_000);
      const memberId = nextFree(startsAt, endsAt);
      if (!memberId) continue;
      const past = day < this.c.today;
      const served = past && rng.chance(0.85);
      const note = past ? shiftNote(rng, served) : null;
      let activityId: string | null = null;
      if (served) {
        activityId = rng.uuid();
        this.out.activities.push({
          id: activityId,
          title: `委员值班日：${names.get(memberId)}`,
          kind: 'duty_day',
          function: 'duty',
          startsAt,
          endsAt,
          place: home.address,
          status: 'held',
          citizenCount: 0,
          departments: [],
          summary: note,
          outcomes: null,
          planItemId: null,
          checkinCode: this.checkinCode(),
          createdBy: null,
          createdAt: endsAt,
          updatedAt: endsAt,
        });
        this.out.hosts.push({ activityId, homeId: home.id });
        this.out.attendance.push({ activityId, memberId, source: 'duty', at: endsAt, recordedBy: null });
      }
      this.out.shifts.push({
        id: rng.uuid(),
        homeId: home.id,
        memberId,
        startsAt,
        endsAt,
        status: past ? (served ? 'served' : 'missed') : 'scheduled',
        activityId,
        note,
        createdAt: new Date(Math.min(startsAt.getTime() - rng.int(7, 20) * DAY, this.c.now.getTime())),
      });
    }
  }
}

/** What a home works on, as its specialty says: “围绕乡村振兴开展……” → 乡村振兴. */
function topicOf(home: DemoHome): string {
  return /围绕(.+?)(?:和本界别|开展|建言)/.exec(home.specialty ?? '')?.[1] ?? '基层协商';
}

/** Where a township or village home's activities go: its own place; others go out to the people. */
function placeOf(home: DemoHome, rng: Rng): string {
  if (home.kind === 'township' || home.kind === 'village') {
    const district = Object.values(DISTRICT_NAME).find((d) => home.name.startsWith(d)) ?? '';
    return home.name.slice(district.length).replace(/委员之家$/, '');
  }
  return rng.pick(['社区', '企业', '嘎查村', '校园', '园区']);
}

/** What a home's signs say: its name and issuer, its people, the unified rules. */
function signFacts(home: DemoHome, rules: Built['rules']): SignFacts {
  const district = home.level === 'district' ? DISTRICT_NAME[home.ownerUnitId.slice(9)]! : null;
  const heads = home.kind === 'sector_group' ? ['主任', '副主任'] : ['负责人', '副负责人'];
  const role = (id: string) =>
    id === home.directorMemberId ? heads[0]! : id === home.deputyMemberId ? heads[1]! : 'member';
  const members = [...home.members]
    .map((m) => ({ name: m.name, sector: m.sector, role: role(m.id) }))
    .sort((a, b) => Number(b.role !== 'member') - Number(a.role !== 'member'));
  return {
    homeName: home.name,
    issuer: district ? `政协鄂尔多斯市${district}委员会` : '政协鄂尔多斯市委员会',
    brand: home.brand,
    plaqueNo: home.plaqueNo,
    members,
    rules: [...new Set(rules.map((r) => r.title))],
  };
}

/** The tier of each home: dealt per evaluation round (the municipal homes, each district's), earliest plaque first. */
function dealTiers(homes: DemoHome[]): Map<string, Tier> {
  const rounds = new Map<string, DemoHome[]>();
  for (const h of homes) {
    const key = h.level === 'municipal' ? 'municipal' : h.ownerUnitId;
    rounds.set(key, [...(rounds.get(key) ?? []), h]);
  }
  const tiers = new Map<string, Tier>();
  for (const list of rounds.values()) {
    list
      .sort((a, b) => a.plaqueAwardedOn.localeCompare(b.plaqueAwardedOn) || a.id.localeCompare(b.id))
      .forEach((h, i) => {
        tiers.set(h.id, TIER_CYCLE[i % TIER_CYCLE.length]!);
      });
  }
  return tiers;
}

// ---------------------------------------------------------------------------------------------
// The seed

async function alreadyRunning(db: Db): Promise<boolean> {
  const [rule, activity] = await Promise.all([
    db.selectFrom('rules').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('activities').select('id').limit(1).executeTakeFirst(),
  ]);
  return Boolean(rule || activity);
}

/**
 * Seeds the year once, on a database with the demo homes and neither rules nor activities yet.
 * Signs get photos only when a file store is given (the server's); the scorecards are the same
 * either way. Everything is written in one transaction.
 */
export async function seedDemoYear(db: Db, storage: FileStorage | null, now = new Date()): Promise<boolean> {
  const accounts = await db
    .selectFrom('users')
    .leftJoin('userRoles', (join) =>
      join.onRef('userRoles.userId', '=', 'users.id').on('userRoles.role', '=', 'home_director'),
    )
    .select(['users.username', 'users.memberId', 'userRoles.scopeId'])
    .where('users.username', 'in', ['member', 'director'])
    .execute();
  const account = (name: string) => accounts.find((a) => a.username === name);
  const directorHomeId = account('director')?.scopeId ?? null;
  if (!directorHomeId || (await alreadyRunning(db))) return false;

  const homes = await loadHomes(db);
  const today = dayOf(beijingDate(now));
  const builder = new YearBuilder({
    rng: new Rng(SEED),
    now,
    today,
    thisYear: yearOf(now),
    memberAccountId: account('member')?.memberId ?? null,
    directorHomeId,
    storage,
  });
  builder.issueRules();
  const tiers = dealTiers(homes);
  for (const home of homes) {
    const tier = tiers.get(home.id)!;
    const conduct =
      home.id === directorHomeId ? { tier: 'good' as const, ...DIRECTOR_HOME } : { tier, ...CONDUCT[tier] };
    builder.home(home, conduct);
  }
  const out = builder.out;

  // the photos are drawn off the main thread while the rows go in; a failure to draw one is
  // reported where they are awaited, not as an unhandled rejection before it
  const rendering = Promise.all(out.photos.map((p) => p.render()));
  rendering.catch(() => {});
  return db.transaction().execute(async (trx) => {
    // a second instance starting at the same moment waits here, then finds the rules
    await sql`lock table rules in exclusive mode`.execute(trx);
    if (await alreadyRunning(trx)) return false;
    await insertChunked(trx, 'rules', out.rules);
    await insertChunked(trx, 'rulePostings', out.postings);
    await insertChunked(trx, 'homePlans', out.plans);
    await insertChunked(trx, 'homePlanItems', out.planItems);
    await insertChunked(trx, 'activities', out.activities);
    await insertChunked(trx, 'activityHosts', out.hosts);
    await insertChunked(trx, 'attendance', out.attendance);
    await insertChunked(trx, 'dutyShifts', out.shifts);
    await insertChunked(trx, 'homeSummaries', out.summaries);
    const images = await rendering;
    const attachments: Array<Insertable<AttachmentTable>> = [];
    for (const [i, photo] of out.photos.entries()) {
      const buffer = images[i]!;
      const storageKey = await storage!.put(buffer, photo.attachment.filename);
      attachments.push({ ...photo.attachment, size: buffer.length, storageKey });
    }
    await insertChunked(trx, 'attachments', attachments);
    await insertChunked(trx, 'homeSignage', out.signage);
    return true;
  });
}
