import { call, client, isApiError, maybeSignedIn, setCsrfToken } from './client';
import type { Session } from './types';

export interface LoginInput {
  username: string;
  password: string;
  /** the authenticator app's code, when the server answered OTP_REQUIRED */
  otp?: string;
}

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

export async function login(input: LoginInput): Promise<Session> {
  const session = await call(client.POST('/auth/login', { body: input }), { skipAuthRedirect: true });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await call(client.POST('/auth/logout'), { skipAuthRedirect: true });
  } finally {
    setCsrfToken(null);
  }
}
