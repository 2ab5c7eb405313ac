import { z } from 'zod';
import { text } from '../../lib/schema.js';
import { pageQuery } from '../../server/http.js';
import { TRANSLATION_AREAS } from './catalogue.js';

/** missing: no Mongolian yet; draft: written, not reviewed (or its Chinese changed since); reviewed. */
export const TRANSLATION_STATES = ['missing', 'draft', 'reviewed'] as const;
export const NAME_KINDS = ['region', 'org_unit', 'home'] as const;

const state = z.enum(TRANSLATION_STATES);
const areas = Object.keys(TRANSLATION_AREAS) as [keyof typeof TRANSLATION_AREAS];

export const translation = z
  .object({
    key: z.string(),
    area: z.enum(areas),
    /** the Chinese as the product has it now */
    source: z.string(),
    text: z.string().nullable(),
    state,
    /** the Chinese changed after the Mongolian was written: it needs a look again */
    sourceChanged: z.boolean(),
    updatedAt: z.string().nullable(),
    updatedByName: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewedByName: z.string().nullable(),
  })
  .meta({ id: 'Translation' });

export const translationsQuery = pageQuery.extend({
  state: state.optional(),
  area: z.enum(areas).optional(),
  /** in the key, the Chinese, or the Mongolian (compared on its normalised key) */
  q: z.string().trim().max(100).optional(),
});

export const translationKeyParams = z.object({ key: z.string().max(200) });

/** A Mongolian text: kept as written, but trimmed, and it must be Mongolian. */
const mongolianText = (label: string, max: number) =>
  text(label, max).refine((value) => /[\u1820-\u18AA]/u.test(value), `${label}须含传统蒙古文字母`);

export const saveTranslationBody = z.object({
  text: mongolianText('蒙古文译文', 2000),
  /** true: the translator has checked it (审校); false: save as a draft */
  reviewed: z.boolean(),
});

export const mongolianName = z
  .object({
    kind: z.enum(NAME_KINDS),
    id: z.string(),
    name: z.string(),
    /** where it is: the banner of a township, the unit of a home */
    context: z.string().nullable(),
    nameMn: z.string().nullable(),
    state,
  })
  .meta({ id: 'MongolianName' });

export const namesQuery = pageQuery.extend({
  kind: z.enum(NAME_KINDS).optional(),
  state: state.optional(),
  q: z.string().trim().max(100).optional(),
});

export const nameParams = z.object({ kind: z.enum(NAME_KINDS), id: z.string().max(100) });

export const saveNameBody = z.object({
  /** null clears the Mongolian name */
  nameMn: mongolianText('蒙古文名称', 200).nullable(),
  reviewed: z.boolean(),
});

/** The Mongolian of an area's strings, for its pages: what has a text, and how many are not reviewed. */
export const mongolianStrings = z
  .object({
    /** key → Mongolian, for every string of the area that has one (drafts too) */
    strings: z.record(z.string(), z.string()),
    /** strings of the area not yet reviewed (drafts and those with no Mongolian): the pages say 译文待审校 */
    unreviewed: z.number().int(),
  })
  .meta({ id: 'MongolianStrings' });

export const mongolianStringsQuery = z.object({ area: z.enum(areas) });

export type TranslationsQuery = z.infer<typeof translationsQuery>;
export type NamesQuery = z.infer<typeof namesQuery>;
export type NameKind = (typeof NAME_KINDS)[number];
