import { z } from 'zod';

// The small field schemas every module's contract is built from, with their Chinese messages.

/** What a text field's checks say, named by its label. */
export const textMessages = (label: string, max: number) => ({
  notText: `${label}必须是文本`,
  empty: `${label}不能为空`,
  tooLong: `${label}不能超过 ${max} 个字`,
});

/** A trimmed, non-empty text with a length limit. */
export const text = (label: string, max: number) => {
  const say = textMessages(label, max);
  return z.string({ error: say.notText }).trim().min(1, say.empty).max(max, say.tooLong);
};

/**
 * An optional text. Absent stays absent (an update leaves it alone); null, empty or blank means
 * null — a form field the user cleared (API.md), on create and update alike.
 */
export const optionalText = (label: string, max: number) =>
  z
    .string({ error: textMessages(label, max).notText })
    .trim()
    .max(max, textMessages(label, max).tooLong)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

/** An id naming another thing (a member, a home, a unit…); resolved by the service. */
export const ref = z.string().max(100);

/** A calendar date `YYYY-MM-DD`, named in its message. */
export const dateOf = (label: string) => z.iso.date({ error: `${label}格式应为 YYYY-MM-DD` });
/** A calendar date `YYYY-MM-DD`. */
export const date = dateOf('日期');

/** A year, from a path or query string too. */
export const yearField = z.coerce
  .number({ error: '年度必须是数字' })
  .int('年度必须是整数')
  .min(2000, '年度不能早于 2000 年')
  .max(2100, '年度不能晚于 2100 年');

/** An optional reference: absent stays absent; null, empty or blank means none. */
export const optionalRef = z
  .string()
  .trim()
  .max(100)
  .transform((value) => (value === '' ? null : value))
  .nullable()
  .optional();
