import { describe, expect, it } from 'vitest';
import {
  normaliseTrackingCode,
  OPINION_ACTIONS,
  OPINION_STATUSES,
  OPINION_WORKFLOW,
  opinionFlags,
} from './opinion-workflow.js';

const DAY = 86_400_000;
const now = new Date('2026-06-30T00:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY);

describe('the pipeline table', () => {
  it('reaches every state from received and leaves every state but closed', () => {
    const reached = new Set(['received']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const action of OPINION_ACTIONS) {
        const t = OPINION_WORKFLOW[action];
        if (t.from.some((s) => reached.has(s)) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...OPINION_STATUSES].sort());
    const leaving = new Set(OPINION_ACTIONS.flatMap((a) => OPINION_WORKFLOW[a].from));
    expect(OPINION_STATUSES.filter((s) => !leaving.has(s))).toEqual(['closed']);
  });

  it('lets only the office decide and only the assigned member write', () => {
    for (const action of ['adopt', 'forward', 'instruct', 'decline', 'return'] as const) {
      expect(OPINION_WORKFLOW[action].by).toEqual(['office']);
    }
    expect(OPINION_WORKFLOW.draft.by).toEqual(['assignee']);
    expect(OPINION_WORKFLOW.submit.by).toEqual(['assignee']);
  });
});

describe('deadlines', () => {
  it.each([
    ['received', 7, []],
    ['received', 8, ['accept_overdue']],
    ['accepted', 30, []],
    ['accepted', 31, ['unanswered_30']],
    ['received', 31, ['accept_overdue', 'unanswered_30']],
    ['adopted', 91, ['unanswered_90']],
    ['replied', 200, []],
    ['closed', 200, []],
  ] as const)('%s after %i days: %j', (status, days, flags) => {
    expect(opinionFlags({ status, receivedAt: ago(days) }, now)).toEqual(flags);
  });
});

describe('tracking codes as people type them', () => {
  it.each([
    ['4821-7730-5192', '4821-7730-5192'],
    ['482177305192', '4821-7730-5192'],
    [' 4821 7730 5192 ', '4821-7730-5192'],
    ['４８２１－７７３０－５１９２', '4821-7730-5192'],
    ['4821-7730-519', null],
    ['ABCD-7730-5192', null],
  ])('%s → %s', (input, expected) => {
    expect(normaliseTrackingCode(input)).toBe(expected);
  });
});
