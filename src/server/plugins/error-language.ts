import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mongolianErrorMessages } from '../../modules/translations/service.js';
import type { Db } from '../types.js';

/**
 * Whether a request's Accept-Language puts Mongolian first: the language it weighs most (q, 1 when
 * unsaid; the first of equals) is mn or mn-… (mn-Mong, mn-CN).
 */
export function prefersMongolian(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { tag: string; q: number } | null = null;
  for (const part of value.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    if (!tag) continue;
    const q = Number(params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean) ?? 1);
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { tag: tag.toLowerCase(), q };
  }
  return best !== null && (best.tag === 'mn' || best.tag.startsWith('mn-'));
}

interface ErrorPayload {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/**
 * API.md Languages: a client asking for Mongolian (Accept-Language: mn) gets an error's message and
 * its fields' messages in Mongolian where a translator has written one (errors.*), the rest as they
 * are; codes and field names never change. Everyone else's answers are left alone.
 */
export function registerErrorLanguage(app: FastifyInstance, db: Db): void {
  app.addHook('onSend', async (request: FastifyRequest, reply, payload) => {
    if (reply.statusCode < 400 || typeof payload !== 'string' || !request.url.startsWith('/api/'))
      return payload;
    reply.header('vary', 'Accept-Language');
    if (!prefersMongolian(request.headers['accept-language'])) return payload;
    let body: ErrorPayload;
    try {
      body = JSON.parse(payload) as ErrorPayload;
    } catch {
      return payload;
    }
    if (!body?.error || typeof body.error.message !== 'string') return payload;
    const messages = await mongolianErrorMessages(db).catch(() => new Map<string, string>());
    const say = (text: string) => messages.get(text) ?? text;
    const fields = body.error.fields
      ? Object.fromEntries(Object.entries(body.error.fields).map(([field, text]) => [field, say(text)]))
      : undefined;
    const translated = { ...body.error, message: say(body.error.message), ...(fields ? { fields } : {}) };
    if (JSON.stringify(translated) === JSON.stringify(body.error)) return payload;
    reply.header('content-language', 'mn');
    return JSON.stringify({ ...body, error: translated });
  });
}
