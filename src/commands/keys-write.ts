/**
 * The one write path of the `keys` subcommands (DESIGN.md safe-save rules,
 * CONTRACT.md §4.6): check, per-field diff, dry run, confirm, re-read, back
 * up the key, write, then confirm the write from the response AND a fresh GET
 * of that key, saying when they disagree (stale cache, upstream #5958).
 */
import { ApiError } from '../api/api-error.js';
import { buildKeyBody } from '../api/key-body.js';
import type { Edit } from '../api/update-body.js';
import type { Key } from '../api/wire.js';
import type { DiffEntry } from '../state/provider/diff.js';
import { diffKeys, formatKeyDiffEntry, formatKeyValue, maskKey } from '../state/keys/key-diff.js';
import { keyFingerprint, keyShapeProblems, writeDisagreements } from '../state/keys/key-checks.js';
import { keyErrorField } from '../state/keys/key-errors.js';
import { findKeyField } from '../state/keys/key-fields.js';
import { CommandError, confirmWrite, type Ctx } from './command-context.js';
import { fetchKey, keyHistoryName } from './keys-lookup.js';
import { plural } from './output.js';
import { staleMasks } from './providers-merge.js';
import { EXIT } from '../state/exit-codes.js';
import { rerunLine } from './rerun.js';

/** Review lines of a key diff. */
function formatDiff(changes: readonly DiffEntry[]): string {
  return changes.map((e) => `  ${formatKeyDiffEntry(e)}\n`).join('');
}

/** Diff entries for JSON output, secrets shown only by their source. */
function diffJson(changes: readonly DiffEntry[]): unknown[] {
  return changes.map((e) => ({ path: e.path, kind: e.kind, ...(e.before !== undefined ? { before: formatKeyValue(e.segments, e.before) } : {}), ...(e.after !== undefined ? { after: formatKeyValue(e.segments, e.after) } : {}) }));
}

/** What to write: an update of a fetched key, a new key, or a deletion. */
export type KeyWritePlan =
  | { kind: 'update'; provider: string; fetched: Key; edits: Edit[]; extra?: Record<string, unknown> }
  | { kind: 'create'; provider: string; body: Record<string, unknown> }
  | { kind: 'delete'; provider: string; fetched: Key };

/** Problems the gateway would refuse (400) or that would store a mask as the secret; checked before sending. */
export function keyBodyProblems(body: Record<string, unknown>, fetched?: Key, edits: readonly Edit[] = []): string[] {
  const out = keyShapeProblems(body);
  if (fetched) {
    // Only credentials can be masks: a models list of ["*"] is the wildcard, not a redacted value.
    for (const p of staleMasks(fetched, edits).filter((path) => findKeyField(path.split('.').slice(0, 2).join('.'))?.secret || findKeyField(path.split('.')[0]!)?.secret)) {
      out.push(`${p}: holds a redacted value that is not the gateway's current one; it would be stored as the credential. Give the real value (keys rotate) or leave it out`);
    }
  }
  return out;
}

/** A gateway refusal of a key write, as one line at the field concerned. */
function refusal(err: unknown): never {
  if (err instanceof ApiError && (err.status === 400 || err.status === 409)) {
    const msg = err.message.replace(/^\d{3}( [A-Za-z ]+)?:\s*/, '');
    const field = keyErrorField(msg);
    throw new CommandError(`the gateway refused the key: ${field ? `${field}: ` : ''}${msg}`, EXIT.validation);
  }
  throw err;
}

function describe(plan: KeyWritePlan): string {
  const name = plan.kind === 'create' ? String(plan.body.name ?? '(unnamed)') : (plan.fetched.name ?? plan.fetched.id ?? '?');
  return `key "${name}" of ${plan.provider}`;
}

function requestLine(plan: KeyWritePlan): string {
  const base = `/api/providers/${plan.provider}/keys`;
  if (plan.kind === 'create') return `POST ${base}`;
  return `${plan.kind === 'delete' ? 'DELETE' : 'PUT'} ${base}/${plan.fetched.id}`;
}

/** After a write: the response and a GET of the key must agree, and the GET must show the change. */
async function confirmFromGateway(ctx: Ctx, plan: KeyWritePlan, id: string, response: Key | undefined, body: Record<string, unknown>): Promise<string[]> {
  const notes: string[] = [];
  const client = await ctx.gateway();
  if (plan.kind === 'delete') {
    try {
      await client.getKey(plan.provider, id);
      notes.push(`a fresh read still shows ${describe(plan)} after the delete (the gateway may answer from a stale cache, upstream #5958); check again with \`${rerunLine(ctx, ['keys', 'get', plan.provider, id])}\``);
    } catch (err) {
      if (!(err instanceof ApiError && err.isNotFound)) throw err;
    }
    return notes;
  }
  const fresh = await fetchKey(ctx, plan.provider, id);
  return writeDisagreements(body, response, fresh).map((n) => `${n}; check again with \`${rerunLine(ctx, ['keys', 'get', plan.provider, id])}\``);
}

/** Runs the write path; returns the exit code. */
export async function writeKey(ctx: Ctx, plan: KeyWritePlan): Promise<number> {
  const url = (await ctx.connect()).connection.url;
  // A new key is compared with nothing (not `{}`), so its fields are listed one by one.
  const before = plan.kind === 'create' ? undefined : buildKeyBody(plan.fetched);
  const body = plan.kind === 'create' ? plan.body : plan.kind === 'update' ? buildKeyBody(plan.fetched, plan.edits) : {};
  const changes = plan.kind === 'delete' ? [] : diffKeys(before, body);
  const what = describe(plan);

  if (plan.kind !== 'delete') {
    const problems = keyBodyProblems(body, plan.kind === 'update' ? plan.fetched : undefined, plan.kind === 'update' ? plan.edits : []);
    for (const p of problems) ctx.error(`invalid: ${p}`);
    if (problems.length > 0) return EXIT.validation;
  }
  const result: Record<string, unknown> = { provider: plan.provider, key: plan.kind === 'create' ? body.name : plan.fetched.id, gateway: url, action: plan.kind, ...(plan.kind === 'update' ? plan.extra : {}), changes: diffJson(changes) };
  if (plan.kind === 'update' && changes.length === 0) {
    if (ctx.json) ctx.outJson({ ...result, saved: false });
    else if (!ctx.quiet) ctx.out(`no changes: ${what} already matches\n`);
    return EXIT.ok;
  }
  if (!ctx.json && !ctx.quiet) {
    ctx.out(plan.kind === 'delete' ? `Delete ${what} (${plan.fetched.id}) on ${url}\n` : `Changes to ${what} on ${url}:\n${formatDiff(changes)}`);
  }
  if (ctx.flag('dry-run')) {
    const shown = plan.kind === 'delete' ? undefined : maskKey(body);
    if (ctx.json) ctx.outJson({ ...result, dryRun: true, saved: false, ...(shown ? { body: shown } : {}) });
    else if (!ctx.quiet) ctx.out(`Dry run: nothing written. ${requestLine(plan)}${shown ? ` body (secrets masked):\n${JSON.stringify(shown, null, 2)}` : ''}\n`);
    return EXIT.ok;
  }

  const question = plan.kind === 'delete' ? `Delete ${what} on ${url}?` : plan.kind === 'create' ? `Add ${what} on ${url}?` : `Save ${plural(changes.length, 'change')} to ${what} on ${url}?`;
  const asked = await confirmWrite(ctx, question);
  const client = await ctx.gateway();
  let backupId: string | undefined;
  if (plan.kind !== 'create') {
    if (asked) {
      // Time passed at the prompt: re-read, the diff above must still be what gets overwritten.
      const fresh = await fetchKey(ctx, plan.provider, plan.fetched.id!, plan.fetched.name);
      if (keyFingerprint(fresh) !== keyFingerprint(plan.fetched)) {
        const moved = diffKeys(buildKeyBody(plan.fetched), buildKeyBody(fresh));
        if (!ctx.json && !ctx.quiet) ctx.out(`Changed on the gateway meanwhile:\n${formatDiff(moved)}`);
        throw new CommandError(`${what} changed on the gateway while waiting for confirmation: nothing was written; run the command again`, EXIT.conflict);
      }
    }
    const target = await ctx.connect();
    try {
      backupId = ctx.history().appendHistory(target.connection.gatewayKey, keyHistoryName(plan.provider, plan.fetched.id!), plan.fetched as Record<string, unknown>).id;
    } catch (err) {
      throw new CommandError(`cannot back up ${what} before writing (${(err as Error).message}): nothing was written`, EXIT.changes);
    }
  }

  let response: Key | undefined;
  let id: string;
  try {
    if (plan.kind === 'create') {
      response = await client.createKey(plan.provider, body);
      id = response.id ?? '';
    } else if (plan.kind === 'update') {
      id = plan.fetched.id!;
      response = await client.updateKey(plan.provider, id, body);
    } else {
      id = plan.fetched.id!;
      await client.deleteKey(plan.provider, id);
    }
  } catch (err) {
    refusal(err);
  }
  const notes = id ? await confirmFromGateway(ctx, plan, id, response, body) : [`the gateway answered without a key id: check with \`${rerunLine(ctx, ['keys', 'list', plan.provider])}\``];
  for (const n of notes) ctx.note(`note: ${n}`);
  // A deleted key cannot come back from its backup (`keys restore` writes an existing key, and the
  // backup holds only the value's mask), so only an update gets an undo command.
  const undo = plan.kind === 'delete' ? ' (its value is masked there: to undo, add the key again with keys add)'
    : backupId && id ? ` (undo: ${rerunLine(ctx, ['keys', 'restore', plan.provider, id, '--at', backupId])})` : '';
  if (ctx.json) ctx.outJson({ ...result, key: id, saved: true, ...(backupId ? { backup: backupId } : {}), confirmed: notes.length === 0, notes });
  else if (!ctx.quiet) {
    const done = plan.kind === 'delete' ? `deleted ${what}` : plan.kind === 'create' ? `added ${what} (id ${id})` : `saved ${what}: ${plural(changes.length, 'change')}`;
    ctx.out(`${done}${backupId ? `; previous version kept as ${backupId}${undo}` : ''}\n`);
  }
  return EXIT.ok;
}
