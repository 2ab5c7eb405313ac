import type { Db } from '../../server/types.js';
import { districts, sectorGroupCoverage, townshipCoverage } from './repo.js';

/**
 * Coverage (R7, §4.1): every sector group needs a home of its own, and every township-level unit
 * (development zones aside) a township or village home. `operating` counts homes with the
 * plaque; `inProgress` those between the proposal and the chairman's approval.
 */
export async function coverage(db: Db) {
  const groups = await sectorGroupCoverage(db);
  const townships = await townshipCoverage(db);
  return {
    sectorGroups: groups,
    townships,
    districts: await districts(db),
    gaps: {
      sectorGroups: groups.filter((g) => g.operating === 0).map((g) => g.orgUnitId),
      townships: townships.filter((t) => t.operating === 0).map((t) => t.code),
    },
  };
}
