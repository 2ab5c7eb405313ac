import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../../db/schema.js';
import { insertTrackingCode } from './repo/tracking.js';

/**
 * A new tracking code (12 random digits, `1234-5678-9012`), reserved in `tracking_codes` so that no
 * opinion and problem ever share one. Call inside the transaction that stores the thing it names.
 */
export async function reserveTrackingCode(trx: Db, kind: 'opinion' | 'problem'): Promise<string> {
  for (;;) {
    const digits = Array.from({ length: 3 }, () => String(randomInt(0, 10_000)).padStart(4, '0'));
    const code = digits.join('-');
    const inserted = await insertTrackingCode(trx, code, kind);
    if (inserted) return inserted.code;
  }
}

/**
 * The key under which the same opinion sent twice is recognised: where it was sent and its text,
 * with case, spaces and punctuation ignored.
 */
export function contentKeyOf(input: {
  homeId: string | null;
  regionCode: string | null;
  title: string;
  content: string;
}): string {
  const text = `${input.title}\n${input.content}`
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
  return createHash('sha256')
    .update(`${input.homeId ?? ''}|${input.regionCode ?? ''}|${text}`)
    .digest('hex');
}
