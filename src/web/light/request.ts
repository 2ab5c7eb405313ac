// The light pages' client for the API (the portal, the members' phone pages): a thin fetch
// wrapper that turns every failure into a RequestError with a message fit to show a citizen or a
// member. No session handling of its own: the phone pages pass their CSRF token as a header.

export const API_BASE = '/api/v1';

/** An error answer of the API, or a failure to reach it (status 0). */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const isNotFound = (error: unknown) => error instanceof RequestError && error.status === 404;

export function errorMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : '出现错误，请稍后重试';
}

export type Query = Record<string, string | number | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

interface ErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string> };
}

async function failure(res: Response): Promise<RequestError> {
  const body = (await res.json().catch(() => null)) as ErrorBody | null;
  const error = body?.error;
  // the server's message says what is wrong (a 429's also says how long to wait)
  const message = error?.message ?? `服务暂时不可用（${res.status}），请稍后重试`;
  return new RequestError(res.status, error?.code ?? 'HTTP_ERROR', message, error?.fields ?? {});
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: { query?: Query; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(API_BASE + withQuery(path, options.query), {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new RequestError(0, 'NETWORK_ERROR', '网络异常，请稍后重试');
  }
  if (!res.ok) throw await failure(res);
  try {
    return (await res.json()) as T;
  } catch {
    throw new RequestError(res.status, 'BAD_RESPONSE', '服务器返回的内容无法识别，请稍后重试');
  }
}
