/** Finding a provider's keys and one key (by id or name) for the `keys` subcommands. */
import { ApiError } from '../api/api-error.js';
import type { Key } from '../api/wire.js';
import { findKey } from '../state/keys/key-view.js';
import { type Ctx } from './command-context.js';
import { CommandError } from './command-errors.js';
import { EXIT } from '../state/exit-codes.js';
import { rerunLine } from './rerun.js';
import { rulesFor, type VersionRules } from '../api/versions/version-rules.js';

/**
 * The rules of the gateway's Bifrost line (one `GET /api/version` per command): what a key's model list
 * means there (`[]` is every model on v1.4 and none later), which key fields it shows plain.
 */
export async function keyRules(ctx: Ctx): Promise<VersionRules> {
  return rulesFor(await (await ctx.gateway()).version());
}

/** The keys of a provider; a 404 names the provider. */
export async function fetchKeys(ctx: Ctx, provider: string): Promise<Key[]> {
  const client = await ctx.gateway();
  try {
    return await client.listKeys(provider);
  } catch (err) {
    if (err instanceof ApiError && err.isNotFound) {
      throw new CommandError(`provider "${provider}" is not configured on ${client.baseUrl} (see \`${rerunLine(ctx, ['providers', 'list'])}\`)`, EXIT.notFound);
    }
    throw err;
  }
}

/** GET one key by id (fresh, not from the list's cache); a 404 names it. */
export async function fetchKey(ctx: Ctx, provider: string, id: string, label = id): Promise<Key> {
  const client = await ctx.gateway();
  try {
    return await client.getKey(provider, id);
  } catch (err) {
    if (err instanceof ApiError && err.isNotFound) throw new CommandError(`key "${label}" of ${provider} is not on the gateway (any more)`, EXIT.notFound);
    throw err;
  }
}

/**
 * Resolves KEY (an id or a name) and reads that key fresh with a GET of its
 * own: the list can come from a cache that lags (upstream #5958).
 */
export async function resolveKey(ctx: Ctx, provider: string, ref: string): Promise<Key> {
  const found = findKey(await fetchKeys(ctx, provider), ref);
  if (found === 'ambiguous') throw new CommandError(`several keys of ${provider} are named "${ref}": give the id (see \`${rerunLine(ctx, ['keys', 'list', provider])}\`)`, EXIT.usage);
  if (!found?.id) throw new CommandError(`no key "${ref}" (id or name) on provider ${provider} (see \`${rerunLine(ctx, ['keys', 'list', provider])}\`)`, EXIT.notFound);
  return fetchKey(ctx, provider, found.id, ref);
}

