import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for a cookie, CSRF header or API token. */
export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Secrets are stored only as their sha-256: a copy of the table does not let anyone sign in. */
export const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const API_TOKEN_PREFIX = 'cmh_';
