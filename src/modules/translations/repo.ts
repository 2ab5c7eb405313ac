import { type Insertable, sql } from 'kysely';
import type { Db, TranslationTable } from '../../db/schema.js';
import type { NameKind } from './schema.js';

/** Every translation with the names of who wrote and who reviewed it (a few hundred rows at most). */
export function allTranslations(db: Db) {
  return db
    .selectFrom('translations')
    .leftJoin('users as writer', 'writer.id', 'translations.updatedBy')
    .leftJoin('users as reviewer', 'reviewer.id', 'translations.reviewedBy')
    .select([
      'translations.key',
      'translations.source',
      'translations.text',
      'translations.textKey',
      'translations.reviewed',
      'translations.updatedAt',
      'translations.reviewedAt',
      'writer.displayName as updatedByName',
      'reviewer.displayName as reviewedByName',
    ])
    .execute();
}

export type TranslationRow = Awaited<ReturnType<typeof allTranslations>>[number];

export function translationsByKey(db: Db, keys: readonly string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('translations')
    .select(['key', 'source', 'text', 'reviewed'])
    .where('key', 'in', keys)
    .execute();
}

export async function upsertTranslation(db: Db, row: Insertable<TranslationTable>) {
  const { key: _key, ...changes } = row;
  await db
    .insertInto('translations')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet(changes))
    .execute();
}

/**
 * The names a translator works on: the city, its banners and districts and their townships; the
 * org units; the homes that are not closed. Each with what places it (a township's banner, a
 * home's region).
 */
export async function allNames(db: Db, only?: { kind: NameKind; id: string }) {
  const wanted = (kind: NameKind) => !only || only.kind === kind;
  const [regions, units, homes] = await Promise.all([
    db
      .selectFrom('regions')
      .leftJoin('regions as parent', 'parent.code', 'regions.parentCode')
      .select([
        'regions.code as id',
        'regions.name',
        'regions.nameMn',
        'regions.nameMnReviewed',
        'parent.name as context',
      ])
      .where('regions.level', 'in', ['city', 'district', 'township'])
      .$if(!wanted('region'), (q) => q.where(sql<boolean>`false`))
      .$if(only?.kind === 'region', (q) => q.where('regions.code', '=', only?.id ?? ''))
      .orderBy('regions.code')
      .execute(),
    db
      .selectFrom('orgUnits')
      .select(['id', 'name', 'nameMn', 'nameMnReviewed'])
      .$if(!wanted('org_unit'), (q) => q.where(sql<boolean>`false`))
      .$if(only?.kind === 'org_unit', (q) => q.where('id', '=', only?.id ?? ''))
      .orderBy('sort')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('homes')
      .leftJoin('regions', 'regions.code', 'homes.regionCode')
      .select(['homes.id', 'homes.name', 'homes.nameMn', 'homes.nameMnReviewed', 'regions.name as context'])
      .where('homes.status', '!=', 'closed')
      .$if(!wanted('home'), (q) => q.where(sql<boolean>`false`))
      .$if(only?.kind === 'home', (q) => q.where('homes.id', '=', only?.id ?? ''))
      .orderBy('homes.name')
      .execute(),
  ]);
  return [
    ...regions.map((row) => ({ kind: 'region' as const, ...row })),
    ...units.map((row) => ({ kind: 'org_unit' as const, ...row, context: null })),
    ...homes.map((row) => ({ kind: 'home' as const, ...row })),
  ];
}

export type NameRow = Awaited<ReturnType<typeof allNames>>[number];

/** One name, as the list has it; undefined for an unknown one or one the list leaves out. */
export async function findName(db: Db, kind: NameKind, id: string): Promise<NameRow | undefined> {
  const names = await allNames(db, { kind, id });
  return names[0];
}

export async function setName(
  db: Db,
  kind: NameKind,
  id: string,
  changes: { nameMn: string | null; nameMnReviewed: boolean },
) {
  if (kind === 'region') await db.updateTable('regions').set(changes).where('code', '=', id).execute();
  else if (kind === 'org_unit') await db.updateTable('orgUnits').set(changes).where('id', '=', id).execute();
  else await db.updateTable('homes').set(changes).where('id', '=', id).execute();
}
