import { notFound } from '../../server/errors.js';
import type { Db } from '../../server/types.js';
import { orgUnitsOf } from '../org-units/repo.js';
import { allRegionNames, type RegionFilters, regionByCode, regionsPage } from './repo.js';

/** 行政区划 as reference data: public, unchanged by the platform. */
export async function listRegions(db: Db, f: RegionFilters) {
  const { rows, total } = await regionsPage(db, f);
  return { items: rows, total, page: f.page, pageSize: f.pageSize };
}

export async function getRegion(db: Db, code: string) {
  const found = await regionByCode(db, code);
  if (!found) throw notFound('找不到该行政区划');
  return found;
}

/**
 * The names an exported list writes in place of codes: of org units (市政协 for the municipal unit,
 * as the lists say) and of regions (a district or township code names its place).
 */
export async function referenceNames(db: Db) {
  const [units, regions] = await Promise.all([orgUnitsOf(db), allRegionNames(db)]);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const regionNames = new Map(regions.map((r) => [r.code, r.name]));
  return {
    unit: (id: string | null | undefined) => (id ? (unitNames.get(id) ?? id) : ''),
    region: (code: string | null | undefined) => (code ? (regionNames.get(code) ?? code) : ''),
  };
}

export type ReferenceNames = Awaited<ReturnType<typeof referenceNames>>;
