import { z } from 'zod';
import { ROUND_ACTIONS, ROUND_STATUSES } from '../../domain/evaluation.js';
import { ref, text, yearField } from '../../lib/schema.js';
import { pageQuery } from '../../server/http.js';
import { ROUND_ALLOWED_ACTIONS, ROUND_HOME_ACTIONS } from './policy.js';

export const createRoundBody = z.strictObject({
  year: yearField,
  level: z.enum(['municipal', 'district'], { error: '层级只能是 municipal 或 district' }),
  /** the district CPPCC running a district round */
  ownerUnitId: ref.optional(),
  title: text('名称', 100).optional(),
  memberQuota: z.number().int().min(0, '不能为负').max(200, '最多 200 名').optional(),
});
export type CreateRoundInput = z.infer<typeof createRoundBody>;

export const roundsQuery = pageQuery.extend({ year: yearField.optional() });

const rubricItem = z.object({
  key: z.string(),
  label: z.string(),
  group: z.string(),
  max: z.number().int(),
  source: z.object({ kind: z.string() }).passthrough(),
  bonus: z.boolean().optional(),
});

export const roundSummary = z
  .object({
    id: z.string(),
    year: z.number().int(),
    level: z.enum(['municipal', 'district']),
    ownerUnitId: z.string(),
    ownerUnitName: z.string(),
    title: z.string(),
    status: z.enum(ROUND_STATUSES),
    revision: z.number().int(),
    homes: z.number().int(),
    selfSummaries: z.number().int(),
  })
  .meta({ id: 'EvaluationRoundSummary' });

export const roundHome = z.object({
  homeId: z.string(),
  name: z.string(),
  kind: z.string(),
  selfSummary: z.string().nullable(),
  submittedAt: z.string().nullable(),
  /** every item's points so far: computed ones, and the mean of the reviewers' scores */
  items: z.record(z.string(), z.number()),
  /** how many reviewers have scored every reviewer item of this home */
  reviewersDone: z.number().int(),
  facts: z.record(z.string(), z.number().nullable()).nullable(),
  total: z.number().int().nullable(),
  grade: z.string().nullable(),
  rank: z.number().int().nullable(),
  commended: z.boolean(),
  /** what the actor may do to this home's entry now: 'score' (a reviewer), 'write_summary' */
  allowedActions: z.array(z.enum(ROUND_HOME_ACTIONS)),
});

export const round = roundSummary
  .extend({
    rubric: z.array(rubricItem),
    memberQuota: z.number().int(),
    reviewers: z.array(z.object({ userId: z.string(), displayName: z.string() })),
    homeEntries: z.array(roundHome),
    memberCommendations: z.array(
      z.object({
        memberId: z.string(),
        name: z.string(),
        orgUnitName: z.string(),
        points: z.number().int(),
        rank: z.number().int(),
        confirmed: z.boolean(),
      }),
    ),
    publications: z.array(
      z.object({ revision: z.number().int(), publishedAt: z.string(), reason: z.string().nullable() }),
    ),
    /** the steps the actor may take now, and 'set_reviewers' / 'set_commendations' */
    allowedActions: z.array(z.enum(ROUND_ALLOWED_ACTIONS)),
  })
  .meta({ id: 'EvaluationRound' });

export const roundHomeDetail = roundHome
  .extend({
    yearSummary: z.string().nullable(),
    scores: z.array(
      z.object({
        reviewerId: z.string(),
        reviewerName: z.string(),
        item: z.string(),
        score: z.number().int(),
        comment: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'EvaluationRoundHome' });

export const roundHomeParams = z.object({ id: z.string().max(100), homeId: z.string().max(100) });

export const reviewersBody = z.strictObject({ userIds: z.array(ref).max(50, '评审人员最多 50 人') });
export const selfSummaryBody = z.strictObject({ content: text('自评总结', 20000) });
export const scoresBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        item: z.string().max(50),
        score: z.number({ error: '分数必须是数字' }).int('分数必须是整数').min(0, '分数不能为负'),
        comment: text('评语', 2000).nullable().optional(),
      }),
    )
    .min(1, '至少给一项打分'),
});
export type ScoresInput = z.infer<typeof scoresBody>;

export const roundTransitionBody = z.strictObject({
  action: z.enum(Object.keys(ROUND_ACTIONS) as [keyof typeof ROUND_ACTIONS], { error: '未知的操作' }),
  reason: text('理由', 1000).optional(),
  /** publish and revise: the notice's document number */
  documentNumber: text('文号', 40).optional(),
});

export const commendationsBody = z.strictObject({
  homeIds: z.array(ref).max(500),
  memberIds: z.array(ref).max(200),
});

export const publication = z
  .object({
    roundId: z.string(),
    revision: z.number().int(),
    publishedAt: z.string(),
    reason: z.string().nullable(),
    documentNumber: z.string().nullable(),
    homes: z.array(
      z.object({
        homeId: z.string(),
        name: z.string(),
        total: z.number().int(),
        grade: z.string(),
        rank: z.number().int(),
        items: z.record(z.string(), z.number()),
        commended: z.boolean(),
      }),
    ),
    members: z.array(
      z.object({ memberId: z.string(), name: z.string(), points: z.number().int(), rank: z.number().int() }),
    ),
  })
  .meta({ id: 'EvaluationPublication' });

export const publicationQuery = z.object({ revision: z.coerce.number().int().min(1).optional() });

export const certificatesQuery = publicationQuery.extend({
  /** one commended home's certificate */
  homeId: z.string().max(100).optional(),
  /** one commended member's certificate */
  memberId: z.string().max(100).optional(),
});
