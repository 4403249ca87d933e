/** `providers list`. */
import { needArgs, type Ctx } from './command-context.js';
import { formatProviderTable, summarize } from './output.js';
import { EXIT } from '../state/exit-codes.js';

/** Lists the configured providers as a table or JSON. */
export async function runList(ctx: Ctx): Promise<number> {
  needArgs(ctx, 'list', []);
  const providers = await (await ctx.gateway()).listProviders();
  if (ctx.json) ctx.outJson({ providers: providers.map(summarize), total: providers.length });
  else if (providers.length === 0) ctx.out('no providers are configured on this gateway\n');
  else ctx.out(formatProviderTable(providers));
  return EXIT.ok;
}
