import { badRequest } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Actor, Db } from '../../server/types.js';
import { homesInScope, membersInScope, usersInScope } from './repo.js';

/** What a request may name by id: a member, a home or a user account. */
export type ReferenceKind = 'member' | 'home' | 'user';

type Ids = string | null | undefined | ReadonlyArray<string | null | undefined>;

/** One field of a request and what it names, e.g. `{ deputyMemberId: ['member', id] }`. */
export type References = Record<string, readonly [ReferenceKind, Ids]>;

const MESSAGES: Record<ReferenceKind, string> = {
  member: '找不到该委员，或该委员不在您的管理范围内',
  home: '找不到该委员之家，或它不在您的管理范围内',
  user: '找不到该用户，或该用户不在您的管理范围内',
};

const idsOf = (ids: Ids): string[] =>
  (typeof ids === 'string' ? [ids] : [...(ids ?? [])]).filter((id): id is string => !!id);

/** The ids of one kind that the actor's scope holds, each kind loaded through its scope in one query. */
async function foundInScope(db: Db, actor: Actor, kind: ReferenceKind, ids: string[]): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return new Set();
  const rows =
    kind === 'member'
      ? await membersInScope(db, actor, wanted)
      : kind === 'home'
        ? await homesInScope(db, actor, wanted)
        : await usersInScope(db, actor, wanted);
  return new Set(rows.map((r) => r.id));
}

/**
 * Every id a request names is resolved through the actor's scope before it is used: an id that
 * does not exist, or names something the actor may not see, answers 400 on its field — the same
 * answer for both, so a refusal tells nothing about records outside the scope.
 */
export async function requireInScope(db: Db, actor: Actor, refs: References): Promise<void> {
  const byKind = new Map<ReferenceKind, string[]>();
  for (const [kind, ids] of Object.values(refs))
    byKind.set(kind, [...(byKind.get(kind) ?? []), ...idsOf(ids)]);
  const found = new Map<ReferenceKind, Set<string>>();
  for (const [kind, ids] of byKind) found.set(kind, await foundInScope(db, actor, kind, ids));
  const fields: Record<string, string> = {};
  for (const [field, [kind, ids]] of Object.entries(refs)) {
    if (idsOf(ids).some((id) => !found.get(kind)!.has(id))) fields[field] = MESSAGES[kind];
  }
  const [first] = Object.values(fields);
  if (first) throw badRequest(first, fields);
}
