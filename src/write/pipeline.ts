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
 * The gateway's version speaks through one `WriteDialect` (state/write-rules/dialect.ts),
 * found before the first write (write/gateway-dialect.ts); a review built in
 * another version's dialect is never committed. On v1.4 a key write rides in
 * a provider PUT that carries every key as the re-read right before it shows them.
 */
import { ApiError, errorMessage } from '../api/api-error.js';
import type { CallOptions, GatewayClient } from '../api/types.js';
import { keyErrorField } from '../state/keys/key-errors.js';
import { keyHistoryName } from '../state/keys/key-view.js';
import { checkPlan } from '../state/write-rules/check.js';
import { changesSince, diffWritable } from '../state/write-rules/conflict.js';
import { confirmNotes } from '../state/write-rules/confirm.js';
import { writablePart, type WriteDialect } from '../state/write-rules/dialect.js';
import type { CheckOutcome, Conflict, WriteOutcome } from '../state/write-rules/outcome.js';
import { editsBetween, reapplyEdits } from '../state/write-rules/reapply.js';
import { keyListChange, targetLabel, type WritePlan, type WriteReview, type WriteTarget } from '../state/write-rules/review.js';
import { absentBackup } from '../state/write-rules/backup-entry.js';
import { gatewayDialect } from './gateway-dialect.js';

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
  /** The gateway version's rules; absent: found from the gateway before its first write (`gatewayDialect`). */
  dialect?: WriteDialect;
  /** A read-only profile: every commit is refused. */
  readOnly?: boolean;
}

export interface Writer {
  /** The dialect of the gateway's version: the one given, else asked of the gateway once per client. Rejects with ApiError. */
  dialect(opts?: CallOptions): Promise<WriteDialect>;
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

/**
 * A duplicate key name: a 409 from v1.6 on, a 500 from the store's unique index on v1.4 and v1.5
 * (VERSIONS.md §5.2, §6). Either way nothing was written, and it is about the key's name.
 */
function duplicateKeyName(dialect: WriteDialect, err: unknown): boolean {
  if (!(err instanceof ApiError) || err.status !== dialect.rules.duplicateKeyNameStatus) return false;
  // v1.4 and v1.5 answer the store's unique-index error (`a record with this name already exists`), from v1.6 a 409 that says so.
  return /a record with this name already exists|names must be unique/i.test(err.message);
}

type Obj2 = Obj | null;

/** A key inside its provider's `keys` (v1.4), or null. */
function keyIn(provider: Obj2, id: string | undefined): Obj2 {
  if (!provider || !id || !Array.isArray(provider.keys)) return null;
  const key = provider.keys.find((k): k is Obj => typeof k === 'object' && k !== null && (k as Obj).id === id);
  return key ?? null;
}

/** The key a provider PUT created (v1.4): an id the provider did not have before, the one named `name` first. */
function createdKey(before: Obj2, after: Obj2, name: unknown): Obj2 {
  const had = new Set((Array.isArray(before?.keys) ? before.keys : []).map((k) => (k as Obj | null)?.id));
  const added = (Array.isArray(after?.keys) ? after.keys : []).filter((k): k is Obj => typeof k === 'object' && k !== null && !had.has((k as Obj).id));
  return added.find((k) => k.name === name) ?? added[0] ?? null;
}

export function createWriter(deps: WriterDeps): Writer {
  const { client } = deps;
  const dialectOf = (opts?: CallOptions): Promise<WriteDialect> => (deps.dialect ? Promise.resolve(deps.dialect) : gatewayDialect(client, opts));
  /** A key write that rides in a provider PUT (v1.4). */
  const carried = (dialect: WriteDialect, target: WriteTarget): boolean => target.kind === 'key' && dialect.keysInProvider;

  const orNull = async (read: Promise<unknown>): Promise<Obj2> => {
    try {
      return (await read) as Obj;
    } catch (err) {
      if (err instanceof ApiError && err.isNotFound) return null;
      throw err;
    }
  };

  /** The target now, and on v1.4 for a key the provider that carries it. */
  async function readIn(dialect: WriteDialect, target: WriteTarget, opts?: CallOptions): Promise<{ current: Obj2; carrier?: Obj2 }> {
    if (target.kind === 'provider') return { current: await orNull(client.getProvider(target.name, opts)) };
    if (dialect.keysInProvider) {
      const carrier = await orNull(client.getProvider(target.provider, opts));
      return { current: keyIn(carrier, target.id), carrier };
    }
    if (!target.id) return { current: null };
    return { current: await orNull(client.getKey(target.provider, target.id, opts)) };
  }

  async function read(target: WriteTarget, opts?: CallOptions): Promise<Obj | null> {
    // A provider reads the same on every line; where a key lives depends on it.
    if (target.kind === 'provider') return orNull(client.getProvider(target.name, opts));
    return (await readIn(await dialectOf(opts), target, opts)).current;
  }

  async function check(target: WriteTarget, plan: WritePlan, opts: CallOptions & { current?: Obj | null } = {}): Promise<CheckOutcome> {
    const { current: given, ...call } = opts;
    let dialect: WriteDialect;
    let current: Obj2;
    let carrier: Obj2 | undefined;
    try {
      dialect = await dialectOf(call);
    } catch (err) {
      return { kind: 'refused', why: 'unreadable', target, error: err, message: `could not tell which Bifrost version the gateway runs, nothing was written: ${oneLine(err)}` };
    }
    try {
      if (target.kind === 'key' && dialect.keysInProvider) {
        // The provider is read in any case: the key write rides in its PUT.
        ({ carrier } = await readIn(dialect, target, call));
        current = given !== undefined ? given : keyIn(carrier ?? null, target.id);
      } else current = given !== undefined ? given : (await readIn(dialect, target, call)).current;
    } catch (err) {
      return { kind: 'refused', why: 'unreadable', target, error: err, message: `could not read ${targetLabel(target)} from the gateway: ${oneLine(err)}` };
    }
    return checkPlan(target, plan, current, dialect, carrier ?? undefined);
  }

  /** The conflict of a review with what the gateway holds now (undefined: it still holds the reviewed copy). */
  function recheck(dialect: WriteDialect, review: WriteReview, now: Obj | null): Conflict | undefined {
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

  /** Sends the reviewed write; `carrier`: the provider re-read just now, when the key write rides in its PUT (v1.4). */
  async function send(dialect: WriteDialect, review: WriteReview, carrier: Obj2 | undefined, opts: CallOptions): Promise<{ response?: Obj; id?: string }> {
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
    if (carrier) {
      // v1.4: one provider PUT with every key as the gateway has them now and this one change (another writer's keys and settings stay).
      const wire = dialect.carrierBody(target.provider, carrier, keyListChange(target, plan, body));
      const provider = (await client.updateProvider(target.provider, wire, opts)) as Obj;
      const key = plan.action === 'create' ? createdKey(carrier, provider, body?.name) : keyIn(provider, target.id);
      const id = typeof key?.id === 'string' ? key.id : target.id;
      return { ...(key && plan.action !== 'delete' ? { response: key } : {}), ...(id ? { id } : {}) };
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
    let dialect: WriteDialect;
    try {
      dialect = await dialectOf(opts);
    } catch (err) {
      return { kind: 'refused', why: 'unreadable', target, error: err, message: `could not tell which Bifrost version the gateway runs, nothing was written: ${oneLine(err)}` };
    }
    // A body in another version's dialect could delete keys (v1.4) or store a secret's JSON text: never sent.
    if (review.dialect !== dialect.id) {
      return { kind: 'refused', why: 'invalid', target, message: `${what} was reviewed for another Bifrost version than the gateway's (${dialect.name}): nothing was written; review it again` };
    }

    // Re-check right before the write, whatever the writer confirmed on (DESIGN.md rule 7).
    let now: { current: Obj2; carrier?: Obj2 };
    try {
      now = await readIn(dialect, target, opts);
    } catch (err) {
      return { kind: 'refused', why: 'unreadable', target, error: err, message: `could not re-check the gateway before writing, nothing was written: ${oneLine(err)}` };
    }
    const conflict = recheck(dialect, review, now.current);
    if (conflict) return conflict;
    if (target.kind === 'key' && dialect.keysInProvider && !now.carrier) {
      return { kind: 'conflict', reason: 'deleted', target: { kind: 'provider', name: target.provider }, current: null, theirs: [], overlaps: [] };
    }

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
    const dropBackup = (): void => {
      if (!backup || slot === undefined) return;
      try {
        deps.backups?.drop(slot, backup);
      } catch {
        // An extra backup is harmless.
      }
    };

    let sent: { response?: Obj; id?: string };
    try {
      sent = await send(dialect, review, carried(dialect, target) ? now.carrier : undefined, opts);
    } catch (err) {
      if (!(err instanceof ApiError)) {
        // The dialect refused the carrying body (nothing was sent).
        dropBackup();
        return { kind: 'refused', why: 'invalid', target, message: oneLine(err) };
      }
      const duplicate = target.kind === 'key' && duplicateKeyName(dialect, err);
      if (!nothingWritten(err) && !duplicate) return { kind: 'may-have-landed', target, message: oneLine(err), error: err, ...(backup ? { backup } : {}) };
      // The gateway answered and refused (or the client refused before sending): nothing to keep a backup of.
      dropBackup();
      if (review.plan.action === 'create' && err.status === 409 && target.kind === 'provider') {
        // Created by someone else between the re-check and the POST: theirs stays.
        const current = await read(target, opts).catch(() => null);
        return { kind: 'conflict', reason: 'created', target, current, theirs: current ? diffWritable('provider', undefined, current, dialect) : [], overlaps: [] };
      }
      const msg = oneLine(err).replace(/^\d{3}( [A-Za-z ]+)?:\s*/, '');
      const field = duplicate ? 'name' : target.kind === 'key' && (err.status === 400 || err.status === 409) ? keyErrorField(msg) : undefined;
      return { kind: 'refused', why: 'gateway', target, error: err, message: oneLine(err), ...(field ? { field } : {}) };
    }

    // Confirm by a fresh read: a PUT answers "active" whatever the truth (CONTRACT §4.3), and key reads may lag (upstream #5958).
    const id = sent.id;
    const confirmTarget: WriteTarget = target.kind === 'key' && id ? { ...target, id } : target;
    let confirmed: Obj | null | undefined;
    let notes: string[];
    try {
      confirmed = (await readIn(dialect, confirmTarget, opts)).current;
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

  return { dialect: dialectOf, read, check, commit };
}

/** A history store of one gateway as the pipeline's backup store. */
export function historyBackups(history: { append(gatewayKey: string, slot: string, object: Obj): string; remove(gatewayKey: string, slot: string, id: string): void }, gatewayKey: string): BackupStore {
  return {
    keep: (slot, object) => history.append(gatewayKey, slot, object),
    drop: (slot, id) => history.remove(gatewayKey, slot, id),
  };
}
