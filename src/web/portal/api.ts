// The portal's calls of the public API (no session, no CSRF token), through the light pages' client.
import { request } from '../light/request';

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

/** The key of the finder's first page for a query (FinderPage, the server's render). */
export const homesKey = (query: object) => `homes:${JSON.stringify(query)}`;
export const homeKey = (id: string) => `home:${id}`;

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
