// What signing in needs in the admin UI and on the members' phone pages alike (the sign-in page
// is one of the phone pages, src/web/phone).

/**
 * Whether this browser has signed in since it last signed out or was told its session ended. The
 * session cookie is out of the page's reach; without this mark the session probe is not sent, so
 * a browser that is not signed in asks nothing that answers 401 (which the console would log).
 */
const SIGNED_IN_KEY = 'cmh.signedIn';

export function maybeSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_KEY) === '1';
  } catch {
    return true; // no storage: ask the server
  }
}

export function markSignedIn(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN_KEY, '1');
    else localStorage.removeItem(SIGNED_IN_KEY);
  } catch {
    // no storage: the probe is always sent
  }
}

/** Only same-site paths are accepted as the "go back to" target after signing in. */
export function safeRedirectTarget(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?')) return '/';
  return next;
}

export function loginPath(next: string): string {
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}
