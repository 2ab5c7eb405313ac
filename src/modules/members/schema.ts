import { z } from 'zod';
import { optionalText, text } from '../../lib/schema.js';
import { pageQuery } from '../../server/http.js';
import { MEMBER_ACTIONS } from './policy.js';

export const MEMBER_LEVELS = ['regional', 'municipal', 'district'] as const;
export const MEMBER_LEVEL_LABELS = {
  regional: '自治区政协委员',
  municipal: '市政协委员',
  district: '旗区政协委员',
} as const;
export const GENDER_LABELS = { male: '男', female: '女' } as const;

export const MOBILE = /^1\d{10}$/;

export const memberInput = z.strictObject({
  name: text('姓名', 30),
  gender: z.enum(['male', 'female'], { error: '性别只能是 male 或 female' }),
  ethnicity: optionalText('民族', 20),
  level: z.enum(MEMBER_LEVELS, { error: '层级只能是 regional、municipal 或 district' }),
  orgUnitId: z.string({ error: '请选择所属政协' }).min(1, '请选择所属政协').max(100),
  sectorGroupId: z.string().max(100).nullable().optional(),
  sector: optionalText('界别', 50),
  employer: optionalText('工作单位', 100),
  title: optionalText('职务', 100),
  expertise: z.array(text('专长', 30)).max(20, '专长最多 20 项').optional(),
  phone: z.string().trim().regex(MOBILE, '手机号应为 1 开头的 11 位数字').nullable().optional(),
});
export type MemberInput = z.infer<typeof memberInput>;
export const memberPatch = memberInput.partial();
export type MemberPatch = z.infer<typeof memberPatch>;

export const listMembersQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  level: z.enum(MEMBER_LEVELS).optional(),
  orgUnitId: z.string().max(100).optional(),
  sectorGroupId: z.string().max(100).optional(),
  sector: z.string().trim().max(50).optional(),
  homeId: z.string().max(100).optional(),
});
export type ListMembersQuery = z.infer<typeof listMembersQuery>;

export const member = z
  .object({
    id: z.string(),
    name: z.string(),
    gender: z.enum(['male', 'female']),
    ethnicity: z.string().nullable(),
    level: z.enum(MEMBER_LEVELS),
    orgUnitId: z.string(),
    sectorGroupId: z.string().nullable(),
    sector: z.string().nullable(),
    employer: z.string().nullable(),
    title: z.string().nullable(),
    expertise: z.array(z.string()),
    phone: z.string().nullable(),
    phoneMasked: z.boolean(),
    homeIds: z.array(z.string()),
    /** What the actor may do with the member: 'update', 'update_contact', 'reveal_phone'. */
    allowedActions: z.array(z.enum(MEMBER_ACTIONS)),
  })
  .meta({ id: 'Member' });

const importRowNote = z.object({ row: z.number().int(), field: z.string(), message: z.string() });

export const importResult = z.object({
  /** rows that added a member */
  created: z.number().int(),
  /** rows whose values differ from the stored member: that member updated */
  updated: z.number().int(),
  /** rows identical to the stored member: nothing written for them */
  unchanged: z.number().int(),
  /** rows (updated or unchanged) whose phone was masked as the export masks it: the stored number kept */
  unchangedMasked: z.number().int(),
  /**
   * Rows left as stored without stopping the import: members the actor sees but does not manage,
   * whose row differs from the record (`field` names the columns that differ).
   */
  warnings: z.array(importRowNote),
  /** Bad rows: with any of them nothing is written, unless partial=true (then these rows are skipped). */
  errors: z.array(importRowNote),
});
