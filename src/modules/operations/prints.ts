import { hasRole, scopesOf } from '../../domain/actor.js';
import { HOME_KIND_LABELS } from '../../domain/home-workflow.js';
import type { ComplianceData } from '../../print/compliance.js';
import type { PlanData } from '../../print/plan.js';
import type { SummaryData } from '../../print/summary.js';
import { notFound } from '../../server/errors.js';
import type { Actor, Db } from '../../server/types.js';
import { getHome } from '../homes/service.js';
import { type ReferenceNames, referenceNames } from '../regions/service.js';
import { complianceReport } from './compliance.js';
import type { ComplianceQuery } from './schema.js';
import { scorecardOf } from './scorecard.js';
import { findPlan, findSummary } from './service.js';

/** The roles that issue a report in the name of the org unit they are scoped to. */
const UNIT_ROLES = new Set(['committee_staff', 'district_staff', 'vice_chair']);

/** What `planPdf` prints: a home's plan of a year, for whoever may read the home. */
export async function planPrint(db: Db, actor: Actor, homeId: string, year: number): Promise<PlanData> {
  const home = await getHome(db, actor, homeId);
  const plan = await findPlan(db, homeId, year);
  if (!plan) throw notFound('该年度尚未提交工作计划');
  const names = await referenceNames(db);
  return {
    homeName: home.name,
    ownerUnit: names.unit(home.ownerUnitId),
    year,
    content: plan.content,
    submittedAt: plan.submittedAt,
    late: plan.late,
    items: plan.items.map(({ quarter, title, kind }) => ({ quarter, title, kind })),
  };
}

/** What `summaryPdf` prints: a home's summary of a year and the year's facts (the 六有 scorecard). */
export async function summaryPrint(
  db: Db,
  actor: Actor,
  homeId: string,
  year: number,
  now = new Date(),
): Promise<SummaryData> {
  const home = await getHome(db, actor, homeId);
  const summary = await findSummary(db, homeId, year);
  if (!summary) throw notFound('该年度尚未提交工作总结');
  const [names, card] = await Promise.all([referenceNames(db), scorecardOf(db, home, year, now)]);
  return {
    homeName: home.name,
    ownerUnit: names.unit(home.ownerUnitId),
    year,
    content: summary.content,
    submittedAt: summary.submittedAt,
    late: summary.late,
    quarters: card.quarters,
    scorecard: card.items,
    countedAt: now,
  };
}

/** What `compliancePdf` prints: the rows of `GET /compliance` with the same filters, named. */
export async function compliancePrint(
  db: Db,
  actor: Actor,
  query: ComplianceQuery,
  now = new Date(),
): Promise<ComplianceData> {
  const [report, names] = await Promise.all([complianceReport(db, actor, query, now), referenceNames(db)]);
  const filters = [
    query.regionCode && `所在地 ${names.region(query.regionCode)}`,
    query.kind && `类型 ${HOME_KIND_LABELS[query.kind]}`,
    query.ownerUnitId && `所属单位 ${names.unit(query.ownerUnitId)}`,
  ].filter((filter): filter is string => Boolean(filter));
  return {
    year: report.year,
    filters,
    countedAt: now,
    issuer: await issuingUnit(db, actor, names),
    quarters: report.quarters,
    rows: report.rows.map((row) => ({
      name: row.name,
      ownerUnit: names.unit(row.ownerUnitId),
      place: row.place,
      kind: HOME_KIND_LABELS[row.kind],
      quarters: row.quarters,
    })),
  };
}

/**
 * Who a report is issued by: the office for the office, the unit a staff role is scoped to, and
 * for a home director the homes they direct.
 */
async function issuingUnit(db: Db, actor: Actor, names: ReferenceNames): Promise<string> {
  if (hasRole(actor, 'office_admin')) return names.unit('office');
  const units = [
    ...new Set(actor.roles.filter((r) => UNIT_ROLES.has(r.role) && r.scopeId).map((r) => r.scopeId!)),
  ];
  if (units.length) return units.map((id) => names.unit(id)).join('、');
  const homes = await Promise.all(
    scopesOf(actor, 'home_director').map((id) =>
      getHome(db, actor, id).then(
        (home) => home.name,
        () => null,
      ),
    ),
  );
  return homes.filter(Boolean).join('、') || actor.displayName;
}
