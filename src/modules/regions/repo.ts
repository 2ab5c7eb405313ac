import { sql } from 'kysely';
import type { Db, RegionTable } from '../../db/schema.js';
import { likePattern } from '../../lib/sql.js';
import { offsetOf } from '../../server/http.js';

const COLUMNS = ['code', 'name', 'nameMn', 'level', 'parentCode', 'isDevZone'] as const;

export interface RegionFilters {
  page: number;
  pageSize: number;
  parentCode?: string;
  level?: RegionTable['level'];
  q?: string;
}

/**
 * One page of regions in code order, and how many there are in all: the children of `parentCode`,
 * or without any filter the city itself.
 */
export async function regionsPage(db: Db, f: RegionFilters) {
  let query = db.selectFrom('regions');
  if (f.parentCode) query = query.where('parentCode', '=', f.parentCode);
  else if (!f.level && !f.q) query = query.where('level', '=', 'city');
  if (f.level) query = query.where('level', '=', f.level);
  if (f.q) query = query.where('name', 'like', likePattern(f.q));
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await query.select(COLUMNS).orderBy('code').limit(f.pageSize).offset(offsetOf(f)).execute();
  return { rows, total };
}

export const regionByCode = (db: Db, code: string) =>
  db.selectFrom('regions').select(COLUMNS).where('code', '=', code).executeTakeFirst();

/** Every region's code and name (a few hundred rows), for naming them in a file. */
export const allRegionNames = (db: Db) => db.selectFrom('regions').select(['code', 'name']).execute();
