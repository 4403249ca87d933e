/**
 * The pipeline's check of a plan against the gateway's copy now, pure: the
 * one conflict rule first (any change since the plan's copy), then the
 * review. The effectful pipeline reads `current` and calls this; a reducer
 * that already holds a fresh copy calls it too, so every writer decides the
 * same way.
 */
import type { CheckOutcome, Conflict } from './outcome.js';
import { changesSince, diffWritable } from './conflict.js';
import { V1_5_DIALECT, type WriteDialect } from './dialect.js';
import { reapplyEdits } from './reapply.js';
import { reviewWrite, type WritePlan, type WriteTarget } from './review.js';

type Obj = Record<string, unknown>;

/** The conflict of `plan` with `current`, or undefined when the gateway still holds the plan's copy. */
export function conflictOf(target: WriteTarget, plan: WritePlan, current: Obj | null, dialect: WriteDialect = V1_5_DIALECT): Conflict | undefined {
  const kind = target.kind;
  if (plan.action === 'create') {
    if (current === null) return undefined;
    return { kind: 'conflict', reason: 'created', target, current, theirs: diffWritable(kind, undefined, current, dialect), overlaps: [] };
  }
  if (current === null) return { kind: 'conflict', reason: 'deleted', target, current, theirs: [], overlaps: [] };
  const theirs = changesSince(kind, plan.base, current, dialect);
  if (theirs.length === 0) return undefined;
  if (plan.action === 'delete') return { kind: 'conflict', reason: 'changed', target, current, theirs, overlaps: [] };
  const { edits, overlaps } = reapplyEdits(kind, plan.base, current, plan.edits, dialect);
  return { kind: 'conflict', reason: 'changed', target, current, theirs, reapplied: { action: 'update', base: current, edits }, overlaps };
}

/** The check of `plan` against `current` (null: the gateway has no such object); `carrier`: see `reviewWrite`. */
export function checkPlan(target: WriteTarget, plan: WritePlan, current: Obj | null, dialect: WriteDialect = V1_5_DIALECT, carrier?: Obj): CheckOutcome {
  const conflict = conflictOf(target, plan, current, dialect);
  if (conflict) return conflict;
  const review = reviewWrite(target, plan, current, dialect, carrier);
  return plan.action === 'update' && review.changes.length === 0 ? { kind: 'unchanged', review } : { kind: 'review', review };
}
