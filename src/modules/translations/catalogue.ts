import { textMessages } from '../../lib/schema.js';
import { BOARD_HEADINGS } from '../../print/boards.js';
import { TRAINING_CERTIFICATE } from '../../print/certificate.js';
import { COMMENDATION_CERTIFICATE } from '../../print/commendation.js';
import { ERROR_MESSAGES } from '../../server/messages.js';
import { phoneStrings } from '../../web/phone/strings.js';
import { OPINION_TEXTS, PHONE_MESSAGE } from '../opinions/schema.js';

/**
 * Every string of the product that has a Mongolian form, by key, with its Chinese source: the
 * members' phone pages (phone.*), the print headings (print.*), and the error messages a client
 * asking for Mongolian (Accept-Language: mn) is answered in (errors.*): the common ones and those of
 * a citizen's opinion. The Chinese lives in the code;
 * its Mongolian is data (the `translations` table), written and reviewed by translators in the
 * admin without a release.
 */
export const TRANSLATION_AREAS = { phone: '委员手机页面', print: '打印件', errors: '错误提示' } as const;
export type TranslationArea = keyof typeof TRANSLATION_AREAS;

export interface CatalogueEntry {
  key: string;
  area: TranslationArea;
  source: string;
}

type Strings = { [key: string]: string | Strings };

function flatten(prefix: string, area: TranslationArea, strings: Strings): CatalogueEntry[] {
  return Object.entries(strings).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [{ key: `${prefix}.${key}`, area, source: value }]
      : flatten(`${prefix}.${key}`, area, value),
  );
}

/** The messages of a citizen's opinion's fields, as its schema says them. */
const opinionMessages = {
  ...Object.fromEntries(
    Object.entries(OPINION_TEXTS).map(([field, [label, max]]) => {
      const { empty, tooLong } = textMessages(label, max);
      return [field, field === 'name' ? { tooLong } : { empty, tooLong }];
    }),
  ),
  phone: PHONE_MESSAGE,
};

export const CATALOGUE: readonly CatalogueEntry[] = [
  ...flatten('phone', 'phone', phoneStrings),
  ...flatten('print.boards', 'print', BOARD_HEADINGS),
  ...flatten('print.certificates.training', 'print', TRAINING_CERTIFICATE),
  ...flatten('print.certificates.commendation', 'print', COMMENDATION_CERTIFICATE),
  ...flatten('errors', 'errors', ERROR_MESSAGES),
  ...flatten('errors.opinion', 'errors', opinionMessages),
];

export const CATALOGUE_BY_KEY: ReadonlyMap<string, CatalogueEntry> = new Map(
  CATALOGUE.map((entry) => [entry.key, entry]),
);

/** The `{{name}}` marks of a phrase, which its translation must keep. */
export const placeholdersOf = (text: string): string[] =>
  [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
