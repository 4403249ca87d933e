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
import type { KeyListChange } from '../../api/versions/dialect.js';
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
  /** The id of the dialect (gateway version) the body was built in: a commit to a gateway of another version is refused. */
  dialect: string;
  /** The gateway's copy the review was built on; the commit writes only while the gateway still holds it (null: absent). */
  current: Obj | null;
  /** The exact body sent (update, create); a key's as it goes into its provider on v1.4. */
  body?: Obj;
  /**
   * v1.4 key writes: the provider as read (`carrier`) and the provider PUT that carries the key write
   * (`wire`). The commit builds it again from its re-read of the provider, so another writer's keys and
   * settings are never reverted.
   */
  carried?: { carrier: Obj; wire: Obj };
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

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The key list change a key write makes inside its provider (v1.4). */
export function keyListChange(target: WriteTarget, plan: WritePlan, body: Obj | undefined): KeyListChange {
  const id = target.kind === 'key' ? (target.id ?? '') : '';
  if (plan.action === 'delete') return { kind: 'delete', id };
  if (plan.action === 'create') return { kind: 'add', key: body ?? {} };
  return { kind: 'replace', id, key: body ?? {} };
}

/**
 * The review of `plan` against `current` (the gateway's copy now; null: it has none), in `dialect`.
 * `carrier`: for a key write on a gateway that keeps keys inside their provider (v1.4), that provider as read.
 */
export function reviewWrite(target: WriteTarget, plan: WritePlan, current: Obj | null, dialect: WriteDialect = V1_5_DIALECT, carrier?: Obj): WriteReview {
  const kind = targetKind(target);
  const base = { target, plan, current, dialect: dialect.id };
  const carry = (body: Obj | undefined): WriteReview['carried'] => {
    if (kind !== 'key' || !dialect.keysInProvider || !carrier || target.kind !== 'key') return undefined;
    return { carrier, wire: dialect.carrierBody(target.provider, carrier, keyListChange(target, plan, body)) };
  };
  if (plan.action === 'delete') {
    try {
      const carried = carry(undefined);
      return { ...base, changes: [], kept: [], problems: [], warnings: [], ...(carried ? { carried } : {}) };
    } catch (err) {
      return { ...base, changes: [], kept: [], problems: [message(err)], warnings: [] };
    }
  }
  let planned: Obj;
  try {
    planned = plan.action === 'update'
      ? dialect.writeBody(kind, plan.base, plan.edits, { action: 'update', current })
      : dialect.writeBody(kind, plan.body, [], { action: 'create', current });
  } catch (err) {
    // The dialect refuses (this gateway's version cannot take the write): its reason, and nothing to send.
    return { ...base, changes: [], kept: [], problems: [message(err)], warnings: [] };
  }
  // A mask is sent only where it is the gateway's current one: anything else would be stored as the secret.
  const { body, kept } = keepCurrentSecrets(current ?? {}, planned);
  const before = current === null ? undefined : dialect.writeBody(kind, current, [], { action: 'update', current });
  const changes = diffWritable(kind, before, body, dialect);
  const checked = validate(target, plan, body);
  const warnings = [...dialect.warnings(kind, before, body, plan.action === 'create' ? plan.body : undefined), ...checked.warnings];
  let carried: WriteReview['carried'];
  try {
    carried = carry(body);
  } catch (err) {
    return { ...base, body, changes, kept, problems: [message(err), ...checked.problems], warnings };
  }
  return { ...base, body, changes, kept, problems: checked.problems, warnings, ...(carried ? { carried } : {}) };
}

/** One line saying which secrets were kept, for the review and the command's output (undefined: none). */
export function keptNote(review: Pick<WriteReview, 'kept' | 'current'>): string | undefined {
  if (review.kept.length === 0) return undefined;
  return review.current === null
    ? `left out ${review.kept.join(', ')}: a masked value cannot be sent (set the real value on the gateway)`
    : `kept the gateway's current secret at ${review.kept.join(', ')}: a masked value that is not its current one cannot be sent`;
}
