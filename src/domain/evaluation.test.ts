import { describe, expect, it } from 'vitest';
import { computedScores, DEFAULT_RUBRIC, gradeOf, rankHomes, reviewerScore } from './evaluation.js';

describe('grades', () => {
  it.each([
    [110, 'five_star'],
    [90, 'five_star'],
    [89, 'four_star'],
    [80, 'four_star'],
    [79, 'three_star'],
    [60, 'three_star'],
    [59, 'rectify'],
    [0, 'rectify'],
  ])('%i points is %s', (total, grade) => {
    expect(gradeOf(total)).toBe(grade);
  });
});

describe('the default rubric', () => {
  it('adds up to 100 with 10 bonus points on top', () => {
    const base = DEFAULT_RUBRIC.filter((i) => !i.bonus).reduce((s, i) => s + i.max, 0);
    const bonus = DEFAULT_RUBRIC.filter((i) => i.bonus).reduce((s, i) => s + i.max, 0);
    expect([base, bonus]).toEqual([100, 10]);
  });

  it('computes the 六有 items from the year’s facts, 5 per quarter with a held activity', () => {
    const scores = computedScores(DEFAULT_RUBRIC, {
      scorecard: { organization: true, signage: false, venue: true, rules: true },
      quartersMet: 3,
      hasPlan: true,
      hasSummary: false,
      activitiesHeld: 8,
    });
    expect(scores).toEqual({
      organization: 10,
      signage: 0,
      venue: 10,
      rules: 10,
      quarters: 15,
      plan: 5,
      summary: 0,
      activities: 5,
    });
  });

  it('takes the reviewers’ mean, rounded half up, and 0 when nobody scored', () => {
    expect(reviewerScore([20, 21])).toBe(21);
    expect(reviewerScore([20, 20, 21])).toBe(20);
    expect(reviewerScore([])).toBe(0);
  });
});

describe('the ranking', () => {
  const home = (homeId: string, total: number, effect: number, quarters: number, plaque: string | null) => ({
    homeId,
    total,
    items: { effect, quarters },
    plaqueAwardedOn: plaque,
  });

  it('breaks ties by effect, then quarters, then the earlier plaque, then the id', () => {
    const ranked = rankHomes([
      home('d', 80, 20, 20, '2022-01-01'),
      home('c', 80, 20, 20, '2021-06-01'),
      home('b', 80, 20, 15, '2020-01-01'),
      home('a', 80, 15, 20, '2020-01-01'),
      home('e', 95, 10, 10, null),
      home('g', 80, 20, 20, '2021-06-01'),
    ]);
    expect(ranked.map((h) => `${h.rank}:${h.homeId}`)).toEqual(['1:e', '2:c', '3:g', '4:d', '5:b', '6:a']);
  });

  it('gives the same order whatever order the homes come in', () => {
    const homes = Array.from({ length: 30 }, (_, i) =>
      home(
        `h${String(i).padStart(2, '0')}`,
        60 + (i % 4) * 10,
        i % 3,
        i % 2,
        i % 5 ? `2021-0${1 + (i % 9)}-01` : null,
      ),
    );
    const once = rankHomes(homes).map((h) => h.homeId);
    const shuffled = [...homes].sort(() => Math.random() - 0.5);
    expect(rankHomes(shuffled).map((h) => h.homeId)).toEqual(once);
  });
});
