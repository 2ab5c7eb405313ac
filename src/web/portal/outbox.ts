import { RequestError } from '../light/request';
import { type OpinionInput, submitOpinion } from './api';
import type { OpinionDraft } from './opinionForm';

// A weak signal (R34): what a citizen types into the opinion form stays on the phone (a reload, going
// back, the browser closed), and an opinion sent while the network is down waits here and goes out
// by itself when the phone is back online — exactly once, since every sending of it carries the same
// key (the server answers a key it has seen with the code it gave it the first time).

const DRAFT = 'portal.opinionDraft';
const OUTBOX = 'portal.opinionOutbox';
const SENT = 'portal.opinionSent';

/** The form as typed, and the key it will be sent under. */
export interface SavedDraft {
  draft: OpinionDraft;
  key: string;
}

/** An opinion the citizen sent while offline, waiting for the network. */
export interface Queued {
  key: string;
  body: OpinionInput;
  draft: OpinionDraft;
  queuedAt: string;
}

/** What became of a queued opinion: its code, or why the server refused it (then it is a draft again). */
export interface Outcome {
  key: string;
  title: string;
  trackingCode: string | null;
  refused: string | null;
}

function read<T>(name: string, fallback: T): T {
  try {
    const text = localStorage.getItem(name);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(name: string, value: unknown): void {
  try {
    if (value === null || (Array.isArray(value) && value.length === 0)) localStorage.removeItem(name);
    else localStorage.setItem(name, JSON.stringify(value));
  } catch {
    // storage refused (private mode, full): the page still works, only nothing is kept
  }
  window.dispatchEvent(new Event(OUTBOX_CHANGED));
}

/** Fired on this page when the outbox or its outcomes change. */
export const OUTBOX_CHANGED = 'portal-outbox-changed';

/** A key for one opinion: random, and made without `crypto.randomUUID` (absent on plain http). */
export function newSubmissionKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Drafts are kept one per form: the form opened from a home's page (`slot` = that home's id) and the
 * form opened on its own (`slot` = ''), so opening another home's form loses nothing.
 */
type Drafts = Record<string, SavedDraft>;
const drafts = () => read<Drafts>(DRAFT, {});

export const loadDraft = (slot: string): SavedDraft | null => drafts()[slot] ?? null;

/** Keeps the form as typed; an empty form, or none, keeps nothing. */
export function saveDraft(slot: string, saved: SavedDraft | null): void {
  const { [slot]: _, ...others } = drafts();
  const typed = saved && (saved.draft.title || saved.draft.content || saved.draft.name || saved.draft.phone);
  const next = typed ? { ...others, [slot]: saved } : others;
  write(DRAFT, Object.keys(next).length ? next : null);
}

export const clearDraft = (slot: string) => saveDraft(slot, null);

export const queuedOpinions = (): Queued[] => read<Queued[]>(OUTBOX, []);
export const outcomes = (): Outcome[] => read<Outcome[]>(SENT, []);

export function enqueue(item: Queued): void {
  write(OUTBOX, [...queuedOpinions().filter((q) => q.key !== item.key), item]);
}

export function dismissOutcome(key: string): void {
  write(
    SENT,
    outcomes().filter((o) => o.key !== key),
  );
}

/** A failure worth trying again later: no network, the server busy or down. */
export const isTransient = (error: unknown) =>
  !(error instanceof RequestError) || error.status === 0 || error.status === 429 || error.status >= 500;

let flushing: Promise<void> | null = null;

/**
 * Sends what waits in the outbox, one at a time, oldest first; stops at the first transient failure
 * (still offline). A refused one goes back to the form as a draft, with the server's reason. One
 * round at a time on this page; another tab's round is made harmless by the keys.
 */
export function flushOutbox(): Promise<void> {
  // cleared only after the round is over (`finally` runs later than this assignment, always)
  flushing ??= sendQueued().finally(() => {
    flushing = null;
  });
  return flushing;
}

async function sendQueued(): Promise<void> {
  for (const item of queuedOpinions()) {
    let outcome: Outcome;
    try {
      const { trackingCode } = await submitOpinion(item.body, item.key);
      outcome = { key: item.key, title: item.body.title, trackingCode, refused: null };
    } catch (error) {
      if (isTransient(error)) return;
      outcome = {
        key: item.key,
        title: item.body.title,
        trackingCode: null,
        // the field's own message says what to change (the home closed meanwhile, …)
        refused:
          (error instanceof RequestError && Object.values(error.fields)[0]) ||
          (error instanceof Error ? error.message : '提交失败'),
      };
      // back in the form opened on its own (“去修改”), unless something else is being written there
      if (!loadDraft('')) saveDraft('', { draft: item.draft, key: newSubmissionKey() });
    }
    write(SENT, [...outcomes().filter((o) => o.key !== item.key), outcome]);
    write(
      OUTBOX,
      queuedOpinions().filter((q) => q.key !== item.key),
    );
  }
}
