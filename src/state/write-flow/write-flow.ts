/**
 * One write of a whole provider in the app (delete, restore a saved
 * version, the whole-object edit), pure: the pipeline's check, the review
 * the user confirms with `y`, the commit, and what came of it. A conflict
 * (someone else changed the provider since the plan's copy) is shown with
 * what they changed; `r` plans again on their copy and reviews again.
 * Effects (the pipeline's check and commit) are the screen's.
 */
import { buildUpdateBody } from '../../api/update-body.js';
import type { Provider } from '../../api/wire.js';
import { diffObjects, type DiffEntry } from '../provider/diff.js';
import { outcomeMessage, type CheckOutcome, type Conflict, type WriteOutcome } from '../write-rules/outcome.js';
import { keptNote, type WritePlan, type WriteReview } from '../write-rules/review.js';

export type WriteFlowPhase =
  | { kind: 'checking' }
  /** `shown`: drawn on screen, so a `y` from now on confirms what the user saw. */
  | { kind: 'review'; review: WriteReview; shown: boolean }
  | { kind: 'saving'; review: WriteReview }
  | { kind: 'conflict'; conflict: Conflict }
  | { kind: 'done'; written: boolean; lines: string[]; role: 'ok' | 'warn' | 'error' | 'muted' };

export interface WriteFlowState {
  name: string;
  plan: WritePlan;
  phase: WriteFlowPhase;
  /** What a written outcome's line says (`deleted openai`, `restored openai to …`). */
  doneText: string;
}

export type WriteFlowAction =
  | { type: 'checked'; outcome: CheckOutcome }
  | { type: 'shown' }
  | { type: 'confirm' }
  | { type: 'committed'; outcome: WriteOutcome; undo?: string }
  /** After a conflict: plan again on the gateway's copy now (`plan`) and check that. */
  | { type: 'replan'; plan: WritePlan };

export function startWriteFlow(name: string, plan: WritePlan, doneText: string): WriteFlowState {
  return { name, plan, phase: { kind: 'checking' }, doneText };
}

/** The plan after a conflict: the writer's edits re-applied on their copy, a delete of their copy; undefined when there is nothing to plan (it is gone, or was created). */
export function replanAfter(plan: WritePlan, conflict: Conflict): WritePlan | undefined {
  if (conflict.reason !== 'changed' || !conflict.current) return undefined;
  if (plan.action === 'delete') return { action: 'delete', base: conflict.current };
  return conflict.reapplied;
}

function done(s: WriteFlowState, written: boolean, lines: string[], role: 'ok' | 'warn' | 'error' | 'muted'): WriteFlowState {
  return { ...s, phase: { kind: 'done', written, lines, role } };
}

export function writeFlowReducer(s: WriteFlowState, a: WriteFlowAction): WriteFlowState {
  switch (a.type) {
    case 'checked': {
      if (s.phase.kind !== 'checking') return s;
      const o = a.outcome;
      if (o.kind === 'review') return { ...s, phase: { kind: 'review', review: o.review, shown: false } };
      if (o.kind === 'unchanged') return done(s, false, [`no changes: ${s.name} already matches, nothing was written`], 'muted');
      if (o.kind === 'conflict') return { ...s, phase: { kind: 'conflict', conflict: o } };
      return done(s, false, [`nothing was written: ${outcomeMessage(o, 'since it was read')}`], 'error');
    }
    case 'shown':
      return s.phase.kind === 'review' && !s.phase.shown ? { ...s, phase: { ...s.phase, shown: true } } : s;
    case 'confirm':
      return s.phase.kind === 'review' && s.phase.shown ? { ...s, phase: { kind: 'saving', review: s.phase.review } } : s;
    case 'committed': {
      if (s.phase.kind !== 'saving') return s;
      const o = a.outcome;
      if (o.kind === 'conflict') return { ...s, phase: { kind: 'conflict', conflict: o } };
      if (o.kind !== 'written') return done(s, false, [outcomeMessage(o, 'since the review')], 'error');
      const lines = [s.doneText];
      if (o.backup) lines.push(`the version before is kept in the local history as ${o.backup}${a.undo ? ` (${a.undo})` : ''}`);
      const kept = keptNote(o.review);
      if (kept) lines.push(kept);
      for (const n of o.notes) lines.push(`note: ${n}`);
      return done(s, true, lines, o.notes.length > 0 || kept ? 'warn' : 'ok');
    }
    case 'replan':
      return s.phase.kind === 'conflict' ? { ...s, plan: a.plan, phase: { kind: 'checking' } } : s;
  }
}

/** What a delete takes away: every writable field of the copy, as removals. */
export function deletedFields(current: Record<string, unknown>): DiffEntry[] {
  return diffObjects(buildUpdateBody(current as Provider, []), undefined);
}
