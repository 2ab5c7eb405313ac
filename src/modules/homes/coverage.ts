import { sql } from 'kysely';
import { IN_PROGRESS_STATUSES } from '../../domain/home-workflow.js';
import type { Db } from '../../server/types.js';

/**
 * Coverage (R7, §4.1): every sector group needs a home of its own, and every township-level unit
 * (development zones aside) a township or village home. `operating` counts homes with the
 * plaque; `inProgress` those between the proposal and the chairman's approval.
 */
export async function coverage(db: Db) {
  const inProgress = sql.join(IN_PROGRESS_STATUSES.map((s) => sql.lit(s)));
  const groups = await sql<{ orgUnitId: string; name: string; operating: number; inProgress: number }>`
    select ou.id as org_unit_id, ou.name,
      count(h.id) filter (where h.status = 'operating')::int as operating,
      count(h.id) filter (where h.status in (${inProgress}))::int as in_progress
    from org_units ou
    left join homes h on h.owner_unit_id = ou.id and h.kind = 'sector_group'
    where ou.kind = 'sector_group'
    group by ou.id, ou.name, ou.sort
    order by ou.sort`.execute(db);
  const townships = await sql<{
    code: string;
    name: string;
    districtCode: string;
    operating: number;
    inProgress: number;
  }>`
    select r.code, r.name, r.parent_code as district_code,
      count(h.id) filter (where h.status = 'operating')::int as operating,
      count(h.id) filter (where h.status in (${inProgress}))::int as in_progress
    from regions r
    left join homes h on h.kind in ('township', 'village') and left(h.region_code, 9) = r.code
    where r.level = 'township' and not r.is_dev_zone
    group by r.code, r.name, r.parent_code
    order by r.code`.execute(db);
  const districts = await db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('level', '=', 'district')
    .orderBy('code')
    .execute();
  return {
    sectorGroups: groups.rows,
    townships: townships.rows,
    districts,
    gaps: {
      sectorGroups: groups.rows.filter((g) => g.operating === 0).map((g) => g.orgUnitId),
      townships: townships.rows.filter((t) => t.operating === 0).map((t) => t.code),
    },
  };
}
