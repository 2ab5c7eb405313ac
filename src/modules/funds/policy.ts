import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { hasRole, scopesOf } from '../../domain/actor.js';
import { actorKinds, answeredHomes } from '../homes/policy.js';

export const fundAbilities = {
  /** staff and directors; each home's ledger checks who may read, allocate, spend and approve */
  'funds.read': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair', 'home_director') ||
    actor.memberId !== null,
  /** the owning units (the office for municipal homes, a district CPPCC for its own) allocate money */
  'funds.allocate': (actor: Actor) => hasRole(actor, 'office_admin', 'district_staff'),
  /** the owning unit and the home's director book expenditures */
  'funds.spend': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'district_staff', 'home_director') || actor.memberId !== null,
  /** the owning units approve or reject large expenditures */
  'funds.approve': (actor: Actor) => hasRole(actor, 'office_admin', 'district_staff'),
  /** the owning units correct an entry by a reversing one */
  'funds.reverse': (actor: Actor) => hasRole(actor, 'office_admin', 'district_staff'),
  'funds.settings': (actor: Actor) => hasRole(actor, 'office_admin'),
};

/** What may be done to a home's ledger, and to one of its entries. */
export const FUND_LEDGER_ACTIONS = ['allocate', 'spend'] as const;
export type FundLedgerAction = (typeof FUND_LEDGER_ACTIONS)[number];
export const FUND_ENTRY_ACTIONS = ['approve', 'reject', 'reverse'] as const;
export type FundEntryAction = (typeof FUND_ENTRY_ACTIONS)[number];

type FundHome = {
  id: string;
  level: 'municipal' | 'district';
  ownerUnitId: string;
  directorMemberId: string | null;
};

/** The owning unit: it allocates, approves and reverses. */
export const ownsFunds = (actor: Actor, home: Pick<FundHome, 'level' | 'ownerUnitId'>) =>
  actorKinds(actor, home).some((k) => k === 'office' || k === 'owner_district');

/** The home's director (by role or as the home's recorded director) spends too. */
export const directsHome = (actor: Actor, home: Pick<FundHome, 'id' | 'directorMemberId'>) =>
  scopesOf(actor, 'home_director').includes(home.id) ||
  (actor.memberId !== null && actor.memberId === home.directorMemberId);

/**
 * Who reads a home's money: the owning unit, the director, and the supervising staff (the home
 * itself is already in their scope). A plain member of the home sees no money.
 */
export const readsFunds = (actor: Actor, home: FundHome) =>
  ownsFunds(actor, home) ||
  directsHome(actor, home) ||
  hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair');

export function ledgerActions(actor: Actor, home: FundHome): FundLedgerAction[] {
  const owner = ownsFunds(actor, home);
  return FUND_LEDGER_ACTIONS.filter((a) => (a === 'allocate' ? owner : owner || directsHome(actor, home)));
}

/** Who looks at an entry: whether they own the home's funds, and whether they are the municipal office. */
export interface FundViewer {
  owner: boolean;
  office: boolean;
  userId: string;
}

export const fundViewer = (actor: Actor, owner: boolean): FundViewer => ({
  owner,
  office: hasRole(actor, 'office_admin'),
  userId: actor.userId,
});

/**
 * A district's expenditure that no one else in its CPPCC could decide — whoever booked it is
 * the district's only enabled staff account — goes up to the municipal office, so four eyes
 * never leave it waiting for ever. As SQL on `fund_entries` (which carry their home's level and
 * owning unit, kept by the database: migration 0020).
 */
export function escalatedToOffice(eb: ExpressionBuilder<Database, 'fundEntries'>): Expression<SqlBool> {
  const deciders = (inner: ExpressionBuilder<Database, 'fundEntries'>) =>
    inner
      .selectFrom('userRoles as deciders')
      .innerJoin('users as deciderUsers', 'deciderUsers.id', 'deciders.userId')
      .where('deciders.role', '=', 'district_staff')
      .where('deciderUsers.disabled', '=', false);
  return eb.and([
    eb('fundEntries.homeLevel', '=', 'district'),
    eb.or([
      // a district with no enabled staff at all: one lookup in a set the database builds once
      // (most districts are this, and the office's approvals list tests every pending entry)
      eb('fundEntries.ownerUnitId', 'not in', deciders(eb).select('deciders.scopeId')),
      // else whoever booked it is the only one
      eb.not(
        eb.exists(
          deciders(eb)
            .select('deciders.userId')
            .whereRef('deciders.scopeId', '=', 'fundEntries.ownerUnitId')
            .where((inner) =>
              inner.or([
                inner('fundEntries.createdBy', 'is', null),
                inner('deciders.userId', '!=', inner.ref('fundEntries.createdBy')),
              ]),
            ),
        ),
      ),
    ]),
  ]);
}

/**
 * Four eyes: an expenditure above the threshold is decided by someone other than whoever booked
 * it — the owning unit's other staff, or the municipal office when the district has no one else.
 */
export const decidesEntry = (viewer: FundViewer, entry: { createdBy: string | null; escalated: boolean }) =>
  (viewer.owner || (viewer.office && entry.escalated)) && entry.createdBy !== viewer.userId;

/**
 * What the owning unit may do to one entry: decide a pending expenditure booked by someone else,
 * reverse an entry in force (not a reversal, not one reversed already; an allocation only while
 * the money is unspent).
 */
export function entryActions(
  viewer: FundViewer,
  entry: {
    kind: string;
    status: string;
    amountFen: number;
    reversesId: string | null;
    reversedById: string | null;
    createdBy: string | null;
    escalated: boolean;
  },
  availableFen: number,
): FundEntryAction[] {
  if (entry.status === 'pending') return decidesEntry(viewer, entry) ? ['approve', 'reject'] : [];
  if (!viewer.owner) return [];
  const reversible =
    entry.status === 'approved' &&
    !entry.reversesId &&
    !entry.reversedById &&
    (entry.kind !== 'allocation' || availableFen - entry.amountFen >= 0);
  return reversible ? ['reverse'] : [];
}

/**
 * The homes whose money an actor sees, as SQL on `homes` (for the report): those they answer for —
 * not the homes a plain member merely belongs to.
 */
export const fundScope = answeredHomes;

/**
 * The entries of the homes whose money the actor owns (allocates, approves, reverses), as SQL on
 * `fund_entries` by the home's level and unit each carries: `ownsFunds` for a list.
 */
export function ownedFunds(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'fundEntries'>): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [];
    if (hasRole(actor, 'office_admin')) ors.push(eb('fundEntries.homeLevel', '=', 'municipal'));
    const districts = scopesOf(actor, 'district_staff');
    if (districts.length) {
      ors.push(
        eb.and([
          eb('fundEntries.homeLevel', '=', 'district'),
          eb('fundEntries.ownerUnitId', 'in', districts),
        ]),
      );
    }
    return ors.length ? eb.or(ors) : eb.lit(false);
  };
}
