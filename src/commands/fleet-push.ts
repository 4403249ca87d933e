/**
 * `bifrost-tui fleet push PROVIDER --from a --to b,c [--yes] [--dry-run]`:
 * copies the editable fields of a provider from one gateway to others. Each
 * target is its own plan (the same as `apply -f DIR` makes per provider):
 * its own read, review, confirmation and re-read right before the write.
 * Secrets: references are copied as references; a plain secret that differs
 * is reported and left as the target has it (a mask is never sent).
 */
import { buildUpdateBody } from '../api/update-body.js';
import { ApiError } from '../api/api-error.js';
import type { Provider } from '../api/wire.js';
import { assertWritable, confirmWrite, needArgs, type Ctx } from './command-context.js';
import { CommandError, exitFor, UsageError } from './command-errors.js';
import { profilesArg } from './fleet-diff.js';
import { profileCtx } from './fleet-gateways.js';
import { plural } from './output.js';
import { formatPlan, leavesSecrets, planJson, planProvider, type PlanItem } from './providers-dir-plan.js';
import { PAST, writePlanned } from './providers-dir.js';
import { EXIT } from '../state/exit-codes.js';
import { gatewayDialect } from '../write/gateway-dialect.js';
import type { VersionRules } from '../api/versions/version-rules.js';

async function fetchOrNone(ctx: Ctx, name: string): Promise<Provider | undefined> {
  const client = await ctx.gateway();
  try {
    return await client.getProvider(name);
  } catch (err) {
    if (err instanceof ApiError && err.isNotFound) return undefined;
    throw err;
  }
}

/** Pushes to one target; returns what happened (never throws). */
async function pushTo(ctx: Ctx, target: string, name: string, source: Provider, from: string, sourceRules: VersionRules): Promise<{ item?: PlanItem; written: boolean; code: number; error?: string }> {
  const tctx = profileCtx(ctx.io, ctx.deps, target, {
    yes: ctx.flag('yes'), 'dry-run': ctx.flag('dry-run'), json: ctx.json, quiet: ctx.quiet, timeout: ctx.str('timeout'),
  });
  let item: PlanItem | undefined;
  try {
    if (!ctx.flag('dry-run')) await assertWritable(tctx);
    const url = (await tctx.connect()).connection.url;
    const fetched = await fetchOrNone(tctx, name);
    // Each gateway in its own dialect: what the target's line cannot hold is said per field, what only it has stays.
    const { rules } = await gatewayDialect(await tctx.gateway());
    // Fields from the source gateway are not typos: a field the target lacks is sent as it is.
    item = planProvider({ name, source: `profile ${from}`, body: buildUpdateBody(source, []) }, fetched, undefined, { force: true, lines: { target: rules, source: sourceRules } });
    if (!ctx.json && !ctx.quiet) ctx.out(formatPlan({ items: [item], extra: [] }, `${name} from ${from} to ${target} (${url})`));
    if (item.errors.length > 0) throw new CommandError(`${item.errors[0]!}: nothing was written to ${target}`, EXIT.validation);
    // A secret left as the target has it (cannot be copied, or the same mask that cannot be verified) is said, and exits 9.
    const left = leavesSecrets(item) ? EXIT.unverified : EXIT.ok;
    if (item.action === 'none') return { item, written: false, code: left };
    if (ctx.flag('dry-run')) return { item, written: false, code: left };
    await confirmWrite(tctx, `Push ${plural(item.changes.length, 'change')} to ${name} on ${target} (${url})?`);
    await writePlanned(tctx, item);
    const secrets = [...item.notCopied, ...item.unverified];
    const unheld = item.refused.map((r) => r.slice(0, r.indexOf(':')));
    if (!ctx.json && !ctx.quiet) {
      ctx.out(`${PAST[item.action]} ${name} on ${target}${secrets.length ? `; secrets left as ${target} has them: ${secrets.join(', ')}` : ''}${unheld.length ? `; not copied (its version cannot hold them): ${unheld.join(', ')}` : ''}\n`);
    }
    return { item, written: true, code: left };
  } catch (err) {
    const { code, message } = exitFor(err);
    ctx.error(`${target}: ${tctx.scrub(message)}`);
    return { item, written: false, code, error: tctx.scrub(message) };
  } finally {
    await tctx.close().catch(() => undefined);
  }
}

/** Exit 0: every target matches now (or would, with --dry-run); 8: some pushed, some failed; else the first failure's code. */
export async function runFleetPush(ctx: Ctx): Promise<number> {
  const [name] = needArgs(ctx, 'push', ['PROVIDER']);
  const from = ctx.str('from');
  if (!from) throw new UsageError('`fleet push` needs --from PROFILE');
  if (!ctx.str('to')) throw new UsageError('`fleet push` needs --to PROFILE[,PROFILE...]');
  const targets = profilesArg(ctx, ctx.str('to'), '--to');
  if (targets.includes(from)) throw new UsageError(`--to includes the source profile "${from}"`);
  const sctx = profileCtx(ctx.io, ctx.deps, from, { timeout: ctx.str('timeout') });
  let source: Provider;
  let sourceRules: VersionRules;
  try {
    source = await sctx.fetchProvider(name!);
    sourceRules = (await gatewayDialect(await sctx.gateway())).rules;
  } finally {
    await sctx.close().catch(() => undefined);
  }
  const results = [];
  for (const target of targets) results.push({ target, ...(await pushTo(ctx, target, name!, source, from, sourceRules)) });
  const failed = results.filter((r) => r.error !== undefined);
  const written = results.filter((r) => r.written);
  if (ctx.json) {
    ctx.outJson({
      provider: name, from, dryRun: ctx.flag('dry-run'),
      targets: results.map((r) => ({
        profile: r.target,
        ...(r.item ? (planJson({ items: [r.item], extra: [] }) as { providers: unknown[] }).providers[0] as object : {}),
        written: r.written,
        error: r.error ?? null,
      })),
    });
  } else if (!ctx.quiet) {
    const left = results.filter((r) => r.error === undefined && r.code === EXIT.unverified).map((r) => r.target);
    ctx.out(`pushed to ${written.length} of ${targets.length}${failed.length > 0 ? `; failed: ${failed.map((f) => f.target).join(', ')}` : ''}${left.length > 0 ? `; secrets not copied or not verifiable on ${left.join(', ')} (see above)` : ''}\n`);
  }
  if (failed.length === 0) return results.some((r) => r.code === EXIT.unverified) ? EXIT.unverified : EXIT.ok;
  return written.length > 0 ? EXIT.partial : failed[0]!.code;
}
