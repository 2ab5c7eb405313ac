import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors.js';

/** Half of a surrogate pair, which jsonb refuses. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A NUL (refused by PostgreSQL's text) or half of a surrogate pair. */
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** The path of the first string in `value` that cannot be stored ("items.2.title"), or null. */
export function unstorableAt(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === 'string') return unstorable(value) ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    if (unstorable(key)) return [...path, key];
    const found = unstorableAt(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses, before validation, any request whose path, query or JSON body carries a character no
 * column can hold: a clear 400 naming the field, instead of the database's error deep inside.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const at = unstorableAt(part);
      if (at) {
        const field = at.join('.') || '_';
        throw badRequest('输入含有无法保存的字符（空字符或残缺的 Unicode 字符），请删除后重试', {
          [field]: '含有无法保存的字符',
        });
      }
    }
  });
}
