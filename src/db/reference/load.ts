import { createHash } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { mongolianKey } from '../../domain/mongolian.js';
import { CATALOGUE_BY_KEY } from '../../modules/translations/catalogue.js';
import type { Database, RegionTable } from '../schema.js';
import { REGION_NAMES_MN } from './mongolian-names.js';
import { PHONE_STRINGS_MN } from './mongolian-strings.js';
import regionRows from './ordos-regions.json' with { type: 'json' };
import { ORG_UNITS } from './org-units.js';

type RegionRow = [code: string, name: string, parentCode: string | null, isDevZone: 0 | 1];

const LEVEL_BY_LENGTH: Record<number, RegionTable['level']> = {
  6: 'district',
  9: 'township',
  12: 'village',
};

export function regionsFromFile(): Selectable<RegionTable>[] {
  return (regionRows as RegionRow[]).map(([code, name, parentCode, isDevZone]) => ({
    code,
    name,
    nameMn: REGION_NAMES_MN[code] ?? null,
    nameMnReviewed: false,
    level: code === '150600' ? 'city' : LEVEL_BY_LENGTH[code.length]!,
    parentCode,
    isDevZone: isDevZone === 1,
  }));
}

const VERSION_KEY = 'reference_data_version';

/**
 * Loads regions and org units, inserting or updating by key. Runs at every start; a digest of
 * the data is kept in `settings` so an unchanged data set costs one read.
 */
export async function loadReferenceData(db: Kysely<Database>): Promise<boolean> {
  const regions = regionsFromFile();
  const digest = createHash('sha256')
    .update(JSON.stringify([regions, ORG_UNITS, PHONE_STRINGS_MN]))
    .digest('hex');
  const current = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', VERSION_KEY)
    .executeTakeFirst();
  if (current?.value === digest) return false;

  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < regions.length; i += 500) {
      await trx
        .insertInto('regions')
        .values(regions.slice(i, i + 500))
        .onConflict((oc) =>
          oc.column('code').doUpdateSet({
            name: sql`excluded.name`,
            level: sql`excluded.level`,
            parentCode: sql`excluded.parent_code`,
            isDevZone: sql`excluded.is_dev_zone`,
            // a Mongolian name a translator entered or corrected stays theirs
            nameMn: sql`coalesce(regions.name_mn, excluded.name_mn)`,
          }),
        )
        .execute();
    }
    await trx
      .insertInto('orgUnits')
      .values(ORG_UNITS)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          kind: sql`excluded.kind`,
          regionCode: sql`excluded.region_code`,
          parentId: sql`excluded.parent_id`,
          sort: sql`excluded.sort`,
          // names may have been edited by the office (demo names especially): keep theirs
        }),
      )
      .execute();
    await trx
      .insertInto('settings')
      .values({ key: VERSION_KEY, value: JSON.stringify(digest) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(digest) }))
      .execute();
    // the shipped drafts of the Mongolian strings, where no one has written one yet
    const drafts = Object.entries(PHONE_STRINGS_MN).flatMap(([key, text]) => {
      const entry = CATALOGUE_BY_KEY.get(key);
      return entry ? [{ key, source: entry.source, text, textKey: mongolianKey(text), reviewed: false }] : [];
    });
    if (drafts.length > 0) {
      await trx
        .insertInto('translations')
        .values(drafts)
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    }
  });
  return true;
}
