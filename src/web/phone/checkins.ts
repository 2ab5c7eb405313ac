import type { components } from '../api/openapi.gen';
import { errorMessage, RequestError } from '../light/request';
import { post } from './session';

// Check-ins made without a signal (R34): kept on the phone with the moment they were made, sent
// when the phone is back online (on the `online` event, on the next page load, or 立即重试), each
// exactly once (the server keeps one attendance per member and activity: a second send is 409),
// and counted at the moment they were made where the activity allows it (POST /checkin/:code `at`).

export interface QueuedCheckin {
  code: string;
  /** the activity's title, when the page had it */
  title: string | null;
  /** when the member pressed 签到 (ISO) */
  at: string;
}

/** What became of a queued check-in: sent (or found already made), or refused with the reason. */
export interface CheckinOutcome extends QueuedCheckin {
  sent: boolean;
  reason?: string;
}

/** POST /checkin/:code's answer (a type only: nothing of the admin UI's client is loaded). */
export type CheckinResult = components['schemas']['Checkin'];

const QUEUE_KEY = 'cmh.checkinQueue';
const OUTCOMES_KEY = 'cmh.checkinOutcomes';
/** the outcomes kept until dismissed (the newest) */
const MAX_OUTCOMES = 10;

function read<T>(key: string): T[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

const listeners = new Set<() => void>();

function write<T>(key: string, items: T[]): void {
  try {
    if (items.length) localStorage.setItem(key, JSON.stringify(items));
    else localStorage.removeItem(key);
  } catch {
    // storage refused (private mode, full): the page still shows its state for this visit
  }
  for (const listener of listeners) listener();
}

export const queuedCheckins = () => read<QueuedCheckin>(QUEUE_KEY);
export const checkinOutcomes = () => read<CheckinOutcome>(OUTCOMES_KEY);

/** Calls `listener` on every change of the queue or the outcomes, here or in another tab. */
export function onCheckinsChange(listener: () => void): () => void {
  const fromOtherTab = (event: StorageEvent) => {
    if (event.key === QUEUE_KEY || event.key === OUTCOMES_KEY) listener();
  };
  listeners.add(listener);
  window.addEventListener('storage', fromOtherTab);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', fromOtherTab);
  };
}

/** Keeps a check-in to send later; one per code (the first press counts). */
export function queueCheckin(checkin: QueuedCheckin): void {
  const queue = queuedCheckins();
  if (queue.some((q) => q.code === checkin.code)) return;
  write(QUEUE_KEY, [...queue, checkin]);
}

export function dismissOutcome(code: string): void {
  write(
    OUTCOMES_KEY,
    checkinOutcomes().filter((o) => o.code !== code),
  );
}

/** The check-in of `code` now (no `at`: the server's clock decides), or the queued one with its `at`. */
export const sendCheckin = (code: string, at?: string) =>
  post<CheckinResult>(`/checkin/${encodeURIComponent(code)}`, at ? { at } : {});

/** Whether a failed send may succeed later (no signal, the server busy or down). */
export const isTransient = (error: unknown) =>
  !(error instanceof RequestError) || error.status === 0 || error.status === 429 || error.status >= 500;

let sending: Promise<'sent' | 'waiting' | 'signed-out'> | null = null;

/**
 * Sends every queued check-in, oldest first; stops at the first that cannot go yet (no signal, or
 * the session is gone: 'signed-out', and the rest wait for the next sign-in). One run at a time.
 */
export function sendQueued(): Promise<'sent' | 'waiting' | 'signed-out'> {
  sending ??= (async () => {
    for (const checkin of queuedCheckins()) {
      let outcome: CheckinOutcome;
      try {
        await sendCheckin(checkin.code, checkin.at);
        outcome = { ...checkin, sent: true };
      } catch (error) {
        if (error instanceof RequestError && error.status === 401) return 'signed-out';
        if (isTransient(error)) return 'waiting';
        outcome =
          error instanceof RequestError && error.status === 409
            ? { ...checkin, sent: true }
            : {
                ...checkin,
                sent: false,
                reason:
                  (error instanceof RequestError && Object.values(error.fields)[0]) || errorMessage(error),
              };
      }
      write(
        QUEUE_KEY,
        queuedCheckins().filter((q) => q.code !== checkin.code),
      );
      const earlier = checkinOutcomes().filter((o) => o.code !== checkin.code);
      write(OUTCOMES_KEY, [...earlier, outcome].slice(-MAX_OUTCOMES));
    }
    return 'sent';
  })().finally(() => {
    sending = null;
  });
  return sending;
}
