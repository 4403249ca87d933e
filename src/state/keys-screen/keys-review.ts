/** What the keys screen shows for its writes: each one's review by the write pipeline, as lines (pure). */
import type { Key } from '../../api/wire.js';
import { formatKeyDiffEntry } from '../keys/key-diff.js';
import { changesSince } from '../write-rules/conflict.js';
import { keptNote, reviewWrite, type WritePlan, type WriteReview, type WriteTarget } from '../write-rules/review.js';
import type { KeyWrite } from './keys-state.js';
import type { WriteDialect } from '../write-rules/dialect.js';

export const keyName = (k: Key): string => `"${k.name ?? k.id ?? '?'}"`;

/** The write pipeline's target and plan of one key write. */
export function keyTarget(provider: string, w: KeyWrite): WriteTarget {
  if (w.kind === 'create') return { kind: 'key', provider, name: String(w.body.name ?? '') };
  return { kind: 'key', provider, id: w.fetched.id, name: w.fetched.name ?? w.fetched.id };
}

export function keyPlan(w: KeyWrite): WritePlan {
  if (w.kind === 'create') return { action: 'create', body: w.body };
  const base = w.fetched as Record<string, unknown>;
  return w.kind === 'delete' ? { action: 'delete', base } : { action: 'update', base, edits: w.edits };
}

/**
 * The pipeline's review of one key write against the copy it was made on (the commit re-checks it), in the
 * gateway's dialect; `carrier`: on v1.4 the provider the key lives in (the write is a PUT of it).
 */
export function keyReview(provider: string, w: KeyWrite, dialect?: WriteDialect, carrier?: Record<string, unknown>): WriteReview {
  return reviewWrite(keyTarget(provider, w), keyPlan(w), w.kind === 'create' ? null : (w.fetched as Record<string, unknown>), dialect, carrier);
}

/** Review lines of a set of writes: per key, its per-field changes (secrets by source only), what to know, and any secret kept. */
export function reviewLines(provider: string, writes: readonly KeyWrite[], dialect?: WriteDialect, carrier?: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const w of writes) {
    const review = keyReview(provider, w, dialect, carrier);
    const changes = review.changes.map((e) => `  ${formatKeyDiffEntry(e, dialect?.rules)}`);
    if (w.kind === 'delete') out.push(`- delete key ${keyName(w.fetched)} (${w.fetched.id})`);
    else {
      out.push(w.kind === 'create' ? `+ new key "${String(w.body.name)}"` : `key ${keyName(w.fetched)}:`);
      for (const c of changes) out.push(c);
    }
    for (const warning of review.warnings) out.push(`  note: ${warning}`);
    const kept = keptNote(review);
    if (kept) out.push(`  (${kept})`);
  }
  return out;
}

/**
 * What a conflict shows: the fields the gateway changed since the key was
 * read, then the user's own edits of it (re-applied on top, entry by entry, on "reload and reapply").
 */
export function conflictLines(provider: string, pending: readonly KeyWrite[], fresh: Key, dialect?: WriteDialect): string[] {
  const w = pending.find((p) => p.kind !== 'create' && p.fetched.id === fresh.id);
  if (!w || w.kind === 'create') return [];
  const theirs = changesSince('key', w.fetched, fresh, dialect).map((e) => `  ${formatKeyDiffEntry(e, dialect?.rules)}`);
  const mine = w.kind === 'delete' ? ['delete the key'] : keyReview(provider, w, dialect).changes.map((e) => formatKeyDiffEntry(e, dialect?.rules));
  return [`${keyName(fresh)} changed on the gateway since it was read:`, ...theirs, `your edits: ${mine.join('; ')}`];
}
