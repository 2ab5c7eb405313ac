import type { HomeKind, HomeLevel, HomeStatus } from '../../domain/home-workflow.js';
import type { Actor } from '../../server/types.js';
import { readsFunds } from '../funds/policy.js';
import { homeActionsFor } from './policy.js';
import type { HomeRow, homeMembersOf, homeTransitions, transitionAttachments } from './repo.js';

type Rows<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>;

/** The API's Home: the stored approval date is internal. */
export function presentHome(home: HomeRow) {
  // not copied without approvedOn and the list's helper columns: the Home schema's serializer
  // writes only its own fields
  return home as HomeRow & { status: HomeStatus };
}

/** A member's part in a home: its director, its deputy, or one of its members. */
export const memberRole = (home: Pick<HomeRow, 'directorMemberId' | 'deputyMemberId'>, id: string) =>
  id === home.directorMemberId
    ? ('director' as const)
    : id === home.deputyMemberId
      ? ('deputy' as const)
      : ('member' as const);

/** The API's HomeDetail: the home with its members in their roles, what the actor may do, its documents' years, and the warnings. */
export function presentHomeDetail(
  actor: Actor,
  home: HomeRow,
  members: Rows<typeof homeMembersOf>,
  documents: { plans: number[]; summaries: number[] },
  warnings: Array<{ code: string; message: string }>,
) {
  return {
    ...presentHome(home),
    members: members.map((m) => ({ ...m, role: memberRole(home, m.id) })),
    allowedActions: homeActionsFor(actor, home),
    readsFunds: readsFunds(actor, home),
    documents,
    warnings,
  };
}

/** The procedure's steps, each with the attachments it carries. */
export function presentHistory(
  steps: Rows<typeof homeTransitions>,
  files: Rows<typeof transitionAttachments>,
) {
  return steps.map((r) => ({
    ...r,
    attachments: files.filter((f) => f.transitionId === r.id).map(({ transitionId: _t, ...f }) => f),
  }));
}

/**
 * A unit a new home may be registered under (GET /homes/owner-units): a district's homes lie in
 * that banner/district; a municipal unit's anywhere in Ordos.
 */
export function presentOwnerUnit(
  unit: { id: string; regionCode: string | null },
  level: HomeLevel,
  kinds: HomeKind[],
) {
  return { id: unit.id, level, kinds, regionCode: level === 'district' ? unit.regionCode : null };
}
