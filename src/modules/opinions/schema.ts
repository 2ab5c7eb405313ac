import { z } from 'zod';
import {
  ADOPTION_LEVELS,
  OPINION_ACTIONS,
  OPINION_CHANNELS,
  OPINION_STATUSES,
  PROBLEM_STATUSES,
} from '../../domain/opinion-workflow.js';
import { date, optionalText, ref, text } from '../../lib/schema.js';
import { pageQuery } from '../../server/http.js';

const regionCode = z
  .string()
  .regex(/^\d{6}(\d{3}){0,2}$/, '地区应为旗区、乡镇或村的区划代码')
  .nullable()
  .optional();

/** The labels and limits of a citizen's opinion's texts, and what its phone check says. */
export const OPINION_TEXTS = { title: ['标题', 100], content: ['内容', 5000], name: ['姓名', 50] } as const;
export const PHONE_MESSAGE = '请填写正确的电话号码';

/** Only digits, spaces and dashes: a mobile or a landline. */
const phone = z
  .string({ error: '电话必须是文本' })
  .trim()
  .regex(/^[\d\s\-+]{7,20}$/, PHONE_MESSAGE)
  .nullable()
  .optional();

/** What the caller may do with an opinion: its workflow steps and the record actions. */
export const OPINION_DETAIL_ACTIONS = [...OPINION_ACTIONS, 'create_problem'] as const;
export type OpinionDetailAction = (typeof OPINION_DETAIL_ACTIONS)[number];

/** What the caller may do with a 解难纾困 item: `update` its handling. */
export const PROBLEM_ACTIONS = ['update'] as const;

/** What a citizen (or staff on their behalf) submits. */
const opinionFields = {
  homeId: ref.nullable().optional(),
  regionCode,
  title: text(...OPINION_TEXTS.title),
  content: text(...OPINION_TEXTS.content),
  name: optionalText(...OPINION_TEXTS.name),
  phone,
  contactConsent: z.boolean({ error: '请选择是否同意联系' }).optional(),
};

export const publicOpinionBody = z.strictObject(opinionFields);
export type PublicOpinionInput = z.infer<typeof publicOpinionBody>;

export const staffOpinionBody = z.strictObject({
  ...opinionFields,
  channel: z.enum(OPINION_CHANNELS, { error: '来源方式不正确' }),
});
export type StaffOpinionInput = z.infer<typeof staffOpinionBody>;

/**
 * The key a citizen's device sends an opinion with (`Idempotency-Key`, chosen once per opinion):
 * sent again after a dropped connection, the same key gets the first sending's tracking code back.
 */
export const submissionHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, '提交标识（Idempotency-Key）须为 16 至 64 位字母、数字、- 或 _')
    .optional()
    .meta({ description: '同一条意见重发时带同一个标识，返回第一次的查询码，不重复登记' }),
});

export const trackingCodeResult = z.object({ trackingCode: z.string() }).meta({ id: 'TrackingCode' });
export const createdOpinion = z.object({ id: z.string(), trackingCode: z.string(), merged: z.boolean() });

export const OPINION_QUEUES = [
  'all',
  'waiting',
  'mine',
  'to_accept',
  'to_decide',
  'to_reply',
  'overdue',
] as const;

export const listOpinionsQuery = pageQuery.extend({
  queue: z.enum(OPINION_QUEUES, { error: '未知的队列' }).default('all'),
  status: z.enum(OPINION_STATUSES).optional(),
  homeId: ref.optional(),
  q: z.string().trim().max(50).optional(),
});
export type ListOpinionsQuery = z.infer<typeof listOpinionsQuery>;

const flag = z.enum(['accept_overdue', 'unanswered_30', 'unanswered_90']);

export const opinionListItem = z
  .object({
    id: z.string(),
    trackingCode: z.string(),
    title: z.string(),
    homeId: z.string().nullable(),
    homeName: z.string().nullable(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    status: z.enum(OPINION_STATUSES),
    channel: z.enum(OPINION_CHANNELS),
    receivedAt: z.string(),
    assignedMemberId: z.string().nullable(),
    assignedMemberName: z.string().nullable(),
    submissionCount: z.number().int(),
    flags: z.array(flag),
  })
  .meta({ id: 'OpinionListItem' });

/** The formal 社情民意信息 the assigned member writes. */
export const opinionDraft = z.strictObject({
  reporter: text('反映人及单位', 200),
  situation: text('情况问题', 5000),
  analysis: text('原因分析', 5000),
  suggestion: text('意见建议', 5000),
});

/** What each step records (see src/domain/opinion-workflow.ts). */
export const OPINION_STEP_DATA = {
  accept: z.strictObject({ memberId: ref }),
  reassign: z.strictObject({ memberId: ref }),
  draft: opinionDraft,
  submit: z.strictObject({}),
  return: z.strictObject({ reason: text('退回意见', 2000) }),
  adopt: z.strictObject({ level: z.enum(ADOPTION_LEVELS, { error: '请选择采用层级' }) }),
  forward: z.strictObject({ department: text('转交部门', 100), forwardedOn: date }),
  instruct: z.strictObject({
    leader: text('批示领导', 50),
    instructedOn: date,
    instruction: text('批示内容', 2000),
  }),
  decline: z.strictObject({ reason: text('不予采用的理由', 2000) }),
  reply: z.strictObject({ reply: text('答复内容', 5000), public: z.boolean({ error: '请选择是否公开' }) }),
  dismiss: z.strictObject({ reason: text('不予受理的理由', 2000) }),
  close: z.strictObject({}),
} as const;

export const opinionTransitionBody = z.strictObject({
  action: z.enum(OPINION_ACTIONS, { error: '未知的操作' }),
  comment: text('意见', 2000).nullable().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type OpinionTransitionInput = z.infer<typeof opinionTransitionBody>;

export const problemSummary = z.object({
  id: z.string(),
  trackingCode: z.string(),
  title: z.string(),
  status: z.enum(PROBLEM_STATUSES),
  satisfaction: z.number().int().nullable(),
});

export const opinionDetail = opinionListItem
  .extend({
    content: z.string(),
    ownerUnitId: z.string(),
    draft: z
      .object({ reporter: z.string(), situation: z.string(), analysis: z.string(), suggestion: z.string() })
      .nullable(),
    /** the office's decision: { kind, level? department? forwardedOn? leader? instructedOn? instruction? reason? } */
    decision: z.record(z.string(), z.unknown()).nullable(),
    reply: z.string().nullable(),
    replyPublic: z.boolean(),
    acceptedAt: z.string().nullable(),
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    repliedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    /**
     * each submission (duplicates merged into this one); for readers who do not act on it (vice
     * chairs) the name and phone are masked: 王** and 138****1234
     */
    submissions: z.array(
      z.object({
        trackingCode: z.string(),
        name: z.string().nullable(),
        phone: z.string().nullable(),
        contactConsent: z.boolean(),
        channel: z.enum(OPINION_CHANNELS),
        enteredByName: z.string().nullable(),
        at: z.string(),
      }),
    ),
    steps: z.array(
      z.object({
        action: z.string(),
        fromStatus: z.string().nullable(),
        toStatus: z.string(),
        actorName: z.string().nullable(),
        at: z.string(),
        comment: z.string().nullable(),
        data: z.unknown(),
      }),
    ),
    /** the workflow steps the caller may take now, and `create_problem` (登记解难纾困 from it) */
    allowedActions: z.array(z.enum(OPINION_DETAIL_ACTIONS)),
    /** who may be assigned: the home's members (for one sent to a region, empty: pick any member) */
    assignableMembers: z.array(z.object({ id: z.string(), name: z.string(), sector: z.string().nullable() })),
    problems: z.array(problemSummary),
  })
  .meta({ id: 'OpinionDetail' });

export const opinionQueues = z.object({
  /** what waits for the caller to act on: mine, to accept, to decide and to reply together */
  waiting: z.number().int(),
  mine: z.number().int(),
  toAccept: z.number().int(),
  toDecide: z.number().int(),
  toReply: z.number().int(),
  overdue: z.number().int(),
});

// ---- 解难纾困 (R20) ----

export const createProblemBody = z.strictObject({
  opinionId: ref.nullable().optional(),
  homeId: ref.nullable().optional(),
  regionCode,
  title: text('问题', 100),
  description: text('问题描述', 5000),
  requesterName: optionalText('求助人', 50),
  requesterPhone: phone,
  contactConsent: z.boolean().optional(),
  handlerMemberId: ref.nullable().optional(),
  handlerDepartment: optionalText('承办部门', 100),
});
export type CreateProblemInput = z.infer<typeof createProblemBody>;

export const updateProblemBody = z
  .strictObject({
    handlerMemberId: ref.nullable(),
    handlerDepartment: optionalText('承办部门', 100),
    actions: optionalText('办理措施', 5000),
    result: optionalText('办理结果', 5000),
    resultPublic: z.boolean(),
    status: z.enum(PROBLEM_STATUSES, { error: '状态不正确' }),
    /** recorded by staff when the citizen answered by phone or in person */
    satisfaction: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
    satisfactionComment: optionalText('评价', 500),
  })
  .partial();
export type UpdateProblemInput = z.infer<typeof updateProblemBody>;

export const listProblemsQuery = pageQuery.extend({
  status: z.enum(PROBLEM_STATUSES).optional(),
  homeId: ref.optional(),
  q: z.string().trim().max(50).optional(),
});
export type ListProblemsQuery = z.infer<typeof listProblemsQuery>;

export const problem = z
  .object({
    id: z.string(),
    trackingCode: z.string(),
    opinionId: z.string().nullable(),
    opinionTitle: z.string().nullable(),
    homeId: z.string().nullable(),
    homeName: z.string().nullable(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    title: z.string(),
    description: z.string(),
    requesterName: z.string().nullable(),
    requesterPhone: z.string().nullable(),
    contactConsent: z.boolean(),
    handlerMemberId: z.string().nullable(),
    handlerMemberName: z.string().nullable(),
    handlerDepartment: z.string().nullable(),
    actions: z.string().nullable(),
    result: z.string().nullable(),
    resultPublic: z.boolean(),
    status: z.enum(PROBLEM_STATUSES),
    satisfaction: z.number().int().nullable(),
    satisfactionComment: z.string().nullable(),
    ratedAt: z.string().nullable(),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
    allowedActions: z.array(z.enum(PROBLEM_ACTIONS)),
  })
  .meta({ id: 'CitizenProblem' });

// ---- the public side (no sign-in) ----

export const publicHomesQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  kind: z.enum(['sector_group', 'member_studio', 'township', 'village', 'industry']).optional(),
  level: z.enum(['municipal', 'district']).optional(),
  ownerUnitId: ref.optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}(\d{3}){0,2}$/, '区划代码应为 6、9 或 12 位数字')
    .optional(),
});
export type PublicHomesQuery = z.infer<typeof publicHomesQuery>;

export const publicHomeSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    nameMn: z.string().nullable(),
    kind: z.string(),
    level: z.string(),
    brand: z.string().nullable(),
    specialty: z.string().nullable(),
    address: z.string().nullable(),
    openingHours: z.string().nullable(),
    online: z.boolean(),
    onlineUrl: z.string().nullable(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    districtName: z.string().nullable(),
    ownerUnitName: z.string(),
    directorName: z.string().nullable(),
  })
  .meta({ id: 'PublicHomeSummary' });

const person = z.object({ name: z.string(), sector: z.string().nullable() });

export const publicHome = publicHomeSummary
  .extend({
    plaqueNo: z.string().nullable(),
    director: person.nullable(),
    deputy: person.nullable(),
    members: z.array(person),
    rules: z.array(z.object({ id: z.string(), title: z.string(), content: z.string() })),
    /** the coming 30 days */
    dutyShifts: z.array(z.object({ startsAt: z.string(), endsAt: z.string(), memberName: z.string() })),
    /** planned, the coming 60 days */
    activities: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        kind: z.string(),
        startsAt: z.string(),
        endsAt: z.string(),
        place: z.string().nullable(),
      }),
    ),
    /** the last five held */
    recentActivities: z.array(
      z.object({ id: z.string(), title: z.string(), kind: z.string(), startsAt: z.string() }),
    ),
  })
  .meta({ id: 'PublicHome' });

export const publicOptions = z
  .object({
    districts: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        homes: z.number().int(),
        townships: z.array(z.object({ code: z.string(), name: z.string(), homes: z.number().int() })),
      }),
    ),
    sectorGroups: z.array(z.object({ id: z.string(), name: z.string(), homes: z.number().int() })),
    kinds: z.array(z.object({ kind: z.string(), homes: z.number().int() })),
  })
  .meta({ id: 'PublicOptions' });

export const trackingParams = z.object({ trackingCode: z.string().max(30) });

export const publicProblem = z
  .object({
    trackingCode: z.string(),
    title: z.string(),
    status: z.enum(PROBLEM_STATUSES),
    createdAt: z.string(),
    result: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    satisfaction: z.number().int().nullable(),
    /** the result is published and not yet rated */
    canRate: z.boolean(),
  })
  .meta({ id: 'PublicProblem' });

export const publicOpinion = z
  .object({
    trackingCode: z.string(),
    title: z.string(),
    homeName: z.string().nullable(),
    status: z.enum(OPINION_STATUSES),
    receivedAt: z.string(),
    history: z.array(z.object({ status: z.enum(OPINION_STATUSES), at: z.string() })),
    reply: z.string().nullable(),
    repliedAt: z.string().nullable(),
    problems: z.array(publicProblem),
  })
  .meta({ id: 'PublicOpinion' });

export const satisfactionBody = z.strictObject({
  satisfaction: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: '请选择满意程度' }),
  comment: optionalText('评价', 500),
});

export const publicCommendations = z
  .object({
    rounds: z.array(
      z.object({
        year: z.number().int(),
        level: z.enum(['municipal', 'district']),
        title: z.string(),
        ownerUnitName: z.string(),
        publishedAt: z.string(),
        homes: z.array(z.object({ homeId: z.string(), name: z.string(), grade: z.string() })),
        members: z.array(z.object({ name: z.string(), sector: z.string().nullable() })),
      }),
    ),
  })
  .meta({ id: 'PublicCommendations' });
