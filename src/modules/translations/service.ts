import { mongolianKey } from '../../domain/mongolian.js';
import { badRequest, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import { ERROR_MESSAGES } from '../../server/messages.js';
import type { Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { CATALOGUE, CATALOGUE_BY_KEY, type CatalogueEntry, placeholdersOf } from './catalogue.js';
import {
  allNames,
  allTranslations,
  findName,
  type NameRow,
  setName,
  type TranslationRow,
  translationsByKey,
  upsertTranslation,
} from './repo.js';
import type { NameKind, NamesQuery, TranslationsQuery } from './schema.js';

/**
 * The Mongolian of the product's strings and names (API.md Languages): a draft until a translator
 * reviews it, a draft again once anyone else changes it or its Chinese changes. Mongolian is
 * searched on its normalised key, since look-alike spellings are different code points.
 */

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** Whether `q` is found in the Chinese or, folded, in the Mongolian (given by its key). */
function matches(q: string | undefined, chinese: string[], mongolianKeyOf: string | null): boolean {
  if (!q) return true;
  if (chinese.some((text) => text.includes(q))) return true;
  const key = mongolianKey(q);
  return key !== '' && mongolianKeyOf !== null && mongolianKeyOf.includes(key);
}

function present(entry: CatalogueEntry, row: TranslationRow | undefined) {
  const sourceChanged = row !== undefined && row.source !== entry.source;
  return {
    key: entry.key,
    area: entry.area,
    source: entry.source,
    text: row?.text ?? null,
    state: !row
      ? ('missing' as const)
      : row.reviewed && !sourceChanged
        ? ('reviewed' as const)
        : ('draft' as const),
    sourceChanged,
    updatedAt: iso(row?.updatedAt ?? null),
    updatedByName: row?.updatedByName ?? null,
    reviewedAt: iso(row?.reviewedAt ?? null),
    reviewedByName: row?.reviewedByName ?? null,
  };
}

const pageOfList = <T>(items: T[], q: { page: number; pageSize: number }) => ({
  items: items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
  total: items.length,
  page: q.page,
  pageSize: q.pageSize,
});

/** The strings, in the catalogue's order, filtered by state, area and a search. */
export async function listTranslations(db: Db, q: TranslationsQuery) {
  const rows = new Map((await allTranslations(db)).map((row) => [row.key, row]));
  const items = CATALOGUE.map((entry) => present(entry, rows.get(entry.key))).filter(
    (item) =>
      (!q.state || item.state === q.state) &&
      (!q.area || item.area === q.area) &&
      matches(q.q, [item.key, item.source], rows.get(item.key)?.textKey ?? null),
  );
  return pageOfList(items, q);
}

/** Writes a string's Mongolian, as a draft or reviewed; it keeps the source's `{{…}}` marks. */
export async function saveTranslation(
  db: Db,
  who: Who,
  key: string,
  body: { text: string; reviewed: boolean },
) {
  const entry = CATALOGUE_BY_KEY.get(key);
  if (!entry) throw notFound('没有这条界面文字');
  const wanted = placeholdersOf(entry.source);
  const kept = placeholdersOf(body.text);
  if (wanted.join() !== kept.join()) {
    const marks = wanted.map((name) => `{{${name}}}`).join('、');
    throw badRequest(ERROR_MESSAGES.invalid, {
      text: wanted.length
        ? `译文须保留原文的占位符 ${marks}，且不加别的占位符`
        : '原文没有占位符，译文也不应有 {{…}}',
    });
  }
  const now = new Date();
  const actorId = who.actor?.userId ?? null;
  await db.transaction().execute(async (trx) => {
    const before = (await translationsByKey(trx, [key]))[0];
    await upsertTranslation(trx, {
      key,
      source: entry.source,
      text: body.text,
      textKey: mongolianKey(body.text),
      reviewed: body.reviewed,
      updatedBy: actorId,
      updatedAt: now,
      reviewedBy: body.reviewed ? actorId : null,
      reviewedAt: body.reviewed ? now : null,
    });
    await recordAudit(trx, who, {
      action: 'translation.save',
      objectType: 'translation',
      objectId: key,
      before: before ? { text: before.text, reviewed: before.reviewed, source: before.source } : null,
      after: { text: body.text, reviewed: body.reviewed, source: entry.source },
    });
  });
  if (entry.area === 'errors') errorsMn.delete(db);
  const rows = await allTranslations(db);
  return present(
    entry,
    rows.find((row) => row.key === key),
  );
}

/**
 * The Mongolian of some strings for a print or a page: the text and whether it stands reviewed
 * (a text whose Chinese has changed since is a draft again). Strings with none are left out.
 */
export async function mongolianOf(db: Db, keys: readonly string[]) {
  const rows = await translationsByKey(db, keys);
  return new Map(
    rows.map((row) => [
      row.key,
      { text: row.text, reviewed: row.reviewed && CATALOGUE_BY_KEY.get(row.key)?.source === row.source },
    ]),
  );
}

/** An area's Mongolian, for its pages (public: these are the product's own words). */
export async function mongolianStringsOf(db: Db, area: CatalogueEntry['area']) {
  const entries = CATALOGUE.filter((entry) => entry.area === area);
  const found = await mongolianOf(
    db,
    entries.map((entry) => entry.key),
  );
  const strings: Record<string, string> = {};
  for (const [key, { text }] of found) strings[key] = text;
  const reviewed = [...found.values()].filter((t) => t.reviewed).length;
  return { strings, unreviewed: entries.length - reviewed };
}

/** The error messages' Mongolian as last read, by database (one per installation; tests run several). */
const errorsMn = new WeakMap<Db, { at: number; messages: Promise<Map<string, string>> }>();
/** A translation of an error message shows within this long on every instance (at once on this one). */
const ERRORS_FRESH_MS = 60_000;

/**
 * The Mongolian of the error messages, by their Chinese: read at most once a minute, and again at
 * once after a translator's save here.
 */
export function mongolianErrorMessages(db: Db): Promise<Map<string, string>> {
  const kept = errorsMn.get(db);
  if (kept && Date.now() - kept.at < ERRORS_FRESH_MS) return kept.messages;
  const entries = CATALOGUE.filter((entry) => entry.area === 'errors');
  const messages = mongolianOf(
    db,
    entries.map((entry) => entry.key),
  ).then((found) => {
    const byChinese = new Map<string, string>();
    for (const entry of entries) {
      const text = found.get(entry.key)?.text;
      if (text) byChinese.set(entry.source, text);
    }
    return byChinese;
  });
  errorsMn.set(db, { at: Date.now(), messages });
  messages.catch(() => errorsMn.delete(db));
  return messages;
}

/**
 * The Mongolian of the certificates (their title and words, print.certificates.*), for the prints:
 * a certificate's block needs both, else it prints its place empty.
 */
export async function certificateTranslations(db: Db) {
  const keys = [
    'training.title',
    'training.words',
    'commendation.title',
    'commendation.home',
    'commendation.member',
  ].map((key) => `print.certificates.${key}`);
  const found = await mongolianOf(db, keys);
  const pair = (title: string, words: string) => {
    const [t, w] = [found.get(`print.certificates.${title}`), found.get(`print.certificates.${words}`)];
    return t && w ? { title: t, words: w } : null;
  };
  return {
    training: pair('training.title', 'training.words'),
    commendation: {
      home: pair('commendation.title', 'commendation.home'),
      member: pair('commendation.title', 'commendation.member'),
    },
  };
}

const presentName = (row: NameRow) => ({
  kind: row.kind,
  id: row.id,
  name: row.name,
  context: row.context,
  nameMn: row.nameMn,
  state: !row.nameMn ? ('missing' as const) : row.nameMnReviewed ? ('reviewed' as const) : ('draft' as const),
});

/** The names of regions, org units and homes with their Mongolian, filtered as the strings are. */
export async function listNames(db: Db, q: NamesQuery) {
  const items = (await allNames(db))
    .map(presentName)
    .filter(
      (item) =>
        (!q.kind || item.kind === q.kind) &&
        (!q.state || item.state === q.state) &&
        matches(q.q, [item.name, item.context ?? ''], item.nameMn ? mongolianKey(item.nameMn) : null),
    );
  return pageOfList(items, q);
}

/** Writes (or clears) a Mongolian name; reviewed only when the translator says so. */
export async function saveName(
  db: Db,
  who: Who,
  kind: NameKind,
  id: string,
  body: { nameMn: string | null; reviewed: boolean },
) {
  const before = kind === 'home' && !isUuid(id) ? undefined : await findName(db, kind, id);
  if (!before) throw notFound('找不到该名称');
  if (body.nameMn === null && body.reviewed) {
    throw badRequest(ERROR_MESSAGES.invalid, { nameMn: '没有蒙古文名称可审校：请填写名称，或取消“已审校”' });
  }
  const changes = { nameMn: body.nameMn, nameMnReviewed: body.nameMn !== null && body.reviewed };
  await db.transaction().execute(async (trx) => {
    await setName(trx, kind, id, changes);
    await recordAudit(trx, who, {
      action: 'translation.name_save',
      objectType: kind,
      objectId: id,
      before: { nameMn: before.nameMn, nameMnReviewed: before.nameMnReviewed },
      after: changes,
    });
  });
  return presentName((await findName(db, kind, id))!);
}
