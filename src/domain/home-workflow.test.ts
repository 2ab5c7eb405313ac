import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actionsFrom,
  HOME_ACTIONS,
  HOME_STATUSES,
  HOME_WORKFLOW,
  type HomeStatus,
  nextStatus,
} from './home-workflow.js';

const ESTABLISHMENT = ['survey', 'plan', 'review', 'approve', 'award_plaque'];

/** Applies the actions the workflow allows, ignoring the ones it refuses (as the server does with 409). */
function run(actions: string[]) {
  let status: HomeStatus = 'proposed';
  const taken: string[] = [];
  for (const action of actions) {
    const next = nextStatus(status, action as (typeof HOME_ACTIONS)[number]);
    if (next) {
      taken.push(action);
      status = next;
    }
  }
  return { status, taken };
}

/** Whether `steps` appear in `taken` in this order (other actions may come between). */
function inOrder(taken: string[], steps: string[]) {
  let i = 0;
  for (const action of taken) if (action === steps[i]) i++;
  return i === steps.length;
}

describe('the establishment workflow', () => {
  it('never reaches operating without survey, plan, review, approval and the plaque, in that order', () => {
    // Each run is a walk through the workflow: every step picks one of the actions the current status
    // allows (the choices are random), mixed with refused ones that must change nothing. So every run
    // is a path the server could take, and the property is checked at every status a walk passes.
    let reachedOperating = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ allowed: fc.boolean(), pick: fc.nat(), refused: fc.constantFrom(...HOME_ACTIONS) }),
          {
            minLength: 5,
            maxLength: 40,
          },
        ),
        (steps) => {
          let status: HomeStatus = 'proposed';
          const taken: string[] = [];
          let operated = false;
          for (const step of steps) {
            const options = actionsFrom(status);
            const action =
              step.allowed && options.length > 0 ? options[step.pick % options.length]! : step.refused;
            const next = nextStatus(status, action);
            if (!options.includes(action)) {
              expect(next).toBeNull();
              continue;
            }
            taken.push(action);
            status = next!;
            if (status === 'operating') {
              operated = true;
              expect(inOrder(taken, ESTABLISHMENT)).toBe(true);
            }
          }
          if (operated) reachedOperating++;
        },
      ),
      { numRuns: 2000 },
    );
    // the property was put to the test: many walks did reach operating
    expect(reachedOperating).toBeGreaterThan(200);
  });

  it('takes the straight path to operating', () => {
    expect(run(ESTABLISHMENT).status).toBe('operating');
  });

  it('loops a returned plan back to review', () => {
    expect(run(['survey', 'plan', 'review', 'return', 'review', 'approve']).status).toBe('approved');
  });

  it('leaves no way out of rejected or closed', () => {
    expect(actionsFrom('rejected')).toEqual([]);
    expect(actionsFrom('closed')).toEqual([]);
  });

  it('leads every action to a known status', () => {
    for (const action of HOME_ACTIONS) {
      expect(HOME_STATUSES).toContain(HOME_WORKFLOW[action].to);
      for (const from of HOME_WORKFLOW[action].from) expect(HOME_STATUSES).toContain(from);
    }
  });
});
