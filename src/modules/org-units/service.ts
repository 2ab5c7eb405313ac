import type { OrgUnitTable } from '../../db/schema.js';
import type { Db } from '../../server/types.js';
import { orgUnitsOf } from './repo.js';

/** 政协组织 as reference data: public, unchanged by the platform. */
export async function listOrgUnits(db: Db, kind?: OrgUnitTable['kind']) {
  return orgUnitsOf(db, kind);
}
