/**
 * The one write path of `apply`, `set` and `restore` (DESIGN.md safe-save
 * rules): validate, diff, conflict check, confirm, re-check, back up, PUT the
 * complete body built from the fetched object plus edits.
 */
import { ApiError } from '../api/api-error.js';
import type { Edit } from '../api/update-body.js';
import type { Provider } from '../api/wire.js';
import { CommandError, confirmWrite, type Ctx } from './command-context.js';
import { diffJson, formatDiff, maskedBody, plural } from './output.js';
import { checkEdits } from '../state/provider/check-edits.js';
import { fingerprint } from './providers-document.js';
import { planChanges, staleMasks } from '../state/write-rules/provider-write-plan.js';

export { planChanges } from '../state/write-rules/provider-write-plan.js';
import { EXIT } from '../state/exit-codes.js';
import { rerunLine } from './rerun.js';

/** What to write. */
export interface WritePlan {
  name: string;
  /** The provider as just fetched: the body is built from it. */
  fetched: Provider;
  edits: Edit[];
  /** Why the write would overwrite someone else's change (refused unless --force). */
  conflict?: string;
  /** Extra fields for the JSON result (e.g. `restoredFrom`). */
  extra?: Record<string, unknown>;
}

/** The changes a body makes to the fetched provider. */

/** Prints validation problems; returns true when there were errors. */
export function reportCheck(ctx: Ctx, fetched: Provider, edits: readonly Edit[], asNotes = false): boolean {
  const { errors, warnings } = checkEdits(fetched, edits);
  for (const p of staleMasks(fetched, edits)) {
    errors.push(`${p}: holds a redacted value that is not the gateway's current one; the gateway would store the mask as the secret. Leave the field out to keep the current secret, or give the real value`);
  }
  for (const w of warnings) ctx.note(`note: ${w}`);
  for (const e of errors) {
    if (asNotes) ctx.note(`note: apply would refuse: ${e}`);
    else ctx.error(`invalid: ${e}`);
  }
  return errors.length > 0;
}

/** Runs the write path; returns the exit code. */
export async function writeProvider(ctx: Ctx, plan: WritePlan): Promise<number> {
  const { name, fetched, edits } = plan;
  const dryRun = ctx.flag('dry-run');
  const url = (await ctx.connect()).connection.url;
  const { body, changes } = planChanges(fetched, edits);

  // Re-applying a file whose changes are already in place is a no-op, not a conflict.
  const conflict = changes.length > 0 ? plan.conflict : undefined;
  if (conflict && !ctx.flag('force')) {
    if (!ctx.json && !ctx.quiet) ctx.out(`Changes to ${name} (against the current gateway copy):\n${formatDiff(changes)}`);
    throw new CommandError(`${conflict}: nothing was written; export again and redo your edits, or pass --force to overwrite`, EXIT.conflict);
  }
  if (conflict) ctx.note(`note: ${conflict}; overwriting (--force)`);
  if (reportCheck(ctx, fetched, edits)) return EXIT.validation;

  const result: Record<string, unknown> = { provider: name, gateway: url, ...plan.extra, changes: diffJson(changes) };
  if (changes.length === 0) {
    if (ctx.json) ctx.outJson({ ...result, saved: false });
    else if (!ctx.quiet) ctx.out(`no changes: ${name} already matches\n`);
    return EXIT.ok;
  }
  if (!ctx.json && !ctx.quiet) ctx.out(`Changes to ${name} on ${url}:\n${formatDiff(changes)}`);
  if (dryRun) {
    if (ctx.json) ctx.outJson({ ...result, dryRun: true, saved: false, body: maskedBody(body) });
    else if (!ctx.quiet) ctx.out(`Dry run: nothing written. Body of PUT /api/providers/${name} (secrets masked):\n${JSON.stringify(maskedBody(body), null, 2)}\n`);
    return EXIT.ok;
  }

  const asked = await confirmWrite(ctx, `Save ${plural(changes.length, 'change')} to ${name} on ${url}?`);
  const client = await ctx.gateway();
  // Re-check immediately before the write (time passes at a prompt, and another writer may land
  // even without one): the diff above must still be what gets overwritten.
  await assertUnchanged(ctx, name, fetched, asked ? 'while waiting for confirmation' : 'since it was read');
  const backupId = await backedUpWrite(ctx, name, fetched, () => client.updateProvider(name, body));
  if (ctx.json) ctx.outJson({ ...result, saved: true, backup: backupId });
  else if (!ctx.quiet) ctx.out(`saved ${name}: ${plural(changes.length, 'change')}; previous version kept as ${backupId} (undo: ${rerunLine(ctx, ['providers', 'restore', name, '--at', backupId])})\n`);
  return EXIT.ok;
}

/** Re-reads `name` and refuses (exit 6) when it is no longer the copy that was planned against. */
export async function assertUnchanged(ctx: Ctx, name: string, fetched: Provider, when: string): Promise<void> {
  const fresh = await ctx.fetchProvider(name);
  if (fingerprint(fresh) !== fingerprint(fetched)) {
    throw new CommandError(`${name} changed on the gateway ${when}: nothing was written; run the command again`, EXIT.conflict);
  }
}

/**
 * Keeps the copy about to be overwritten in the history store, then runs `write`; returns the backup's id.
 * History holds what was on the gateway before a write that happened: when the gateway answers and
 * refuses (4xx), nothing was written and the backup is removed. After a timeout, a dropped connection
 * or a 5xx the write may still have landed, so the backup stays.
 */
export async function backedUpWrite(ctx: Ctx, name: string, fetched: Provider, write: () => Promise<unknown>): Promise<string> {
  const target = await ctx.connect();
  const history = ctx.history();
  let backupId: string;
  try {
    backupId = history.appendHistory(target.connection.gatewayKey, name, fetched as Record<string, unknown>).id;
  } catch (err) {
    throw new CommandError(`cannot back up ${name} before saving (${(err as Error).message}): nothing was written`, EXIT.changes);
  }
  try {
    await write();
  } catch (err) {
    if (err instanceof ApiError && err.status !== undefined && err.status >= 400 && err.status < 500) {
      try {
        history.removeHistory(target.connection.gatewayKey, name, backupId);
      } catch {
        // an extra backup is harmless
      }
    }
    throw err;
  }
  return backupId;
}
