// The portal's own client for the public API (no session, no CSRF token): a thin fetch wrapper
// that turns every failure into a PortalError with a message fit to show a citizen.

export const API_BASE = '/api/v1';

/** An error answer of the API, or a failure to reach it (status 0). */
export class PortalError extends Error {
  override readonly name = 'PortalError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const isNotFound = (error: unknown) => error instanceof PortalError && error.status === 404;

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

async function failure(res: Response): Promise<PortalError> {
  const body = (await res.json().catch(() => null)) as ErrorBody | null;
  const error = body?.error;
  // the server's message says what is wrong (a 429's also says how long to wait)
  const message = error?.message ?? `服务暂时不可用（${res.status}），请稍后重试`;
  return new PortalError(res.status, error?.code ?? 'HTTP_ERROR', message, error?.fields ?? {});
}

export async function request<T>(
  method: 'GET' | 'POST',
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
    throw new PortalError(0, 'NETWORK_ERROR', '网络异常，请稍后重试');
  }
  if (!res.ok) throw await failure(res);
  try {
    return (await res.json()) as T;
  } catch {
    throw new PortalError(res.status, 'BAD_RESPONSE', '服务器返回的内容无法识别，请稍后重试');
  }
}

// ---- shapes of src/modules/opinions/schema.ts (public side) ----

export interface HomeSummary {
  id: string;
  name: string;
  nameMn: string | null;
  kind: string;
  level: string;
  brand: string | null;
  specialty: string | null;
  address: string | null;
  openingHours: string | null;
  online: boolean;
  onlineUrl: string | null;
  regionCode: string | null;
  regionName: string | null;
  districtName: string | null;
  ownerUnitName: string;
  directorName: string | null;
}

export interface Person {
  name: string;
  sector: string | null;
}

export interface Home extends HomeSummary {
  plaqueNo: string | null;
  director: Person | null;
  deputy: Person | null;
  members: Person[];
  rules: { id: string; title: string; content: string }[];
  dutyShifts: { startsAt: string; endsAt: string; memberName: string }[];
  activities: {
    id: string;
    title: string;
    kind: string;
    startsAt: string;
    endsAt: string;
    place: string | null;
  }[];
  recentActivities: { id: string; title: string; kind: string; startsAt: string }[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Options {
  districts: {
    code: string;
    name: string;
    homes: number;
    townships: { code: string; name: string; homes: number }[];
  }[];
  sectorGroups: { id: string; name: string; homes: number }[];
  kinds: { kind: string; homes: number }[];
}

export interface HomesQuery {
  q?: string;
  kind?: string;
  regionCode?: string;
  ownerUnitId?: string;
  page?: number;
  pageSize?: number;
}

export interface OpinionInput {
  homeId?: string;
  regionCode?: string;
  title: string;
  content: string;
  name?: string;
  phone?: string;
  contactConsent?: boolean;
}

export interface Problem {
  trackingCode: string;
  title: string;
  status: string;
  createdAt: string;
  result: string | null;
  resolvedAt: string | null;
  satisfaction: number | null;
  canRate: boolean;
}

export interface Opinion {
  trackingCode: string;
  title: string;
  homeName: string | null;
  status: string;
  receivedAt: string;
  history: { status: string; at: string }[];
  reply: string | null;
  repliedAt: string | null;
  problems: Problem[];
}

export type Satisfaction = 1 | 2 | 3;

// ---- calls ----

// The options change rarely and are used by two pages: fetched once per visit.
let optionsPromise: Promise<Options> | null = null;
export function fetchOptions(): Promise<Options> {
  optionsPromise ??= request<Options>('GET', '/public/options').catch((error) => {
    optionsPromise = null;
    throw error;
  });
  return optionsPromise;
}

// The finder's first page is asked for while React is still starting (main.tsx), which brings the
// first home cards a render earlier; the page's own first request then takes that answer.
let early: { key: string; answer: Promise<Page<HomeSummary>> } | null = null;

export function fetchHomesEarly(query: HomesQuery): void {
  const answer = request<Page<HomeSummary>>('GET', '/public/homes', { query: { ...query } });
  answer.catch(() => undefined); // a failure is reported when the page asks for it
  early = { key: JSON.stringify(query), answer };
}

export function fetchHomes(query: HomesQuery, signal?: AbortSignal): Promise<Page<HomeSummary>> {
  if (early && early.key === JSON.stringify(query)) {
    const { answer } = early;
    early = null;
    return answer;
  }
  early = null;
  return request<Page<HomeSummary>>('GET', '/public/homes', { query: { ...query }, signal });
}

export const fetchHome = (id: string, signal?: AbortSignal) =>
  request<Home>('GET', `/public/homes/${encodeURIComponent(id)}`, { signal });

/** Sends an opinion under the key its device chose for it: sent again, the server answers the same code. */
export const submitOpinion = (body: OpinionInput, submissionKey: string) =>
  request<{ trackingCode: string }>('POST', '/public/opinions', {
    body,
    headers: { 'idempotency-key': submissionKey },
  });

export const fetchOpinion = (code: string, signal?: AbortSignal) =>
  request<Opinion>('GET', `/public/opinions/${encodeURIComponent(code)}`, { signal });

export const fetchProblem = (code: string, signal?: AbortSignal) =>
  request<Problem>('GET', `/public/problems/${encodeURIComponent(code)}`, { signal });

export const rateProblem = (code: string, satisfaction: Satisfaction, comment?: string) =>
  request<Problem>('POST', `/public/problems/${encodeURIComponent(code)}/satisfaction`, {
    body: { satisfaction, ...(comment ? { comment } : {}) },
  });

export interface Commendations {
  rounds: {
    year: number;
    level: 'municipal' | 'district';
    title: string;
    ownerUnitName: string;
    publishedAt: string;
    homes: { homeId: string; name: string; grade: string }[];
    members: Person[];
  }[];
}

export const fetchCommendations = (signal?: AbortSignal) =>
  request<Commendations>('GET', '/public/commendations', { signal });
