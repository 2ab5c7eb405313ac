import type { Db, OrgUnitTable } from '../../db/schema.js';

/** The org units, of one kind or all, in their reference order. */
export function orgUnitsOf(db: Db, kind?: OrgUnitTable['kind']) {
  let query = db.selectFrom('orgUnits').select(['id', 'kind', 'name', 'regionCode', 'parentId', 'isDemo']);
  if (kind) query = query.where('kind', '=', kind);
  return query.orderBy('sort').orderBy('id').execute();
}
