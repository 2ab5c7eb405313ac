/** The page a member opens to check in (what an activity's QR code and check-in link hold). */
export const checkinPagePath = (code: string) => `/checkin/${encodeURIComponent(code)}`;

/** The short code as typed: letters and digits only, in capitals (the server compares it so too). */
export const normaliseCode = (typed: string) => typed.toUpperCase().replace(/[^0-9A-Z]/g, '');

/** A member's own pages on the phone: their duty record of the year, and their homes. */
export const MINE_PATHS = { record: '/my/record', homes: '/my/homes' } as const;

/** Every path the phone pages serve (the server sends their page; the admin UI leaves for it). */
export const PHONE_PAGE_PATH = /^\/(?:login|checkin|my)(?:[/?#]|$)/;
