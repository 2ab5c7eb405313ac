import { z } from 'zod';
import { ATTENTION_KINDS } from '../../domain/attention.js';
import { yearField } from '../../lib/schema.js';

export const dashboardQuery = z.object({ year: yearField.optional() });

const count = z.number().int();

export const dashboard = z
  .object({
    year: z.number().int(),
    /**
     * whose dashboard: everything (the office), the units the role covers, or (a home director) the
     * homes they direct — never chosen by the user
     */
    scope: z.object({
      all: z.boolean(),
      units: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
      homes: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
    /** when the activity summaries were last refreshed (they are rebuilt hourly and on demand) */
    statsRefreshedAt: z.string().nullable(),
    homes: z.object({
      total: count,
      byStatus: z.array(z.object({ status: z.string(), count })),
      byKind: z.array(z.object({ kind: z.string(), count })),
    }),
    coverage: z.object({
      sectorGroups: z.object({ covered: count, total: count }),
      townships: z.object({ covered: count, total: count }),
    }),
    compliance: z.object({
      /** the current quarter, e.g. 2026-Q4 */
      quarter: z.string(),
      operating: count,
      met: count,
      atRisk: count,
      open: count,
      previousQuarter: z.object({ quarter: z.string(), operating: count, met: count, missed: count }),
    }),
    activities: z.object({
      held: count,
      citizens: count,
      byMonth: z.array(
        z.object({
          month: z.string(),
          held: count,
          byKind: z.record(z.string(), count),
          byFunction: z.record(z.string(), count),
        }),
      ),
    }),
    opinions: z.object({
      received: count,
      adopted: count,
      replied: count,
      open: count,
      overdue30: count,
      overdue90: count,
    }),
    funds: z.object({ allocatedFen: count, spentFen: count, pendingFen: count }),
    evaluation: z.object({
      year: z.number().int().nullable(),
      grades: z.object({ five_star: count, four_star: count, three_star: count, rectify: count }),
    }),
    /** one line per figure: what it counts */
    definitions: z.record(z.string(), z.string()),
  })
  .meta({ id: 'Dashboard' });

export const attentionItem = z.object({
  kind: z.enum(ATTENTION_KINDS),
  severity: z.enum(['alarm', 'warning']),
  title: z.string(),
  detail: z.string(),
  link: z.string(),
});

export const attention = z
  .object({
    items: z.array(attentionItem),
    /** how many of each kind there are (the list shows the first few of each) */
    counts: z.record(z.string(), count),
    /**
     * when the summaries behind the quarter-at-risk and funds-running-out parts were taken, as the
     * dashboard's `statsRefreshedAt`; the other parts are read live
     */
    statsRefreshedAt: z.string().nullable(),
  })
  .meta({ id: 'Attention' });

export const refreshResult = z.object({ refreshedAt: z.string(), ms: count });
