/** `providers history` and `providers restore`. */
import type { HistoryEntry } from '../state/local-types.js';
import type { SkippedEntry } from '../store/history-store.js';
import { assertWritable, needArgs, type Ctx } from './command-context.js';
import { CommandError } from './command-errors.js';
import { formatTable } from './output.js';
import { isAbsentBackup } from '../state/write-rules/backup-entry.js';
import { replaceEdits, restorableBody } from '../state/write-rules/provider-write-plan.js';
import { writeProvider } from './providers-save.js';
import { changeCount, commandWriter, runWrite } from './write-command.js';
import type { Provider } from '../api/wire.js';
import { EXIT } from '../state/exit-codes.js';
import { rerunLine } from './rerun.js';

/** The readable entries, newest first; each unreadable one is reported in one line and left on disk. */
async function entries(ctx: Ctx, name: string): Promise<{ list: HistoryEntry[]; skipped: SkippedEntry[] }> {
  const target = await ctx.connect();
  const { entries: list, skipped } = ctx.history().scanHistory(target.connection.gatewayKey, name);
  for (const s of skipped) ctx.note(`warning: skipped a corrupt history entry ${s.file}: ${s.problem}`);
  return { list, skipped };
}

/** Lists the saved versions of a provider, newest first (local; no request). */
export async function runHistory(ctx: Ctx): Promise<number> {
  const [name] = needArgs(ctx, 'history', ['NAME']);
  const { list, skipped } = await entries(ctx, name!);
  if (ctx.json) ctx.outJson({ provider: name, versions: list.map((e) => ({ id: e.id, at: e.at })), ...(skipped.length ? { skipped } : {}) });
  else if (list.length === 0) ctx.out(`no saved versions of ${name} for this gateway\n`);
  else ctx.out(formatTable(['ID', 'SAVED AT', ''], list.map((e) => [e.id, e.at, isAbsentBackup(e.object) ? 'did not exist (before it was created)' : ''])));
  return EXIT.ok;
}

/** Puts a saved version back through the shared write path. */
export async function runRestore(ctx: Ctx): Promise<number> {
  const [name] = needArgs(ctx, 'restore', ['NAME']);
  if (!ctx.flag('dry-run')) await assertWritable(ctx);
  const at = ctx.str('at');
  const target = await ctx.connect();
  const entry = at ? ctx.history().getHistory(target.connection.gatewayKey, name!, at) : (await entries(ctx, name!)).list[0];
  if (!entry) {
    throw new CommandError(at ? `no saved version "${at}" of ${name} (see \`${rerunLine(ctx, ['providers', 'history', name!])}\`)` : `no saved versions of ${name} for this gateway`, EXIT.notFound);
  }
  const current = await (await commandWriter(ctx)).read({ kind: 'provider', name: name! });
  if (current === null) {
    if (isAbsentBackup(entry.object)) {
      if (!ctx.quiet) ctx.out(`no changes: ${name} does not exist, as before ${entry.id}\n`);
      return EXIT.ok;
    }
    // Deleted since (a delete keeps the provider as it was): restoring creates it again with POST, after a
    // backup that says it did not exist. Masked secrets cannot be sent: the pipeline leaves them out and says so.
    return runWrite(ctx, {
      target: { kind: 'provider', name: name! },
      plan: { action: 'create', body: restorableBody(entry.object) },
      current: null,
      extra: { restoredFrom: entry.id },
      question: (review, url) => `${name} is not on ${url}: create it as saved in ${entry.id} (${changeCount(review)})?`,
      done: () => `created ${name} as saved in ${entry.id}`,
      undo: (backup) => `undo: ${rerunLine(ctx, ['providers', 'restore', name!, '--at', backup])}`,
    });
  }
  const fetched = current as Provider;
  if (isAbsentBackup(entry.object)) {
    // Taken before the provider was created: restoring that version deletes it (backed up first, like any write).
    return runWrite(ctx, {
      target: { kind: 'provider', name: name! },
      plan: { action: 'delete', base: fetched },
      current: fetched,
      extra: { restoredFrom: entry.id },
      question: (_r, url) => `${name} did not exist before ${entry.id}: delete it on ${url}?`,
      done: () => `deleted ${name} (it did not exist before ${entry.id})`,
      undo: (backup) => `undo: ${rerunLine(ctx, ['providers', 'restore', name!, '--at', backup])}`,
    });
  }
  // A redacted secret changed since the backup cannot be restored from its mask: the pipeline keeps the current one and says so.
  return writeProvider(ctx, { name: name!, fetched, edits: replaceEdits(fetched, entry.object), extra: { restoredFrom: entry.id } });
}
