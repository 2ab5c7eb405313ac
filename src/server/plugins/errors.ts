import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { PHONE_PAGE_PATH } from '../../web/phone/paths.js';
import { fromFullDisk } from '../disk.js';
import { AppError, badRequest, conflict } from '../errors.js';
import { ERROR_MESSAGES } from '../messages.js';
import { SESSION_COOKIE } from './auth.js';

interface ValidationItem {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

const UNKNOWN_FIELD = '不允许的字段';

/** The citizens' portal: `/portal` itself and everything under `/portal/`, not `/portal-x`. */
const PORTAL_PATH = /^\/portal(?:[/?#]|$)/;

/** A file's address (a name with an extension), not a page's. */
const FILE_PATH = /^[^?#]*\/[^/?#]+\.[a-z0-9]+(?:[?#]|$)/i;

/** Turns zod issues into `{ field: message }`, with the field named by its path ("roles.0.role"). */
function fieldsOf(items: ValidationItem[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const item of items) {
    if (item.keyword === 'unrecognized_keys' && Array.isArray(item.params?.keys)) {
      const prefix = item.instancePath.replace(/^\//, '').replaceAll('/', '.');
      for (const key of item.params.keys as string[])
        fields[prefix ? `${prefix}.${key}` : key] = UNKNOWN_FIELD;
      continue;
    }
    const field = item.instancePath.replace(/^\//, '').replaceAll('/', '.') || '_';
    fields[field] ??= item.message ?? '格式不正确';
  }
  return fields;
}

/** Maps Fastify's own errors (parsing, limits) to the API's error shape. */
function fromFastify(err: FastifyError): AppError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return badRequest(ERROR_MESSAGES.badJson);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'PAYLOAD_TOO_LARGE', ERROR_MESSAGES.tooLarge);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415 as number, 'VALIDATION_FAILED', '不支持的内容类型，请使用 application/json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return badRequest('请求长度不正确');
    default:
      break;
  }
  if (err.statusCode === 413) return new AppError(413, 'PAYLOAD_TOO_LARGE', ERROR_MESSAGES.tooLarge);
  if (err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return badRequest('请以 multipart/form-data 上传文件');
  if (err.statusCode === 429) return new AppError(429, 'RATE_LIMITED', ERROR_MESSAGES.tooFrequent);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    return badRequest(ERROR_MESSAGES.badRequest);
  return null;
}

/**
 * The unique keys a concurrent request can lose a race on, in the words of the field they guard.
 * Each service checks first and answers its own 409; these answer the request that lost the race.
 */
const UNIQUE_KEYS: Record<string, { message: string; field?: string }> = {
  users_username_key: { message: '用户名已存在', field: 'username' },
  users_member_key: { message: '该委员已有账号', field: 'memberId' },
  members_phone_hash_key: { message: '该手机号已登记为其他委员', field: 'phone' },
  homes_plaque_key: { message: '该牌匾编号已被使用', field: 'plaqueNo' },
  rules_version_key: { message: '该制度已有此版本', field: 'version' },
};

/** A database refusal the request caused (a unique key another request took first): 409, never 500. */
function fromDatabase(err: unknown): AppError | null {
  const e = err as { code?: unknown; constraint?: unknown };
  if (e.code !== '23505') return null;
  const key = typeof e.constraint === 'string' ? UNIQUE_KEYS[e.constraint] : undefined;
  const message = key?.message ?? '该记录已存在（可能刚被他人提交），请刷新后重试';
  return conflict(message, key?.field ? { [key.field]: message } : undefined);
}

/** One place that writes error responses: the shape of API.md, never a stack trace or SQL. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    let appError: AppError | null = null;
    if (err instanceof AppError) appError = err;
    else if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = fieldsOf(err.validation as ValidationItem[]);
      appError = badRequest(ERROR_MESSAGES.invalid, fields);
    } else appError = fromFastify(err) ?? fromDatabase(err) ?? fromFullDisk(err, request.log);

    if (!appError) {
      request.log.error({ err }, 'unhandled error');
      appError = new AppError(500, 'INTERNAL', ERROR_MESSAGES.internal);
    }
    if (appError.headers) reply.headers(appError.headers);
    return reply.status(appError.status).send(appError.toJSON());
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.status(404).send(new AppError(404, 'NOT_FOUND', ERROR_MESSAGES.noRoute).toJSON());
    }
    // The browser UIs route their own paths: hand the public portal (/portal, /portal/…) its page and
    // every other path the admin UI's, when they are being served.
    if (request.method === 'GET' && typeof reply.sendFile === 'function') {
      const portal = PORTAL_PATH.test(request.url);
      // Without a session there is nothing of the admin UI to show: straight to the light sign-in
      // page (plugins/phone-page.tsx), not through the admin bundle that would only send them there.
      // The phone pages' own paths land here only when those pages are not built: missing, not sent round.
      if (PHONE_PAGE_PATH.test(request.url))
        return reply.status(404).type('text/plain; charset=utf-8').send('Not Found');
      if (!portal && !request.cookies?.[SESSION_COOKIE] && !FILE_PATH.test(request.url)) {
        const next = request.url === '/' ? '' : `?next=${encodeURIComponent(request.url)}`;
        return reply.header('cache-control', 'no-store').redirect(`/login${next}`, 302);
      }
      return reply.header('cache-control', 'no-cache').sendFile(portal ? 'portal/index.html' : 'index.html');
    }
    return reply.status(404).type('text/plain; charset=utf-8').send('Not Found');
  });
}
