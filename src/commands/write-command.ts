/**
 * The command side of a write: every writing subcommand (`providers
 * set|apply|restore`, `apply -f DIR`, `fleet push`, `keys …`) hands its plan
 * to the write pipeline (src/write) and only presents what it does: the
 * review (diff, kept secrets, notes), `--dry-run`, the confirmation, and the
 * outcome as one line and an exit code. No command checks, backs up or
 * writes on its own.
 */
import { ApiError } from '../api/api-error.js';
import type { DiffEntry } from '../state/provider/diff.js';
import { formatKeyDiffEntry, formatKeyValue, maskKey } from '../state/keys/key-diff.js';
import { outcomeMessage, type CheckOutcome, type WriteOutcome } from '../state/write-rules/outcome.js';
import { keptNote, targetLabel, type WritePlan, type WriteReview, type WriteTarget } from '../state/write-rules/review.js';
import { EXIT } from '../state/exit-codes.js';
import { createWriter, historyBackups, type Writer } from '../write/pipeline.js';
import { confirmWrite, type Ctx } from './command-context.js';
import { CommandError, exitFor } from './command-errors.js';
import { diffJson, formatDiff, maskedBody, plural } from './output.js';
import { rerunLine } from './rerun.js';
import type { VersionRules } from '../api/versions/version-rules.js';

type Obj = Record<string, unknown>;

/** The pipeline for this command's gateway: its client, its history, its profile's read-only flag. */
export async function commandWriter(ctx: Ctx): Promise<Writer> {
  const target = await ctx.connect();
  const client = await ctx.gateway();
  const history = ctx.history();
  const backups = historyBackups(
    { append: (g, slot, o) => history.appendHistory(g, slot, o).id, remove: (g, slot, id) => void history.removeHistory(g, slot, id) },
    target.connection.gatewayKey,
  );
  return createWriter({ client, backups, readOnly: target.connection.readOnly });
}

/** Review lines of a target's changes (a key's secrets by their source only, its model lists in the gateway line's meaning). */
export function formatChanges(target: WriteTarget, changes: readonly DiffEntry[], rules?: VersionRules): string {
  return target.kind === 'key' ? changes.map((e) => `  ${formatKeyDiffEntry(e, rules)}\n`).join('') : formatDiff(changes);
}

/** The changes for JSON output, values masked. */
export function changesJson(target: WriteTarget, changes: readonly DiffEntry[], rules?: VersionRules): unknown[] {
  if (target.kind === 'provider') return diffJson(changes);
  return changes.map((e) => ({
    path: e.path, kind: e.kind,
    ...(e.before !== undefined ? { before: formatKeyValue(e.segments, e.before, rules) } : {}),
    ...(e.after !== undefined ? { after: formatKeyValue(e.segments, e.after, rules) } : {}),
  }));
}

/** The request a review sends, for dry runs: `PUT /api/providers/openai`. */
function requestLine(review: WriteReview): string {
  const { target, plan } = review;
  // v1.4: a key write is a PUT of its provider with every key.
  if (target.kind === 'key' && review.carried) return `PUT /api/providers/${target.provider} (Bifrost v1.4 keeps keys inside their provider: every key is sent)`;
  const method = plan.action === 'create' ? 'POST' : plan.action === 'delete' ? 'DELETE' : 'PUT';
  if (target.kind === 'provider') return `${method} /api/providers${plan.action === 'create' ? '' : `/${target.name}`}`;
  return `${method} /api/providers/${target.provider}/keys${plan.action === 'create' ? '' : `/${target.id}`}`;
}

/** A v1.4 provider body with its keys, for display: the provider's secrets masked, each key as a key. */
function maskedCarrier(wire: Obj): unknown {
  const { keys, ...rest } = wire;
  const masked = maskedBody(rest) as Obj;
  return { ...masked, keys: Array.isArray(keys) ? keys.map((k) => (k && typeof k === 'object' ? maskKey(k as Obj) : k)) : keys };
}

/** The exit code and one line of anything but a write that happened (the line is the pipeline's, outcomeMessage). */
export function outcomeError(o: Exclude<WriteOutcome | CheckOutcome, { kind: 'written' | 'review' | 'unchanged' }>, when: string): CommandError {
  const message = outcomeMessage(o, when).replace(/; run it again$/, '; run the command again');
  if (o.kind === 'conflict') return new CommandError(message, EXIT.conflict);
  if (o.kind === 'may-have-landed') return new CommandError(message, EXIT.gateway);
  switch (o.why) {
    case 'invalid':
      return new CommandError(message, EXIT.validation);
    case 'read-only':
    case 'backup':
      return new CommandError(message, EXIT.changes);
    case 'gateway':
      // A 400/409, or a refusal the pipeline tied to a key field (a duplicate name is a 500 on v1.4 and v1.5).
      if (o.target.kind === 'key' && o.error instanceof ApiError && (o.error.status === 400 || o.error.status === 409 || o.field !== undefined)) {
        // One line at the key field the refusal names (a duplicate name, a model list).
        const msg = o.error.message.replace(/^\d{3}( [A-Za-z ]+)?:\s*/, '');
        return new CommandError(`the gateway refused the key: ${o.field ? `${o.field}: ` : ''}${msg}`, EXIT.validation);
      }
      return new CommandError(exitFor(o.error).message, exitFor(o.error).code);
    case 'unreadable':
      return new CommandError(message, exitFor(o.error).code);
  }
}

/** How one write is presented. */
export interface WriteCommand {
  target: WriteTarget;
  plan: WritePlan;
  /** The target as the command just read it (the plan's copy), or null when the gateway has none. */
  current: Obj | null;
  /** Fields of the JSON result besides the outcome (`restoredFrom`, ...). */
  extra?: Record<string, unknown>;
  /** The confirmation question (`url`: the gateway's). */
  question(review: WriteReview, url: string): string;
  /** The line after a write that happened (without the backup's part). */
  done(outcome: Extract<WriteOutcome, { kind: 'written' }>): string;
  /** What goes in brackets after the backup's id: how to undo (`undo: <command>`), given the backup's and the key's ids. */
  undo(backup: string, id: string | undefined): string;
}

/** Notes of a review: what the editor's rules warn about, the secrets kept. */
export function reviewNotes(ctx: Ctx, review: WriteReview): void {
  for (const w of review.warnings) ctx.note(`note: ${w}`);
  const kept = keptNote(review);
  if (kept) ctx.note(`note: ${kept}`);
}

/**
 * One write through the pipeline: check against the copy just read, print
 * the review, dry run or confirm, commit, report. Returns the exit code;
 * throws a CommandError for anything not written.
 */
export async function runWrite(ctx: Ctx, w: WriteCommand): Promise<number> {
  const url = (await ctx.connect()).connection.url;
  const writer = await commandWriter(ctx);
  const { target } = w;
  const what = targetLabel(target);
  const checked = await writer.check(target, w.plan, { current: w.current });
  if (checked.kind !== 'review' && checked.kind !== 'unchanged') throw outcomeError(checked, 'since it was read');
  const { review } = checked;
  // Known once the check is done (it needs the gateway's version).
  const rules = (await writer.dialect()).rules;
  reviewNotes(ctx, review);
  for (const p of review.problems) ctx.error(`invalid: ${p}`);
  if (review.problems.length > 0) return EXIT.validation;

  const key = target.kind === 'key' ? { key: target.id ?? target.name, action: w.plan.action } : {};
  const subject = target.kind === 'provider' ? { provider: target.name } : { provider: target.provider };
  const result: Record<string, unknown> = { ...subject, ...key, gateway: url, ...w.extra, changes: changesJson(target, review.changes, rules) };
  if (checked.kind === 'unchanged') {
    if (ctx.json) ctx.outJson({ ...result, saved: false });
    else if (!ctx.quiet) ctx.out(`no changes: ${what} already matches\n`);
    return EXIT.ok;
  }
  if (!ctx.json && !ctx.quiet) {
    const id = target.kind === 'key' && target.id ? ` (${target.id})` : '';
    ctx.out(w.plan.action === 'delete' ? `Delete ${what}${id} on ${url}\n` : `Changes to ${what} on ${url}:\n${formatChanges(target, review.changes, rules)}`);
  }
  if (ctx.flag('dry-run')) {
    const body = review.carried ? maskedCarrier(review.carried.wire) : review.body && (target.kind === 'key' ? maskKey(review.body) : maskedBody(review.body));
    if (ctx.json) ctx.outJson({ ...result, dryRun: true, saved: false, ...(body ? { body } : {}) });
    else if (!ctx.quiet) ctx.out(`Dry run: nothing written. ${body ? `Body of ${requestLine(review)} (secrets masked):\n${JSON.stringify(body, null, 2)}` : requestLine(review)}\n`);
    return EXIT.ok;
  }

  const asked = await confirmWrite(ctx, w.question(review, url));
  const outcome = await writer.commit(review);
  if (outcome.kind !== 'written') {
    if (outcome.kind === 'conflict' && outcome.theirs.length > 0 && !ctx.json && !ctx.quiet) {
      ctx.out(`Changed on the gateway meanwhile:\n${formatChanges(target, outcome.theirs, rules)}`);
    }
    throw outcomeError(outcome, asked ? 'while waiting for confirmation' : 'since it was read');
  }
  // Key reads may lag a write (upstream #5958): say how to look again.
  const hint = target.kind === 'key' ? `; check again with \`${rerunLine(ctx, ['keys', 'get', target.provider, outcome.id ?? target.id ?? ''])}\`` : '';
  for (const n of outcome.notes) ctx.note(`note: ${n}${hint}`);
  const undo = outcome.backup ? `; previous version kept as ${outcome.backup} (${w.undo(outcome.backup, outcome.id)})` : '';
  if (ctx.json) {
    ctx.outJson({ ...result, ...(outcome.id ? { key: outcome.id } : {}), saved: true, ...(outcome.backup ? { backup: outcome.backup } : {}), confirmed: outcome.notes.length === 0, notes: outcome.notes });
  } else if (!ctx.quiet) ctx.out(`${w.done(outcome)}${undo}\n`);
  return EXIT.ok;
}

/** "3 changes". */
export const changeCount = (review: WriteReview): string => plural(review.changes.length, 'change');
