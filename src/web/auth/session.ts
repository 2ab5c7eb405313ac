import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchSession, logout } from '../api/auth';
import type { Ability, Session } from '../api/types';

export const SESSION_KEY = ['auth', 'session'] as const;

/** The signed-in session (null when signed out). Fetched once from /auth/me, then kept in the cache. */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * The address links and QR codes carry (PUBLIC_URL, or the address the browser used): a page the
 * office shows or prints is opened on members' phones, so it must name the platform's own address.
 */
export function usePublicUrl(): string {
  return useSession().data?.publicUrl ?? window.location.origin;
}

export function hasAbility(session: Session | null | undefined, ability: Ability | undefined): boolean {
  if (!ability) return true;
  return session?.abilities.includes(ability) ?? false;
}

/** The account is a member's and has no other role: it lands on 我的 (/me) instead of the home page. */
export function isMemberOnly(session: Session | null | undefined): boolean {
  const user = session?.user;
  return Boolean(user?.memberId) && user!.roles.length > 0 && user!.roles.every((r) => r.role === 'member');
}

/** Drops every cached query except the session, so nothing from one user leaks to the next. */
function dropUserData(queryClient: ReturnType<typeof useQueryClient>) {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
}

// True after the user signed out themselves (until the next sign-in): the sign-in page is then
// shown without a "come back to" target. A 401 (expired session) keeps the target instead.
let signedOutByUser = false;

export function wasSignedOutByUser(): boolean {
  return signedOutByUser;
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => logout(),
    // Signed out locally even if the request failed (e.g. the session had already expired).
    onSettled: () => {
      signedOutByUser = true;
      queryClient.setQueryData(SESSION_KEY, null);
      dropUserData(queryClient);
    },
  });
}
