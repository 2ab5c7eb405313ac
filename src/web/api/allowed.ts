import { useMemberHomes } from './homes';
import type { Session } from './types';

/**
 * Whether the server allows the caller `action` on this record: it lists what the caller may do
 * in the record's `allowedActions` (workflow steps and record actions such as 'update'). The
 * action is one of the names the record's generated type lists, so a misspelt one fails the typecheck.
 */
export function allows<R extends { allowedActions: readonly string[] }>(
  record: R | null | undefined,
  action: R['allowedActions'][number],
): boolean {
  return record?.allowedActions.includes(action) ?? false;
}

/** Roles that answer for homes: they schedule activities and enter opinions for their homes. */
const RUNS_HOMES = ['office_admin', 'committee_staff', 'district_staff', 'home_director'];

/**
 * Whether the user answers for at least one home, so that 新建活动, 代录 and the 待受理 queue are
 * worth showing. A member's account counts only when the member directs a home that is not
 * closed (a member studio's founder, say); one who only belongs to homes does not. The server
 * checks again on every request.
 */
export function useRunsAnyHome(session: Session | null | undefined): boolean {
  const roles = session?.user.roles ?? [];
  const byRole = roles.some((role) => RUNS_HOMES.includes(role.role));
  const memberId = byRole ? null : (session?.user.memberId ?? null);
  const homes = useMemberHomes(memberId);
  if (byRole) return true;
  return (homes.data?.items ?? []).some(
    (home) => home.directorMemberId === memberId && home.status !== 'closed',
  );
}
