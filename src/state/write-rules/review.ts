/**
 * What a write will do, pure: from the writer's plan and the gateway's
 * current copy, the exact body to send (built by the dialect), the changes
 * it makes on that copy, the secrets kept because the plan held a mask that
 * is not the gateway's current one (the one stale-mask policy: keep the
 * gateway's secret and say so), and what the editor's rules refuse. Every
 * writer reviews with this and commits exactly this review.
 */
import type { Edit } from '../../api/update-body.js';
import type { Provider } from '../../api/wire.js';
import { keyShapeProblems } from '../keys/key-checks.js';
import { checkEdits } from '../provider/check-edits.js';
import type { DiffEntry } from '../provider/diff.js';
import { diffWritable } from './conflict.js';
import { V1_5_DIALECT, type TargetKind, type WriteDialect } from './dialect.js';
import { creationBase, replaceEdits } from './provider-write-plan.js';
import { keepCurrentSecrets } from './stale-masks.js';

type Obj = Record<string, unknown>;

/** What is written: a provider, or a key of a provider (`id` absent: a key not created yet). */
export type WriteTarget =
  | { kind: 'provider'; name: string }
  | { kind: 'key'; provider: string; id?: string; name?: string };

/** What a writer wants: edits of the copy it read (`base`), a new object, or a deletion. */
export type WritePlan =
  | { action: 'update'; base: Obj; edits: readonly Edit[] }
  | { action: 'create'; body: Obj }
  | { action: 'delete'; base: Obj };

/** A plan checked against the gateway's current copy: exactly what a commit sends, and why. */
export interface WriteReview {
  target: WriteTarget;
  plan: WritePlan;
  /** The gateway's copy the review was built on; the commit writes only while the gateway still holds it (null: absent). */
  current: Obj | null;
  /** The exact body sent (update, create). */
  body?: Obj;
  /** What the write changes on `current`, field by field. */
  changes: DiffEntry[];
  /** Secret paths where the plan held a mask that is not the gateway's current one: its current secret is sent (or, with none, nothing). */
  kept: string[];
  /** What the editor's rules refuse: a commit of this review is refused. */
  problems: string[];
  /** Worth saying, not refusing (e.g. a value already on the gateway outside the editor's ranges). */
  warnings: string[];
}

/** A short name for messages: `openai`, `key "prod" of openai`. */
export function targetLabel(t: WriteTarget): string {
  return t.kind === 'provider' ? t.name : `key "${t.name ?? t.id ?? '(new)'}" of ${t.provider}`;
}

/** The kind of object a target is. */
export const targetKind = (t: WriteTarget): TargetKind => t.kind;

function validate(target: WriteTarget, plan: WritePlan, body: Obj | undefined): { problems: string[]; warnings: string[] } {
  if (plan.action === 'delete' || !body) return { problems: [], warnings: [] };
  if (target.kind === 'key') return { problems: keyShapeProblems(body), warnings: [] };
  const base = plan.action === 'update' ? (plan.base as Provider) : creationBase(target.name, body);
  const edits = plan.action === 'update' ? plan.edits : replaceEdits(base, body);
  const { errors, warnings } = checkEdits(base, edits);
  return { problems: errors, warnings };
}

/** The review of `plan` against `current` (the gateway's copy now; null: it has none). */
export function reviewWrite(target: WriteTarget, plan: WritePlan, current: Obj | null, dialect: WriteDialect = V1_5_DIALECT): WriteReview {
  const kind = targetKind(target);
  if (plan.action === 'delete') return { target, plan, current, changes: [], kept: [], problems: [], warnings: [] };
  let planned: Obj;
  try {
    planned = plan.action === 'update' ? dialect.writeBody(kind, plan.base, plan.edits) : dialect.writeBody(kind, plan.body, []);
  } catch (err) {
    // The dialect refuses (this gateway's version cannot take the write): its reason, and nothing to send.
    return { target, plan, current, changes: [], kept: [], problems: [err instanceof Error ? err.message : String(err)], warnings: [] };
  }
  // A mask is sent only where it is the gateway's current one: anything else would be stored as the secret.
  const { body, kept } = keepCurrentSecrets(current ?? {}, planned);
  const before = current === null ? undefined : dialect.writeBody(kind, current, []);
  const changes = diffWritable(kind, before, body, dialect);
  return { target, plan, current, body, changes, kept, ...validate(target, plan, body) };
}

/** One line saying which secrets were kept, for the review and the command's output (undefined: none). */
export function keptNote(review: Pick<WriteReview, 'kept' | 'current'>): string | undefined {
  if (review.kept.length === 0) return undefined;
  return review.current === null
    ? `left out ${review.kept.join(', ')}: a masked value cannot be sent (set the real value on the gateway)`
    : `kept the gateway's current secret at ${review.kept.join(', ')}: a masked value that is not its current one cannot be sent`;
}
