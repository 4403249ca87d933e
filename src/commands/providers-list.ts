/** `providers list`. */
import { needArgs, type Ctx } from './command-context.js';
import { formatProviderTable, summarize } from './output.js';
import { EXIT } from '../state/exit-codes.js';
import { recordSeenProviders } from '../store/seen-providers.js';

/** Lists the configured providers as a table or data; remembers their names for shell completion. */
export async function runList(ctx: Ctx): Promise<number> {
  needArgs(ctx, 'list', []);
  const providers = await (await ctx.gateway()).listProviders();
  const target = await ctx.connect();
  recordSeenProviders(target.connection.gatewayKey, providers.map((p) => p.name), { env: ctx.io.env, dir: ctx.deps.historyDir });
  if (ctx.json) ctx.outJson({ providers: providers.map(summarize), total: providers.length });
  else if (providers.length === 0) ctx.out('no providers are configured on this gateway\n');
  else ctx.out(formatProviderTable(providers, ctx.io.stdoutIsTTY === true));
  return EXIT.ok;
}
