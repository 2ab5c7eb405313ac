import { z } from 'zod';
import { ACTIVITY_KINDS } from '../../domain/activities.js';
import { HOME_KINDS } from '../../domain/home-workflow.js';
import { dateOf, text } from '../../lib/schema.js';

const year = z.coerce
  .number({ error: '年度应为数字' })
  .int('年度应为整数')
  .min(2000, '年度应在 2000–2100 之间')
  .max(2100, '年度应在 2000–2100 之间');

export const homeYearParams = z.object({ id: z.string().max(100), year });
export const yearQuery = z.object({ year: year.optional() });

// ---- plans and summaries

export const planBody = z.strictObject({
  content: text('计划内容', 20000),
  items: z
    .array(
      z.strictObject({
        title: text('计划活动名称', 200),
        quarter: z
          .number({ error: '季度应为 1–4' })
          .int('季度应为 1–4')
          .min(1, '季度应为 1–4')
          .max(4, '季度应为 1–4'),
        kind: z.enum(ACTIVITY_KINDS, { error: '活动类型不正确' }),
      }),
      { error: '计划活动应为列表' },
    )
    .max(200, '计划活动最多 200 项'),
});
export type PlanInput = z.infer<typeof planBody>;

export const plan = z
  .object({
    homeId: z.string(),
    year: z.number().int(),
    content: z.string(),
    items: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        quarter: z.number().int(),
        kind: z.enum(ACTIVITY_KINDS),
        activityIds: z.array(z.string()),
      }),
    ),
    submittedAt: z.date(),
    updatedAt: z.date(),
    late: z.boolean(),
  })
  .meta({ id: 'Plan' });

export const summaryBody = z.strictObject({ content: text('总结内容', 50000) });

export const summary = z
  .object({
    homeId: z.string(),
    year: z.number().int(),
    content: z.string(),
    submittedAt: z.date(),
    updatedAt: z.date(),
    late: z.boolean(),
  })
  .meta({ id: 'Summary' });

/** What may be done to a year's plan or summary, beside reading it. */
export const DOCUMENT_ACTIONS = ['submit'] as const;

export const documentWindow = z
  .object({
    homeId: z.string(),
    year: z.number().int(),
    /** whether the year's document may still be submitted or changed (a summary: until 31 January after) */
    open: z.boolean(),
    /** the last Beijing day (YYYY-MM-DD) it may be submitted or changed; null when there is none */
    editableUntil: z.string().nullable(),
    /** `submit` while the year is open and the caller runs the home */
    allowedActions: z.array(z.enum(DOCUMENT_ACTIONS)),
  })
  .meta({ id: 'DocumentWindow' });

// ---- scorecard and compliance

const quarterState = z.enum(['met', 'at_risk', 'missed', 'open', 'not_judged']);

export const scorecard = z
  .object({
    homeId: z.string(),
    year: z.number().int(),
    items: z.array(z.object({ key: z.string(), ok: z.boolean(), issues: z.array(z.string()) })),
    quarters: z.array(
      z.object({
        quarter: z.number().int(),
        activities: z.number().int(),
        ok: z.boolean(),
        dueOn: z.string(),
        state: quarterState,
      }),
    ),
    score: z.number().int(),
  })
  .meta({ id: 'Scorecard' });

export const complianceQuery = z.object({
  year: year.optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}(\d{3}){0,2}$/, '区划代码应为 6、9 或 12 位数字')
    .optional(),
  kind: z.enum(HOME_KINDS, { error: '类型不正确' }).optional(),
  ownerUnitId: z.string().max(100).optional(),
});
export type ComplianceQuery = z.infer<typeof complianceQuery>;

export const compliance = z
  .object({
    year: z.number().int(),
    quarters: z.array(z.object({ quarter: z.number().int(), dueOn: z.string() })),
    rows: z.array(
      z.object({
        homeId: z.string(),
        name: z.string(),
        kind: z.enum(HOME_KINDS),
        level: z.enum(['municipal', 'district']),
        ownerUnitId: z.string(),
        regionCode: z.string().nullable(),
        regionName: z.string().nullable(),
        /** 所在地 as the page, the print and the Excel write it: 东胜区幸福街道; — without a place */
        place: z.string(),
        quarters: z.array(
          z.object({ quarter: z.number().int(), activities: z.number().int(), state: quarterState }),
        ),
      }),
    ),
  })
  .meta({ id: 'Compliance' });

export const missingQuery = z.object({
  year: year.optional(),
  what: z.enum(['plan', 'summary'], { error: 'what 应为 plan 或 summary' }),
});

export const missingHome = z.object({
  homeId: z.string(),
  name: z.string(),
  ownerUnitId: z.string(),
  regionName: z.string().nullable(),
  directorName: z.string().nullable(),
});

export const REMINDER_KINDS = ['plan', 'summary', 'quarter'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export const reminderBody = z.strictObject({
  kind: z.enum(REMINDER_KINDS, { error: '提醒类型应为 plan、summary 或 quarter' }),
});

// ---- rules

export const rule = z
  .object({
    id: z.string(),
    homeId: z.string().nullable(),
    title: z.string(),
    body: z.string(),
    version: z.string(),
    effectiveOn: z.string(),
    createdAt: z.date(),
    current: z.boolean(),
  })
  .meta({ id: 'Rule' });

export const rulesQuery = z.object({ homeId: z.string().max(100).optional() });

export const ruleBody = z.strictObject({
  title: text('制度名称', 100),
  body: text('制度内容', 50000),
  version: text('版本', 50),
  effectiveOn: dateOf('施行日期'),
  homeId: z.string().max(100).optional(),
});
export type RuleInput = z.infer<typeof ruleBody>;

export const homeRules = z
  .object({
    unified: z.array(rule.extend({ posted: z.boolean(), postedOn: z.string().nullable() })),
    supplementary: z.array(rule),
    allCurrentPosted: z.boolean(),
  })
  .meta({ id: 'HomeRules' });

export const rulePostingsBody = z.strictObject({
  ruleIds: z
    .array(z.string().max(100), { error: 'ruleIds 应为列表' })
    .min(1, '请选择制度')
    .max(200, '一次最多 200 项'),
  postedOn: dateOf('上墙日期'),
});

// ---- signage

export const SIGNAGE_ITEMS = ['outdoor_sign', 'member_board', 'rules_board'] as const;
export type SignageItem = (typeof SIGNAGE_ITEMS)[number];

export const signageItem = z
  .object({
    item: z.enum(SIGNAGE_ITEMS),
    postedOn: z.string().nullable(),
    photoId: z.string().nullable(),
  })
  .meta({ id: 'SignageItem' });

export const signageParams = z.object({
  id: z.string().max(100),
  item: z.enum(SIGNAGE_ITEMS, { error: '标牌应为 outdoor_sign、member_board 或 rules_board' }),
});

export const signageBody = z.strictObject({
  postedOn: dateOf('悬挂日期'),
  photoId: z.string().max(100).nullable().optional(),
});
