import { roleNames } from '../../domain/actor.js';
import { maskPhone } from '../../domain/privacy.js';
import type { Db, Who } from '../../server/types.js';
import { CHAIN_START, checkSeals, sealHash } from './chain.js';
import { snapshotReferences } from './changes.js';
import { presentAuditEvents, typedUsername } from './presenter.js';
import {
  auditEventsPage,
  chainHead,
  insertAuditEvent,
  insertSeals,
  lockSeals,
  nameableId,
  namedType,
  objectNames,
  sealsAfter,
  unsealedEvents,
} from './repo.js';
import type { AuditQuery } from './schema.js';

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one row to the audit trail. Call it with the transaction that makes the change,
 * so the change and its record commit (or vanish) together. The row is sealed into the hash
 * chain after it commits (`sealAudit`), so business transactions never wait on one another here.
 */
export async function recordAudit(db: Db, who: Who, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(db, {
    actorId: who.actor?.userId ?? null,
    actorName: who.actor?.displayName ?? null,
    roles: roleNames(who.actor),
    ip: who.ip,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    before: entry.before === undefined ? null : snapshot(entry.before),
    after: entry.after === undefined ? null : snapshot(entry.after),
  });
}

/** The fields of a snapshot that hold a phone number. */
const PHONE_FIELDS = new Set(['phone', 'requesterPhone']);

/**
 * A row as the trail keeps it: its phone numbers masked, since the trail (and every backup of it)
 * must hold none readable (个人信息保密性); a change of number still shows as one.
 */
const snapshot = (row: unknown) =>
  JSON.stringify(row, (key, value) =>
    PHONE_FIELDS.has(key) && typeof value === 'string' ? maskPhone(value) : value,
  );

/**
 * The named fields of a row: what an update changes, as the row had them (its `before`) or has
 * them now; a field the row lacks is null.
 */
export function fieldsOf<T extends object>(row: T, fields: Iterable<string>): Partial<T> {
  return Object.fromEntries([...fields].map((key) => [key, row[key as keyof T] ?? null])) as Partial<T>;
}

/**
 * The audit trail searched (read-only), one page of it, in words: the actors by name, the actions
 * and object types by their labels, the objects and what the snapshots name (homes, members, units,
 * places…) by their names, read once per type for the page.
 */
export async function searchAudit(db: Db, f: AuditQuery) {
  const { rows, total } = await auditEventsPage(db, f);
  const idsByType = new Map<string, Set<string>>();
  const name = (type: string | null, id: string | null) => {
    if (!type || !id || !namedType(type) || !nameableId(type, id)) return;
    idsByType.set(type, (idsByType.get(type) ?? new Set()).add(id));
  };
  for (const row of rows) {
    name(row.objectType, row.objectId);
    for (const [type, id] of snapshotReferences(row)) name(type, id);
    name('username', typedUsername(row)?.toLowerCase() ?? null);
  }
  const names = await objectNames(db, idsByType);
  return { items: presentAuditEvents(rows, names), total, page: f.page, pageSize: f.pageSize };
}

/** Rows sealed per transaction: a long backlog (the first run on an old trail) is sealed in steps. */
const SEAL_BATCH = 1000;
/**
 * How far below the highest sealed id the regular run looks for rows that committed late (a
 * long transaction takes its id early and commits after later ones). Older stragglers are sealed
 * by the full pass every verification makes first.
 */
const SEAL_LOOKBACK = 10_000n;

/**
 * Seals the committed audit rows that have none yet, oldest first, each chained to the seal before
 * it (chain.ts). One sealer at a time holds the lock, on any instance; business transactions
 * never take it. Runs every minute (server/jobs.ts) and before each verification (`everything`:
 * the whole trail, not only its recent end).
 */
export async function sealAudit(db: Db, options: { everything?: boolean } = {}) {
  let sealed = 0;
  let head: string | null = null;
  for (;;) {
    const step = await db.transaction().execute(async (trx) => {
      await lockSeals(trx);
      const last = await chainHead(trx);
      const floor = options.everything ? 0n : BigInt(last.maxAuditId) - SEAL_LOOKBACK;
      const rows = await unsealedEvents(trx, String(floor > 0n ? floor : 0n), SEAL_BATCH);
      let previous = last.hash ?? CHAIN_START;
      let seq = BigInt(last.seq);
      const seals = rows.map((row) => {
        seq += 1n;
        previous = sealHash(previous, String(seq), row.text);
        return { seq: String(seq), auditId: row.id, hash: previous };
      });
      if (seals.length) await insertSeals(trx, seals);
      return { count: seals.length, head: last.hash === null && !seals.length ? null : previous };
    });
    sealed += step.count;
    head = step.head;
    if (step.count < SEAL_BATCH) break;
  }
  return { changed: sealed > 0, sealed, head };
}

const VERIFY_BATCH = 2000;

/**
 * Checks the whole chain (API.md, Audit): seals what is pending, then recomputes every seal from
 * its row. `checked` counts the rows checked; `firstBrokenId` is the first row found changed or
 * removed (or the row after a removed seal).
 */
export async function verifyAudit(db: Db) {
  await sealAudit(db, { everything: true });
  let at = { previous: CHAIN_START, seq: 0n };
  let checked = 0;
  let firstBrokenId: string | null = null;
  for (;;) {
    const seals = await sealsAfter(db, String(at.seq), VERIFY_BATCH);
    const walked = checkSeals(seals, at);
    checked += seals.length;
    firstBrokenId ??= walked.firstBrokenId;
    at = walked;
    if (seals.length < VERIFY_BATCH) break;
  }
  return { ok: firstBrokenId === null, checked, firstBrokenId };
}
