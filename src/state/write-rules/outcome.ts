/**
 * What the write pipeline reports: after its check (the review, or why there
 * is none) and after a commit (written, refused and why, a conflict with the
 * fields, or a write that may have landed). Pure data, so reducers and
 * commands read the same result.
 */
import type { DiffEntry } from '../provider/diff.js';
import { targetLabel, type WritePlan, type WriteReview, type WriteTarget } from './review.js';

type Obj = Record<string, unknown>;

/**
 * Someone else changed the target since the plan's copy: `changed` (the
 * fields in `theirs`), `deleted` (an update or delete of something gone:
 * never re-created), or `created` (a create, but it exists now).
 */
export interface Conflict {
  kind: 'conflict';
  reason: 'changed' | 'deleted' | 'created';
  target: WriteTarget;
  /** The gateway's copy now (null: none). */
  current: Obj | null;
  /** What changed since the plan's copy, field by field. */
  theirs: DiffEntry[];
  /** The plan's edits re-applied entry by entry on `current` (an update of a copy that still exists). */
  reapplied?: WritePlan;
  /** Fields both sides changed (the re-applied plan keeps the writer's value there). */
  overlaps: string[];
}

/** Why nothing was written. */
export type RefusedWhy =
  /** The editor's rules refuse the body (`review.problems`). */
  | 'invalid'
  /** The profile is read-only. */
  | 'read-only'
  /** The copy about to be overwritten could not be backed up. */
  | 'backup'
  /** The gateway could not be read to check it (the write was not tried). */
  | 'unreadable'
  /** The gateway answered the write with a 4xx: it wrote nothing. */
  | 'gateway';

export interface Refused {
  kind: 'refused';
  why: RefusedWhy;
  target: WriteTarget;
  /** One line, for humans. */
  message: string;
  /** The failure behind it (an ApiError for `unreadable` and `gateway`). */
  error?: unknown;
  /** The field a gateway refusal names, when it names one (a key's duplicate name, its model list). */
  field?: string;
}

/** The result of the pipeline's check: a review to confirm, nothing to write, a conflict, or a refusal. */
export type CheckOutcome =
  | { kind: 'review'; review: WriteReview }
  /** The plan changes nothing on the gateway's current copy (`review.kept`: secrets it would have held as masks). */
  | { kind: 'unchanged'; review: WriteReview }
  | Conflict
  | Refused;

/** The result of a commit. */
export type WriteOutcome =
  | {
    kind: 'written';
    review: WriteReview;
    /** The gateway's answer to the write (absent for a delete). */
    response?: Obj;
    /** The target as a fresh read shows it after the write (null: gone, after a delete; undefined: the read failed). */
    confirmed?: Obj | null;
    /** Where the fresh read disagrees with what was sent (a stale cache, a change since); empty = confirmed. */
    notes: string[];
    /** The history entry holding what the gateway had before (absent: nothing could name it, e.g. a new key). */
    backup?: string;
    /** The id of the written key (a created one's is the gateway's). */
    id?: string;
  }
  | Conflict
  | Refused
  /** No clear answer (timeout, dropped connection, 5xx, a reply not understood): the write may have landed; the backup stays. */
  | { kind: 'may-have-landed'; target: WriteTarget; message: string; error: unknown; backup?: string };

/** One line for anything but a write that happened (`when`: "since it was read", "while waiting for confirmation", ...). */
export function outcomeMessage(o: Exclude<WriteOutcome | CheckOutcome, { kind: 'written' | 'review' | 'unchanged' }>, when: string): string {
  if (o.kind === 'conflict') {
    const what = targetLabel(o.target);
    if (o.reason === 'deleted') return `${what} was deleted on the gateway ${when}: nothing was written (a write would re-create it)`;
    if (o.reason === 'created') return `${what} was created on the gateway ${when}: nothing was written`;
    return `${what} changed on the gateway ${when} (${o.theirs.map((e) => e.path).join(', ')}): nothing was written; run it again`;
  }
  if (o.kind === 'may-have-landed') return `${o.message} (the write may still have reached the gateway${o.backup ? `; the previous version is kept as ${o.backup}` : ''})`;
  return o.why === 'invalid' ? `invalid: ${o.message}` : o.message;
}
