/**
 * The one write pipeline (DESIGN.md rule 10): every writer (the provider
 * form, the keys screen, the fleet screen, every subcommand) hands it a plan
 * and gets back what happened. UI-free; effects through the gateway client
 * and the history store given to it.
 *
 *   check(target, plan)   re-read the target (or take a copy read just now), apply the one
 *                         conflict rule, build the review: the exact body (by the dialect),
 *                         the changes, the secrets kept, what the editor's rules refuse
 *   commit(review)        refuse a read-only profile or an invalid body; re-read right before
 *                         writing and stop on any change since the review; back up what is
 *                         there; send exactly the reviewed body; confirm by a fresh read
 *
 * The gateway's version speaks through one `WriteDialect` (state/write-rules/dialect.ts).
 */
import { ApiError, errorMessage } from '../api/api-error.js';
import type { CallOptions, GatewayClient } from '../api/types.js';
import { keyErrorField } from '../state/keys/key-errors.js';
import { keyHistoryName } from '../state/keys/key-view.js';
import { checkPlan } from '../state/write-rules/check.js';
import { changesSince, diffWritable } from '../state/write-rules/conflict.js';
import { confirmNotes } from '../state/write-rules/confirm.js';
import { V1_5_DIALECT, writablePart, type WriteDialect } from '../state/write-rules/dialect.js';
import type { CheckOutcome, Conflict, WriteOutcome } from '../state/write-rules/outcome.js';
import { editsBetween, reapplyEdits } from '../state/write-rules/reapply.js';
import { targetLabel, type WritePlan, type WriteReview, type WriteTarget } from '../state/write-rules/review.js';
import { absentBackup } from '../state/write-rules/backup-entry.js';

type Obj = Record<string, unknown>;

/** Where the copies about to be overwritten go (the local history of one gateway). */
export interface BackupStore {
  /** Keeps `object` under `slot` (a provider name, or a key's slot); returns the entry's id. Throws when it cannot. */
  keep(slot: string, object: Obj): string;
  /** Removes an entry again: the write it was taken for did not happen. */
  drop(slot: string, id: string): void;
}

export interface WriterDeps {
  client: GatewayClient;
  /** Absent: no backups are taken (a writer without a history). */
  backups?: BackupStore;
  /** The gateway version's rules; today's (v1.5+) when absent. */
  dialect?: WriteDialect;
  /** A read-only profile: every commit is refused. */
  readOnly?: boolean;
}

export interface Writer {
  /** The target as the gateway has it now; null when it has none (404). Rejects with ApiError otherwise. */
  read(target: WriteTarget, opts?: CallOptions): Promise<Obj | null>;
  /**
   * Checks `plan` against the gateway's copy: `current` when the caller read it just now, else a fresh read.
   * Never rejects.
   */
  check(target: WriteTarget, plan: WritePlan, opts?: CallOptions & { current?: Obj | null }): Promise<CheckOutcome>;
  /** Writes exactly `review.body`, only while the gateway still holds `review.current`. Never rejects. */
  commit(review: WriteReview, opts?: CallOptions): Promise<WriteOutcome>;
}

/** The history slot of a target (undefined: a key not created yet has none). */
export function backupSlot(target: WriteTarget): string | undefined {
  if (target.kind === 'provider') return target.name;
  return target.id ? keyHistoryName(target.provider, target.id) : undefined;
}

/** A one-line message for a failure, without the error class's prefixes. */
const oneLine = (err: unknown): string => errorMessage(err);

/** True when the gateway answered and wrote nothing (4xx), or the client refused before sending. */
function nothingWritten(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  if (err.kind === 'unsupported' || err.kind === 'invalid') return true;
  return err.status !== undefined && err.status >= 400 && err.status < 500;
}

export function createWriter(deps: WriterDeps): Writer {
  const { client } = deps;
  const dialect = deps.dialect ?? V1_5_DIALECT;

  async function read(target: WriteTarget, opts?: CallOptions): Promise<Obj | null> {
    try {
      if (target.kind === 'provider') return (await client.getProvider(target.name, opts)) as Obj;
      if (!target.id) return null;
      return (await client.getKey(target.provider, target.id, opts)) as Obj;
    } catch (err) {
      if (err instanceof ApiError && err.isNotFound) return null;
      throw err;
    }
  }

  async function check(target: WriteTarget, plan: WritePlan, opts: CallOptions & { current?: Obj | null } = {}): Promise<CheckOutcome> {
    const { current: given, ...call } = opts;
    let current: Obj | null;
    try {
      current = given !== undefined ? given : await read(target, call);
    } catch (err) {
      return { kind: 'refused', why: 'unreadable', target, error: err, message: `could not read ${targetLabel(target)} from the gateway: ${oneLine(err)}` };
    }
    return checkPlan(target, plan, current, dialect);
  }

  /** The conflict of a review with what the gateway holds now (undefined: it still holds the reviewed copy). */
  function recheck(review: WriteReview, now: Obj | null): Conflict | undefined {
    const { target } = review;
    const base = { kind: 'conflict' as const, target, current: now, overlaps: [] as string[] };
    if (review.current === null) return now === null ? undefined : { ...base, reason: 'created', theirs: diffWritable(target.kind, undefined, now, dialect) };
    if (now === null) return { ...base, reason: 'deleted', theirs: [] };
    const theirs = changesSince(target.kind, review.current, now, dialect);
    if (theirs.length === 0) return undefined;
    if (!review.body) return { ...base, reason: 'changed', theirs };
    // What the user confirmed, as a change of the copy they saw, moved onto the newest copy.
    const confirmed = editsBetween(writablePart(target.kind, review.current, dialect), review.body);
    const { edits, overlaps } = reapplyEdits(target.kind, review.current, now, confirmed, dialect);
    return { ...base, reason: 'changed', theirs, overlaps, reapplied: { action: 'update', base: now, edits } };
  }

  async function send(review: WriteReview, opts: CallOptions): Promise<{ response?: Obj; id?: string }> {
    const { target, plan, body } = review;
    if (target.kind === 'provider') {
      if (plan.action === 'delete') {
        await client.deleteProvider(target.name, opts);
        return {};
      }
      const response = plan.action === 'create'
        ? await client.createProvider({ ...body!, provider: target.name }, opts)
        : await client.updateProvider(target.name, body!, opts);
      return { response: response as Obj };
    }
    if (plan.action === 'create') {
      const response = (await client.createKey(target.provider, body!, opts)) as Obj;
      return { response, id: typeof response.id === 'string' ? response.id : undefined };
    }
    if (plan.action === 'delete') {
      const response = (await client.deleteKey(target.provider, target.id!, opts)) as Obj;
      return { response, id: target.id };
    }
    return { response: (await client.updateKey(target.provider, target.id!, body!, opts)) as Obj, id: target.id };
  }

  async function commit(review: WriteReview, opts: CallOptions = {}): Promise<WriteOutcome> {
    const { target } = review;
    const what = targetLabel(target);
    if (deps.readOnly) return { kind: 'refused', why: 'read-only', target, message: `read-only profile: nothing was written to ${what}` };
    if (review.problems.length > 0) return { kind: 'refused', why: 'invalid', target, message: review.problems[0]! };

    // Re-check right before the write, whatever the writer confirmed on (DESIGN.md rule 7).
    let now: Obj | null;
    try {
      now = await read(target, opts);
    } catch (err) {
      return { kind: 'refused', why: 'unreadable', target, error: err, message: `could not re-check the gateway before writing, nothing was written: ${oneLine(err)}` };
    }
    const conflict = recheck(review, now);
    if (conflict) return conflict;

    // Back up what is there (for a create: that nothing was), so the write can be undone.
    const slot = backupSlot(target);
    let backup: string | undefined;
    if (deps.backups && slot !== undefined) {
      try {
        backup = deps.backups.keep(slot, review.current ?? absentBackup(target));
      } catch (err) {
        return { kind: 'refused', why: 'backup', target, error: err, message: `could not back up ${what} before writing (${oneLine(err)}): nothing was written` };
      }
    }

    let sent: { response?: Obj; id?: string };
    try {
      sent = await send(review, opts);
    } catch (err) {
      if (!nothingWritten(err)) return { kind: 'may-have-landed', target, message: oneLine(err), error: err, ...(backup ? { backup } : {}) };
      // The gateway answered and refused (or the client refused before sending): nothing to keep a backup of.
      if (backup && slot !== undefined) {
        try {
          deps.backups?.drop(slot, backup);
        } catch {
          // An extra backup is harmless.
        }
      }
      if (review.plan.action === 'create' && err instanceof ApiError && err.status === 409 && target.kind === 'provider') {
        // Created by someone else between the re-check and the POST: theirs stays.
        const current = await read(target, opts).catch(() => null);
        return { kind: 'conflict', reason: 'created', target, current, theirs: current ? diffWritable('provider', undefined, current, dialect) : [], overlaps: [] };
      }
      const msg = oneLine(err).replace(/^\d{3}( [A-Za-z ]+)?:\s*/, '');
      const field = target.kind === 'key' && err instanceof ApiError && (err.status === 400 || err.status === 409) ? keyErrorField(msg) : undefined;
      return { kind: 'refused', why: 'gateway', target, error: err, message: oneLine(err), ...(field ? { field } : {}) };
    }

    // Confirm by a fresh read: a PUT answers "active" whatever the truth (CONTRACT §4.3), and key reads may lag (upstream #5958).
    const id = sent.id;
    const confirmTarget: WriteTarget = target.kind === 'key' && id ? { ...target, id } : target;
    let confirmed: Obj | null | undefined;
    let notes: string[];
    try {
      confirmed = await read(confirmTarget, opts);
      if (review.plan.action === 'delete') notes = confirmed === null ? [] : [`a fresh read still shows ${what} after the delete (the gateway may answer from a stale cache)`];
      else if (confirmed === null) notes = [`a fresh read does not find ${what} after the write`];
      else notes = confirmNotes(target.kind, review.body!, sent.response, confirmed);
    } catch (err) {
      confirmed = undefined;
      notes = [`written, but a fresh read to confirm it failed: ${oneLine(err)}`];
    }
    return {
      kind: 'written', review, notes,
      ...(sent.response ? { response: sent.response } : {}),
      ...(confirmed !== undefined ? { confirmed } : {}),
      ...(backup ? { backup } : {}),
      ...(id ? { id } : {}),
    };
  }

  return { read, check, commit };
}

/** A history store of one gateway as the pipeline's backup store. */
export function historyBackups(history: { append(gatewayKey: string, slot: string, object: Obj): string; remove(gatewayKey: string, slot: string, id: string): void }, gatewayKey: string): BackupStore {
  return {
    keep: (slot, object) => history.append(gatewayKey, slot, object),
    drop: (slot, id) => history.remove(gatewayKey, slot, id),
  };
}
