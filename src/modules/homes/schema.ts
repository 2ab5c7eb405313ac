import { z } from 'zod';
import {
  HOME_ACTIONS,
  HOME_KINDS,
  HOME_LEVELS,
  HOME_STATUSES,
  VENUE_TYPES,
} from '../../domain/home-workflow.js';
import { date, optionalText, text } from '../../lib/schema.js';
import { PLAQUE_LAYOUTS } from '../../print/plaque.js';
import { pageQuery } from '../../server/http.js';

const memberRef = z.string().max(100).nullable().optional();

const homeFields = {
  name: text('名称', 60),
  nameMn: optionalText('蒙古文名称', 200),
  online: z.boolean({ error: '必须是 true 或 false' }).optional(),
  regionCode: z
    .string()
    .regex(/^\d{9}(\d{3})?$/, '所在地应为乡镇（9 位）或村（12 位）区划代码')
    .nullable()
    .optional(),
  brand: optionalText('品牌', 60),
  specialty: optionalText('特色', 500),
  address: optionalText('地址', 200),
  venueType: z.enum(VENUE_TYPES, { error: '场所类型不正确' }).nullable().optional(),
  sharedWith: optionalText('共建场所', 100),
  equipment: optionalText('设施设备', 1000),
  openingHours: optionalText('开放时间', 200),
  onlineUrl: z
    .url({ protocol: /^https?$/, error: '网上平台地址应为 http(s) 开头的网址' })
    .max(300)
    .nullable()
    .optional(),
  directorMemberId: memberRef,
  deputyMemberId: memberRef,
  memberIds: z.array(z.string().max(100)).max(500, '成员最多 500 人').optional(),
};

export const createHomeBody = z.strictObject({
  ...homeFields,
  kind: z.enum(HOME_KINDS, { error: '类型不正确' }),
  level: z.enum(['municipal', 'district'], { error: '层级只能是 municipal 或 district' }).optional(),
  ownerUnitId: z.string().max(100).optional(),
});
export type CreateHomeInput = z.infer<typeof createHomeBody>;

export const updateHomeBody = z.strictObject(homeFields).partial();
export type UpdateHomeInput = z.infer<typeof updateHomeBody>;

/**
 * A unit the actor may register a new home under (GET /homes/owner-units), and what such a home
 * may be: the new-home form offers only these choices, as the server takes them.
 */
export const ownerUnitChoice = z
  .object({
    id: z.string(),
    /** the level of the unit's homes: a banner/district CPPCC's are district homes */
    level: z.enum(HOME_LEVELS),
    /** the kinds of home the unit may set up */
    kinds: z.array(z.enum(HOME_KINDS)),
    /** the banner/district (its region code) a home of the unit must lie in; null: anywhere in Ordos */
    regionCode: z.string().nullable(),
  })
  .meta({ id: 'HomeOwnerUnit' });

export const ownerUnitChoices = z.object({ items: z.array(ownerUnitChoice) }).meta({ id: 'HomeOwnerUnits' });

export const listHomesQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  kind: z.enum(HOME_KINDS).optional(),
  level: z.enum(['municipal', 'district']).optional(),
  status: z.enum(HOME_STATUSES).optional(),
  ownerUnitId: z.string().max(100).optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}(\d{3}){0,2}$/, '区划代码应为 6、9 或 12 位数字')
    .optional(),
  memberId: z.string().max(100).optional(),
});
export type ListHomesQuery = z.infer<typeof listHomesQuery>;

const required = (label: string, max = 20000) => text(label, max);

/** What each step of the procedure records (API.md). */
export const TRANSITION_DATA = {
  survey: z.strictObject({ report: required('调研报告') }),
  plan: z.strictObject({
    plan: required('建设方案'),
    address: required('选址地址', 200),
    regionCode: homeFields.regionCode,
  }),
  review: z.strictObject({
    conditionsMet: z.literal(true, { error: '须确认符合基本条件' }),
    opinion: required('审核意见'),
  }),
  return: z.strictObject({ opinion: required('退回意见') }),
  approve: z.strictObject({ meeting: required('主席会议', 100), meetingDate: date }),
  reject: z.strictObject({
    meeting: required('主席会议', 100),
    meetingDate: date,
    reason: required('不予批准的理由'),
  }),
  award_plaque: z.strictObject({ plaqueNo: required('牌匾编号', 50), awardedOn: date }),
  suspend: z.strictObject({ reason: required('暂停原因') }),
  resume: z.strictObject({}),
  close: z.strictObject({ reason: required('撤销原因') }),
} as const;

export const transitionBody = z.strictObject({
  action: z.enum(HOME_ACTIONS, { error: '未知的操作' }),
  comment: text('意见', 5000).nullable().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  attachmentIds: z.array(z.string().max(100)).max(20, '附件最多 20 个').optional(),
});

/** The actions a home's detail may list: the workflow's steps plus editing the record. */
export const HOME_RECORD_ACTIONS = [...HOME_ACTIONS, 'update'] as const;

export const home = z
  .object({
    id: z.string(),
    name: z.string(),
    nameMn: z.string().nullable(),
    /** false: the Mongolian name is a draft a translator has not reviewed */
    nameMnReviewed: z.boolean(),
    kind: z.enum(HOME_KINDS),
    online: z.boolean(),
    level: z.enum(['municipal', 'district']),
    ownerUnitId: z.string(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    brand: z.string().nullable(),
    specialty: z.string().nullable(),
    address: z.string().nullable(),
    venueType: z.enum(VENUE_TYPES).nullable(),
    sharedWith: z.string().nullable(),
    equipment: z.string().nullable(),
    onlineUrl: z.string().nullable(),
    openingHours: z.string().nullable(),
    status: z.enum(HOME_STATUSES),
    plaqueNo: z.string().nullable(),
    plaqueAwardedOn: z.string().nullable(),
    directorMemberId: z.string().nullable(),
    deputyMemberId: z.string().nullable(),
    directorName: z.string().nullable(),
    memberIds: z.array(z.string()),
  })
  .meta({ id: 'Home' });

export const homeDetail = home
  .extend({
    members: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        sector: z.string().nullable(),
        role: z.enum(['director', 'deputy', 'member']),
      }),
    ),
    /** What the actor may do now: the procedure's next steps, and 'update' (edit the home and run it). */
    allowedActions: z.array(z.enum(HOME_RECORD_ACTIONS)),
    /** Whether the actor may read the home's funds (its 经费 tab): not a plain member of the home. */
    readsFunds: z.boolean(),
    /** the years whose 年度计划 and 年度总结 are submitted: the home's tabs ask for those only */
    documents: z.object({ plans: z.array(z.number().int()), summaries: z.array(z.number().int()) }),
    warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  })
  .meta({ id: 'HomeDetail' });

export const attachment = z
  .object({
    id: z.string(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    createdAt: z.date(),
  })
  .meta({ id: 'Attachment' });

export const historyEntry = z.object({
  id: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.date(),
  comment: z.string().nullable(),
  data: z.unknown(),
  attachments: z.array(attachment),
});

/** The outdoor sign's layout: 横式 900 × 600 mm (the default) or 竖式 400 × 1200 mm. */
export const plaqueQuery = z.object({
  layout: z
    .enum(PLAQUE_LAYOUTS, { error: '版式应为 horizontal（横式）或 vertical（竖式）' })
    .default('horizontal'),
});
