import { describe, expect, it } from 'vitest';
import { quarterOf } from './calendar.js';
import { homeScorecard, quarterResults, type ScorecardInput } from './scorecard.js';

const at = (iso: string) => new Date(iso);

const complete: ScorecardInput = {
  year: 2026,
  now: at('2027-02-01T00:00:00+08:00'),
  home: {
    directorMemberId: 'm1',
    online: false,
    onlineUrl: null,
    venueType: 'community',
    address: '某街道 1 号',
    plaqueAwardedOn: '2025-06-01',
  },
  signage: { outdoorSign: true, memberBoard: true, rulesBoard: true },
  rulesPosted: true,
  hasPlan: true,
  hasSummary: true,
  evaluated: true,
  activities: [
    { startsAt: at('2026-02-10T09:00:00+08:00'), status: 'held' },
    { startsAt: at('2026-05-10T09:00:00+08:00'), status: 'held' },
    { startsAt: at('2026-08-10T09:00:00+08:00'), status: 'held' },
    { startsAt: at('2026-11-10T09:00:00+08:00'), status: 'held' },
  ],
};

const withActivities = (activities: ScorecardInput['activities'], extra: Partial<ScorecardInput> = {}) => ({
  ...complete,
  ...extra,
  activities,
});

describe('quarters in Beijing time', () => {
  it.each([
    ['2026-03-31T23:30:00+08:00', 2026, 1],
    ['2026-03-31T16:30:00Z', 2026, 2],
    ['2026-03-31T15:59:59Z', 2026, 1],
    ['2025-12-31T16:00:00Z', 2026, 1],
    ['2026-12-31T23:59:59+08:00', 2026, 4],
  ])('%s is %i Q%i', (iso, year, quarter) => {
    expect(quarterOf(at(iso))).toEqual({ year, quarter });
  });
});

describe('the 六有 scorecard', () => {
  it('gives a home meeting every point six items in order, all ok, score 100', () => {
    const card = homeScorecard(complete);
    expect(card.items.map((i) => i.key)).toEqual([
      'organization',
      'signage',
      'venue',
      'rules',
      'operation',
      'evaluation',
    ]);
    expect(card.items.every((i) => i.ok && i.issues.length === 0)).toBe(true);
    expect(card.score).toBe(100);
    expect(card.quarters.map((q) => [q.quarter, q.activities, q.ok, q.dueOn])).toEqual([
      [1, 1, true, '2026-03-31'],
      [2, 1, true, '2026-06-30'],
      [3, 1, true, '2026-09-30'],
      [4, 1, true, '2026-12-31'],
    ]);
  });

  it.each<[string, Partial<ScorecardInput>, string, string[]]>([
    ['no director', { home: { ...complete.home, directorMemberId: null } }, 'organization', ['NO_DIRECTOR']],
    [
      'sign and boards not up',
      { signage: { outdoorSign: false, memberBoard: true, rulesBoard: false } },
      'signage',
      ['SIGN_NOT_POSTED', 'RULES_BOARD_NOT_POSTED'],
    ],
    ['no venue', { home: { ...complete.home, venueType: null } }, 'venue', ['NO_VENUE']],
    [
      'an online studio without its platform',
      { home: { ...complete.home, online: true, venueType: null, address: null, onlineUrl: null } },
      'venue',
      ['NO_ONLINE_PLATFORM'],
    ],
    ['rules not posted', { rulesPosted: false }, 'rules', ['RULES_NOT_POSTED']],
    ['no plan', { hasPlan: false }, 'operation', ['NO_PLAN']],
    ['no summary after the year', { hasSummary: false }, 'operation', ['NO_SUMMARY']],
    ['not evaluated', { evaluated: false }, 'evaluation', ['NOT_EVALUATED']],
  ])('reports %s', (_label, change, key, issues) => {
    const card = homeScorecard({ ...complete, ...change });
    const item = card.items.find((i) => i.key === key)!;
    expect(item).toEqual({ key, ok: false, issues });
    expect(card.items.filter((i) => !i.ok)).toHaveLength(1);
    expect(card.score).toBe(83);
  });

  it('does not ask for the summary before the year has ended', () => {
    const card = homeScorecard({ ...complete, hasSummary: false, now: at('2026-12-31T23:00:00+08:00') });
    expect(card.items.find((i) => i.key === 'operation')?.issues).toEqual([]);
  });

  it('counts only held activities: planned and cancelled ones do not count', () => {
    const card = homeScorecard(
      withActivities([
        { startsAt: at('2026-02-10T09:00:00+08:00'), status: 'planned' },
        { startsAt: at('2026-05-10T09:00:00+08:00'), status: 'cancelled' },
        { startsAt: at('2026-08-10T09:00:00+08:00'), status: 'held' },
        { startsAt: at('2026-11-10T09:00:00+08:00'), status: 'held' },
      ]),
    );
    expect(card.quarters.map((q) => q.state)).toEqual(['missed', 'missed', 'met', 'met']);
    expect(card.items.find((i) => i.key === 'operation')?.issues).toEqual(['QUARTER_WITHOUT_ACTIVITY']);
  });

  it('puts an activity at 23:30 on 31 March Beijing time in Q1', () => {
    const [q1, q2] = quarterResults(
      withActivities([{ startsAt: at('2026-03-31T15:30:00Z'), status: 'held' }]),
    );
    expect([q1!.activities, q2!.activities]).toEqual([1, 0]);
  });

  it('judges a home approved mid-year only from its plaque quarter', () => {
    const card = homeScorecard(
      withActivities(
        [
          { startsAt: at('2026-08-10T09:00:00+08:00'), status: 'held' },
          { startsAt: at('2026-11-01T09:00:00+08:00'), status: 'held' },
        ],
        {
          home: { ...complete.home, plaqueAwardedOn: '2026-07-15' },
        },
      ),
    );
    expect(card.quarters.map((q) => q.state)).toEqual(['not_judged', 'not_judged', 'met', 'met']);
    expect(card.items.find((i) => i.key === 'operation')?.ok).toBe(true);
  });

  it('marks a quarter at risk within 21 days of its end, open before that, and missed after', () => {
    const none = withActivities([]);
    const states = (now: string) => quarterResults({ ...none, now: at(now) }).map((q) => q.state);
    expect(states('2026-03-01T12:00:00+08:00')[0]).toBe('open');
    expect(states('2026-03-11T12:00:00+08:00')[0]).toBe('at_risk');
    expect(states('2026-04-01T00:00:00+08:00')[0]).toBe('missed');
    expect(states('2026-04-01T00:00:00+08:00')[1]).toBe('open');
  });

  it('does not call a current quarter with no activity yet a failure of operation', () => {
    const card = homeScorecard(
      withActivities([{ startsAt: at('2026-02-10T09:00:00+08:00'), status: 'held' }], {
        now: at('2026-05-01T00:00:00+08:00'),
      }),
    );
    expect(card.items.find((i) => i.key === 'operation')?.ok).toBe(true);
  });
});
