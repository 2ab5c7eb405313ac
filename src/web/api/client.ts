import createClient from 'openapi-fetch';
import { markSignedIn } from '../auth/signIn';
import i18n from '../i18n';
import type { paths } from './openapi.gen';

/** Base path of the server's JSON API. */
export const API_BASE = '/api/v1';

/** Error codes the server uses in `{ error: { code } }`; other strings may appear too. */
export type ApiErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'ACCOUNT_LOCKED'
  | 'NETWORK_ERROR'
  | 'BAD_RESPONSE'
  | (string & {});

/** An error response of the API, or a failure to reach it (status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly fields: Record<string, string> | undefined;

  constructor(status: number, code: ApiErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The answer of a request, or null when the server says 404 (e.g. a plan not written yet). */
export async function nullIfNotFound<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
}

/** A message fit to show the user for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return i18n.t('errors.loadFailed');
}

// CSRF token from the last /auth/me or /auth/login response; sent on every non-GET request.
let csrfToken: string | null = null;

/** The token of the session just read or begun (null: signed out), and the browser's mark of it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  markSignedIn(token !== null);
}

// Called when any request except the ones marked `skipAuthRedirect` (login, the session probe) gets 401.
let unauthorizedHandler: (() => void) | null = null;

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

export interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not send the user to the sign-in page on 401 (the caller handles it). */
  skipAuthRedirect?: boolean;
}

/** Builds `?a=1&b=2`, leaving out empty values. */
export function toQueryString(query: QueryParams | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFields(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const fields: Record<string, string> = {};
  for (const [key, message] of Object.entries(value)) {
    if (typeof message === 'string') fields[key] = message;
    else if (Array.isArray(message) && typeof message[0] === 'string') fields[key] = message[0];
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/** `/api/v1/…?a=1` — for plain links (downloads, attachments) and requests alike. */
export function apiUrl(path: string, query?: QueryParams): string {
  return `${API_BASE}${path}${toQueryString(query)}`;
}

const NOT_JSON = Symbol('not-json');

/** The parsed JSON body; undefined when empty, NOT_JSON when it is not JSON (e.g. an HTML error page). */
function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** Turns a finished HTTP exchange into the payload or an ApiError (shared by fetch and XHR uploads). */
function settle<T>(status: number, payload: unknown, skipAuthRedirect: boolean | undefined): T {
  if (status < 200 || status >= 300) {
    const body = isRecord(payload) && isRecord(payload.error) ? payload.error : undefined;
    const error = new ApiError(
      status,
      typeof body?.code === 'string' ? body.code : `HTTP_${status}`,
      typeof body?.message === 'string' && body.message
        ? body.message
        : i18n.t('errors.unexpected', { status }),
      parseFields(body?.fields),
    );
    if (status === 401 && !skipAuthRedirect) {
      setCsrfToken(null);
      unauthorizedHandler?.();
    }
    throw error;
  }
  if (payload === NOT_JSON) {
    throw new ApiError(status, 'BAD_RESPONSE', i18n.t('errors.unexpected', { status }));
  }
  return payload as T;
}

/**
 * The admin UI is Chinese whatever the browser's languages: it asks for its errors in Chinese, as
 * the server would otherwise answer a browser set to Mongolian first in Mongolian (API.md Languages).
 */
const ADMIN_HEADERS = { accept: 'application/json', 'accept-language': 'zh-CN' } as const;

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...ADMIN_HEADERS };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal: options.signal };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) {
    headers['x-csrf-token'] = csrfToken;
  }

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('errors.network'));
  }

  const payload = response.status === 204 ? undefined : parseJson(await response.text());
  return settle<T>(response.status, payload, options.skipAuthRedirect);
}

export interface UploadOptions {
  query?: QueryParams;
  /** Name of the multipart field carrying the file; `file` unless told. */
  field?: string;
  /** Share of the file sent so far, 0–100. Reaches 100 before the server has answered. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs one file as multipart/form-data, with the CSRF header. Uses XMLHttpRequest because fetch
 * cannot report upload progress. Errors are the same ApiError as for `request`.
 */
export function upload<T>(path: string, file: Blob, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path, options.query));
    for (const [name, value] of Object.entries(ADMIN_HEADERS)) xhr.setRequestHeader(name, value);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        options.onProgress?.(Math.min(100, Math.round((event.loaded / event.total) * 100)));
      }
    };
    xhr.onload = () => {
      try {
        resolve(settle<T>(xhr.status, xhr.status === 204 ? undefined : parseJson(xhr.responseText), false));
      } catch (error) {
        reject(error);
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', i18n.t('errors.network')));
    xhr.onabort = () => reject(new DOMException('The upload was aborted', 'AbortError'));
    if (options.signal) {
      if (options.signal.aborted) {
        reject(new DOMException('The upload was aborted', 'AbortError'));
        return;
      }
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    const form = new FormData();
    form.append(options.field ?? 'file', file, file instanceof File ? file.name : 'file');
    xhr.send(form);
  });
}

/**
 * The typed client of the API: paths, parameters, bodies and answers are the server's own, from
 * the OpenAPI document (openapi.gen.ts), so a server schema the UI does not follow fails the
 * typecheck. Use it through `call(client.GET('/homes/{id}', { params: { path: { id } } }))`.
 */
export const client = createClient<paths>({
  baseUrl: API_BASE,
  credentials: 'same-origin',
  headers: ADMIN_HEADERS,
  querySerializer: (query) => toQueryString(query as QueryParams).slice(1),
});

client.use({
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD' && csrfToken) {
      request.headers.set('x-csrf-token', csrfToken);
    }
    return request;
  },
});

/** What a call of `client` settles to. */
interface Answer<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** The payload of a `client` call, or the ApiError of its answer (or of a failure to reach the server). */
export async function call<D>(
  pending: Promise<Answer<D>>,
  options: { skipAuthRedirect?: boolean } = {},
): Promise<D> {
  let answer: Answer<D>;
  try {
    answer = await pending;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    // a 2xx answer whose body is not JSON (e.g. a proxy's HTML page)
    if (cause instanceof SyntaxError)
      throw new ApiError(0, 'BAD_RESPONSE', i18n.t('errors.unexpected', { status: 0 }));
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('errors.network'));
  }
  const { response } = answer;
  return settle<D>(response.status, response.ok ? answer.data : answer.error, options.skipAuthRedirect);
}
