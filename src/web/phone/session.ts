import type { Session } from '../api/types';
import { markSignedIn, maybeSignedIn } from '../auth/signIn';
import { RequestError, request } from '../light/request';
import { dropKeptAnswers } from './kept';

// The member's session on the phone pages: asked of the server once per page (GET /auth/me, the
// CSRF token kept in memory only), begun by the sign-in page, ended by 切换账号.

/** What the phone pages show of the signed-in account. */
export interface Account {
  displayName: string;
  /** the language the member chose for these pages */
  language: 'zh' | 'mn';
  memberId: string | null;
  /** the session's CSRF token: sent with every change, and in the check-in form (CheckinPage.tsx) */
  csrfToken: string | null;
}

/** What /auth/me and /auth/login answer (a type only: nothing of the admin UI's client is loaded). */
type SessionAnswer = Pick<Session, 'user' | 'csrfToken' | 'language'>;

/** The account of GET /auth/me's or POST /auth/login's answer (also the server's render of a page). */
export const accountOf = (session: SessionAnswer): Account => ({
  displayName: session.user.displayName,
  language: session.language,
  memberId: session.user.memberId,
  csrfToken: session.csrfToken,
});

/** The account the server rendered the page for: its token serves until the server is asked. */
export function adoptAccount(account: Account): void {
  csrfToken ??= account.csrfToken;
}

let csrfToken: string | null = null;
let probe: Promise<Account | null> | null = null;
const signedOutListeners = new Set<() => void>();

/** Calls `listener` whenever the session turns out gone (a 401) or is ended here. */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/**
 * The signed-in account, or null; asked once (and again after a failure to reach the server, which
 * rejects). `known` says the server rendered the page for a signed-in account: ask even when this
 * browser holds no mark of a sign-in.
 */
export function loadAccount(known = false): Promise<Account | null> {
  probe ??= (async () => {
    if (!known && !maybeSignedIn()) return null;
    try {
      const session = await request<SessionAnswer>('GET', '/auth/me');
      csrfToken = session.csrfToken;
      markSignedIn(true);
      return accountOf(session);
    } catch (error) {
      if (error instanceof RequestError && error.status === 401) return forget();
      probe = null;
      throw error;
    }
  })();
  return probe;
}

function forget(): null {
  csrfToken = null;
  dropKeptAnswers();
  markSignedIn(false);
  probe = Promise.resolve(null);
  for (const listener of signedOutListeners) listener();
  return null;
}

export interface SignInInput {
  username: string;
  password: string;
  otp?: string;
}

export async function signIn(input: SignInInput): Promise<Account> {
  const session = await request<SessionAnswer>('POST', '/auth/login', { body: input });
  csrfToken = session.csrfToken;
  markSignedIn(true);
  const account = accountOf(session);
  probe = Promise.resolve(account);
  return account;
}

export async function signOut(): Promise<void> {
  try {
    await post('/auth/logout');
  } finally {
    forget();
  }
}

/**
 * A POST in the member's session, with its CSRF token. A 401 means the session is gone: it is
 * forgotten, and the error goes on to the caller.
 */
export function post<T>(path: string, body?: unknown): Promise<T> {
  return send<T>('POST', path, body);
}

/** Chooses the language of the member's pages (their profile's); the page is drawn again in it. */
export async function chooseLanguage(language: 'zh' | 'mn'): Promise<void> {
  await send('PUT', '/auth/me/language', { language });
  probe = null;
}

async function send<T>(method: 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  if (!csrfToken) await loadAccount(true).catch(() => null);
  try {
    return await request<T>(method, path, {
      ...(body === undefined ? {} : { body }),
      headers: csrfToken ? { 'x-csrf-token': csrfToken } : {},
    });
  } catch (error) {
    if (error instanceof RequestError && error.status === 401) forget();
    throw error;
  }
}
