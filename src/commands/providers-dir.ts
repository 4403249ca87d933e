/**
 * Config as files: `providers export --all -o DIR`, `providers diff -f DIR`
 * and `providers apply -f DIR [--prune]`. One write per changed provider,
 * each with its own re-read and conflict check; one failure does not stop
 * the others.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setOwn } from '../api/json-limits.js';
import { LOCAL_LIMITS, readRegularFileSync } from '../api/local-file.js';
import type { Provider } from '../api/wire.js';
import { normalizeForCompare } from '../state/provider/diff.js';
import { encodeName } from '../store/state-dir.js';
import { assertWritable, confirmWrite, type Ctx } from './command-context.js';
import { CommandError, exitFor, UsageError } from './command-errors.js';
import { plural } from './output.js';
import { formatPlan, leavesSecrets, pendingItems, planDirectory, planJson, type DirDocument, type DirPlan, type PlanItem } from './providers-dir-plan.js';
import { exportText, readDocument, writePrivateFile } from './providers-document.js';
import { reviewWrite } from '../state/write-rules/review.js';
import { writePlanOf, type PlannedWrite } from '../state/write-rules/provider-write-plan.js';
import type { Writer } from '../write/pipeline.js';
import { gatewayDialect } from '../write/gateway-dialect.js';
import { commandWriter, outcomeError } from './write-command.js';
import { EXIT } from '../state/exit-codes.js';

/** True when `-f` names a directory (the directory form of diff/apply). */
export function isDirectory(file: string | undefined): boolean {
  if (!file || file === '-') return false;
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** What an export file held before (a regular file only, capped), to count changed files. */
function previousText(file: string): string | undefined {
  try {
    return readRegularFileSync(file, LOCAL_LIMITS.document, { missingOk: true })?.toString('utf8');
  } catch {
    return undefined;
  }
}

/** A provider name as a file name: itself when safe, else encoded (`.`/`..`/`/` can never escape DIR). */
export function fileNameOf(name: string): string {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name) ? `${name}.json` : `${encodeName(name)}.json`;
}

/** Every `*.json` of DIR (hidden files skipped), each named by its export metadata or its file name. */
async function readDirectory(ctx: Ctx, dir: string): Promise<DirDocument[]> {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
  const docs: DirDocument[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const doc = await readDocument(ctx, path.join(dir, f));
    const name = doc.meta?.provider || f.slice(0, -'.json'.length);
    const other = seen.get(name);
    if (other) throw new CommandError(`${other} and ${doc.source} are both for provider "${name}": keep one`, EXIT.validation);
    seen.set(name, doc.source);
    docs.push({ ...doc, name });
  }
  return docs;
}

/** `providers export --all --output-dir DIR`: one NAME.json per provider; records what was exported for drift checks. */
export async function runExportAll(ctx: Ctx): Promise<number> {
  if (ctx.args.length > 0) throw new UsageError('`providers export --all` takes no provider names');
  if (ctx.format !== undefined && ctx.format !== 'json') throw new UsageError(`\`providers export --all\` writes NAME.json files; -o ${ctx.format} is for one provider`);
  if (ctx.str('output-file') !== undefined) throw new UsageError('`providers export --all` writes a directory: give --output-dir DIR');
  const dir = ctx.str('output-dir');
  if (!dir || dir === '-') throw new UsageError('`providers export --all` needs --output-dir DIR');
  const client = await ctx.gateway();
  const providers = await client.listProviders();
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new CommandError(`cannot create ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, EXIT.changes);
  }
  let changed = 0;
  const url = (await ctx.connect()).connection.url;
  for (const p of providers) {
    const file = path.join(dir, fileNameOf(p.name));
    const text = exportText(p, url);
    if (previousText(file) !== text) changed++;
    await writePrivateFile(file, text);
  }
  const written = new Set(providers.map((p) => fileNameOf(p.name)));
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('.') && !written.has(n)).sort()) {
    ctx.note(`note: ${path.join(dir, f)}: "${f.slice(0, -'.json'.length)}" is not on the gateway (file left as it is; delete it, or apply creates it)`);
  }
  const gw = (await ctx.connect()).connection.gatewayKey;
  ctx.sync().update(gw, dir, Object.fromEntries(providers.map((p) => [p.name, normalizeForCompare(p)])));
  ctx.note(`exported ${plural(providers.length, 'provider')} to ${dir} (${changed} file${changed === 1 ? '' : 's'} changed)`);
  return EXIT.ok;
}

async function loadPlan(ctx: Ctx, dir: string): Promise<{ plan: DirPlan; gw: string; url: string }> {
  if (ctx.args.length > 0) throw new UsageError('with -f DIR, give no provider names (the directory says which)');
  const docs = await readDirectory(ctx, dir);
  const target = await ctx.connect();
  const client = await ctx.gateway();
  const onGateway = await client.listProviders();
  // The plan is in the gateway's own dialect: which fields its line holds, which references it reads.
  const { rules } = await gatewayDialect(client);
  const gw = target.connection.gatewayKey;
  const plan = planDirectory(docs, onGateway, ctx.sync().read(gw, dir), ctx.flag('prune'), { force: ctx.flag('force'), gateway: target.connection.url, lines: { target: rules } });
  if (!ctx.json) {
    const unknown = plan.items.filter((i) => i.action === 'update' && i.drift === undefined).map((i) => i.name);
    if (unknown.length > 0) ctx.note(`note: no record of exporting ${dir} from or applying it to this gateway: drift cannot be checked for ${unknown.join(', ')}`);
  }
  return { plan, gw, url: target.connection.url };
}

/** `providers diff -f DIR`: the plan; exit 1 when applying would change anything, 9 when only secrets cannot be compared. */
export async function runDirDiff(ctx: Ctx, dir: string): Promise<number> {
  const { plan, url } = await loadPlan(ctx, dir);
  const differs = plan.items.some((i) => i.action !== 'none' || i.errors.length > 0);
  const unverified = plan.items.some(leavesSecrets);
  if (ctx.json) ctx.outJson({ gateway: url, dir, ...(planJson(plan) as object) });
  else if (!differs && !unverified) ctx.out(`no changes: ${url} matches ${dir}${plan.extra.length > 0 ? ` (not in ${dir}: ${plan.extra.join(', ')})` : ''}\n`);
  else ctx.out(formatPlan(plan, `${url} from ${dir}`));
  return differs ? EXIT.changes : unverified ? EXIT.unverified : EXIT.ok;
}

/**
 * One planned write through the pipeline: re-read right before it (a change since the plan is a conflict,
 * exit 6), backup (before a create: that nothing was there), PUT/POST/DELETE, confirming read.
 * Returns the gateway's copy after it (undefined after a delete).
 */
export async function writePlanned(ctx: Ctx, item: PlannedWrite, writer?: Writer): Promise<Provider | undefined> {
  const w = writer ?? (await commandWriter(ctx));
  let dialect;
  try {
    dialect = await w.dialect();
  } catch (err) {
    throw new CommandError(`could not tell which Bifrost version the gateway runs, nothing was written: ${exitFor(err).message}`, exitFor(err).code);
  }
  const review = reviewWrite({ kind: 'provider', name: item.name }, writePlanOf(item), (item.fetched as Record<string, unknown> | undefined) ?? null, dialect);
  const outcome = await w.commit(review);
  if (outcome.kind !== 'written') throw outcomeError(outcome, 'since the plan');
  for (const n of outcome.notes) ctx.note(`note: ${item.name}: ${n}`);
  return (outcome.confirmed ?? outcome.response ?? undefined) as Provider | undefined;
}

export const PAST: Record<PlanItem['action'], string> = { create: 'created', update: 'updated', delete: 'deleted', none: 'unchanged' };

/** `providers apply -f DIR [--prune]`: the plan, one confirmation, then one write per provider. */
export async function runDirApply(ctx: Ctx, dir: string): Promise<number> {
  if (!ctx.flag('dry-run')) await assertWritable(ctx);
  const { plan, gw, url } = await loadPlan(ctx, dir);
  const pending = pendingItems(plan);
  const invalid = plan.items.filter((i) => i.errors.length > 0);
  if (!ctx.json && !ctx.quiet) ctx.out(formatPlan(plan, `${url} from ${dir}`));
  const drifted = pending.filter((i) => i.drift && i.drift.length > 0).map((i) => i.name);
  if (ctx.flag('dry-run') || pending.length === 0) {
    if (ctx.json) ctx.outJson({ gateway: url, dir, dryRun: ctx.flag('dry-run'), ...(planJson(plan) as object) });
    else if (pending.length === 0 && invalid.length > 0) ctx.out('nothing applied: every change is invalid\n');
    else if (pending.length === 0) ctx.out(plan.items.some(leavesSecrets) ? `nothing to apply: ${url} matches ${dir} as far as can be seen (secrets above)\n` : `no changes: ${url} matches ${dir}\n`);
    else ctx.out('Dry run: nothing written.\n');
    if (invalid.length > 0 && !ctx.flag('dry-run')) return EXIT.validation;
    return pending.length === 0 && plan.items.some(leavesSecrets) ? EXIT.unverified : EXIT.ok;
  }
  const what = `${plural(pending.length, 'provider')} on ${url}`;
  await confirmWrite(ctx, `Apply ${dir} to ${what}${drifted.length > 0 ? ` (overwriting drift in ${drifted.join(', ')})` : ''}?`);
  if (drifted.length > 0 && ctx.flag('yes')) ctx.note(`note: applying anyway (--yes): overwrites changes made on this gateway to ${drifted.join(', ')}`);

  const done: PlanItem[] = [];
  const failed: Array<{ item: PlanItem; code: number; message: string }> = invalid.map((item) => ({ item, code: EXIT.validation, message: item.errors[0]! }));
  const snapshots: Record<string, Record<string, unknown> | undefined> = {};
  for (const i of plan.items) if (i.action === 'none' && i.errors.length === 0 && i.fetched) setOwn(snapshots, i.name, normalizeForCompare(i.fetched));
  for (const item of pending) {
    try {
      const after = await writePlanned(ctx, item);
      setOwn(snapshots, item.name, after ? normalizeForCompare(after) : undefined);
      done.push(item);
      if (!ctx.json && !ctx.quiet) ctx.out(`${PAST[item.action]} ${item.name}\n`);
    } catch (err) {
      const { code, message } = exitFor(err);
      failed.push({ item, code, message });
      ctx.error(`${item.name}: ${message}`);
    }
  }
  ctx.sync().update(gw, dir, snapshots);

  const summary = `applied ${done.length} of ${done.length + failed.length}${failed.length > 0 ? `; failed: ${failed.map((f) => f.item.name).join(', ')}` : ''}`;
  if (ctx.json) {
    ctx.outJson({
      gateway: url, dir, ...(planJson(plan) as object),
      applied: done.map((i) => ({ provider: i.name, action: i.action })),
      failed: failed.map((f) => ({ provider: f.item.name, error: f.message })),
    });
  } else if (!ctx.quiet) ctx.out(`${summary}\n`);
  if (failed.length === 0) return plan.items.some(leavesSecrets) ? EXIT.unverified : EXIT.ok;
  return done.length > 0 ? EXIT.partial : failed[0]!.code;
}
