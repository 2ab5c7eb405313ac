import { createHash } from 'node:crypto';

/** What the first seal takes as the hash before it. */
export const CHAIN_START = '';

/**
 * A seal's hash: sha256 (hex) over the hash of the seal before it, this seal's number and the
 * audit row's fields (repo `sealedText`). Changing a row changes its hash; removing a row or a
 * seal leaves a seal whose hash no longer follows from the one before.
 */
export function sealHash(previous: string, seq: string, rowText: string): string {
  return createHash('sha256').update(`${previous}\n${seq}\n${rowText}`, 'utf8').digest('hex');
}

/** A seal as verification reads it: its number, the row it seals, its hash, the row's fields now (null: gone). */
export interface StoredSeal {
  seq: string;
  auditId: string;
  hash: string;
  text: string | null;
}

/**
 * Walks the chain a batch at a time: `previous` and `seq` carry from one batch to the next.
 * A seal is intact when its number follows the one before, its row is still there and its hash
 * is what the row and the seal before give; the first one that is not is where the chain broke.
 */
export function checkSeals(
  seals: StoredSeal[],
  from: { previous: string; seq: bigint },
): { previous: string; seq: bigint; firstBrokenId: string | null } {
  let { previous, seq } = from;
  let firstBrokenId: string | null = null;
  for (const seal of seals) {
    const intact =
      BigInt(seal.seq) === seq + 1n &&
      seal.text !== null &&
      seal.hash === sealHash(previous, seal.seq, seal.text);
    if (!intact) firstBrokenId ??= seal.auditId;
    previous = seal.hash;
    seq = BigInt(seal.seq);
  }
  return { previous, seq, firstBrokenId };
}
