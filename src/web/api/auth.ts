import { maybeSignedIn } from '../auth/signIn';
import { call, client, isApiError, setCsrfToken } from './client';
import type { Session } from './types';

/**
 * The current session, or null when not signed in (401) — or, without asking, when this browser
 * has not signed in since it signed out (`maybeSignedIn`).
 */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  if (!maybeSignedIn()) return null;
  try {
    const session = await call(client.GET('/auth/me', { signal }), { skipAuthRedirect: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function logout(): Promise<void> {
  try {
    await call(client.POST('/auth/logout'), { skipAuthRedirect: true });
  } finally {
    setCsrfToken(null);
  }
}
