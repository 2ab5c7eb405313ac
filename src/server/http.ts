import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Who } from './types.js';

/** `?page=1&pageSize=20` (max 200), as API.md's list convention says. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce.number().int().min(1, '每页至少 1 条').max(200, '每页最多 200 条').default(20),
});

export const paged = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const offsetOf = (q: { page: number; pageSize: number }) => (q.page - 1) * q.pageSize;

interface Pageable<R> {
  limit(limit: number): { offset(offset: number): { execute(): Promise<R[]> } };
}
interface Countable {
  executeTakeFirstOrThrow(): Promise<{ n: string | number | bigint }>;
}

/**
 * One page of an ordered list and its total, read side by side, in API.md's list shape; `present`
 * turns the page's rows into the items.
 */
export async function pageOf<R, T>(
  q: { page: number; pageSize: number },
  rows: Pageable<R>,
  count: Countable,
  present: (rows: R[]) => T[] | Promise<T[]>,
) {
  const [found, total] = await Promise.all([
    rows.limit(q.pageSize).offset(offsetOf(q)).execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { items: await present(found), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

/**
 * The address a link or QR code names (API.md, Check-in): PUBLIC_URL when set, otherwise the
 * address the request came in on.
 */
export const publicOrigin = (request: FastifyRequest) =>
  request.server.publicUrl ?? `${request.protocol}://${request.host}`;

/** The error body of API.md, for the OpenAPI document. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const whoOf = (request: FastifyRequest): Who => ({ actor: request.actor, ip: request.ip });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids are opaque to clients; a string that cannot be one of ours is simply "not found". */
export const isUuid = (value: string) => UUID.test(value);

export const idParams = z.object({ id: z.string().max(100) });
