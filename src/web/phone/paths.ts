/** The page a member opens to check in (what an activity's QR code and check-in link hold). */
export const checkinPagePath = (code: string) => `/checkin/${encodeURIComponent(code)}`;

/** The short code as typed: letters and digits only, in capitals (the server compares it so too). */
export const normaliseCode = (typed: string) => typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
