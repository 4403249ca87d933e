/** `/api/providers` and `/api/providers/{provider}` (CONTRACT.md §4.1-§4.5). */
import { KEYS_REJECTED_MESSAGE, STANDARD_PROVIDERS } from './constants.js';
import type { DemoRequest, RouteContext } from './context.js';
import { isObject } from './json.js';
import { presentDeleted, presentProvider } from './present.js';
import { errorReply, jsonReply, type Reply } from './reply.js';
import { applyCreate, applyUpdate } from './update.js';
import {
  addCustomProviderProblem, backoffProblem, baseUrlCheck, concurrencyProblem, customProviderProblem, payloadDecodes,
} from './validate.js';

export function listProviders(ctx: RouteContext): Reply {
  const providers = ctx.store.list().map((p) => presentProvider(p));
  return jsonReply(200, { providers, total: providers.length });
}

export function getProvider(ctx: RouteContext, name: string): Reply {
  const stored = ctx.store.get(name);
  if (!stored) return errorReply(404, `Provider not found: ${name}`);
  return jsonReply(200, presentProvider(stored));
}

/** PUT: full validation order of §4.3, then store (upsert), then simulated discovery. */
export async function updateProvider(ctx: RouteContext, name: string, req: DemoRequest): Promise<Reply> {
  const body = req.json;
  if (!req.jsonOk || !payloadDecodes(body)) return errorReply(400, 'Invalid request payload');
  if (Array.isArray(body.keys) && body.keys.length > 0) return errorReply(400, KEYS_REJECTED_MESSAGE);
  const stored = ctx.store.get(name);
  const problem = concurrencyProblem(body.concurrency_and_buffer_size)
    ?? customProviderProblem(name, stored, body.custom_provider_config)
    ?? backoffProblem(body.network_config)
    ?? baseUrlCheck(body.network_config);
  if (problem) return errorReply(400, problem);
  const next = applyUpdate(name, stored, body);
  ctx.store.set(next);
  // Upstream stores first, then reloads the provider and re-runs model discovery.
  await ctx.sleep(ctx.saveDelayMs);
  return jsonReply(200, presentProvider(next, { forceActive: true }));
}

/** POST: create; blocks are validated only when present (§4.4). */
export async function addProvider(ctx: RouteContext, req: DemoRequest): Promise<Reply> {
  const body = req.json;
  if (!req.jsonOk || !payloadDecodes(body) || !(body.provider === undefined || typeof body.provider === 'string')) {
    return errorReply(400, 'Invalid request payload');
  }
  const name = typeof body.provider === 'string' ? body.provider : '';
  if (name === '') return errorReply(400, 'Missing provider');
  const custom = addCustomProviderProblem(name, body.custom_provider_config);
  if (custom) return errorReply(400, custom);
  if (ctx.store.get(name)) return errorReply(409, `Provider ${name} already exists`);
  const problem = (isObject(body.concurrency_and_buffer_size) ? concurrencyProblem(body.concurrency_and_buffer_size) : undefined)
    ?? backoffProblem(body.network_config)
    ?? baseUrlCheck(body.network_config);
  if (problem) return errorReply(400, problem);
  await ctx.sleep(ctx.saveDelayMs);
  if (!STANDARD_PROVIDERS.has(name) && !isObject(body.custom_provider_config)) {
    // The runtime cannot load an unknown non-custom name; upstream rolls the add back.
    return errorReply(500, `Failed to initialize provider after add: unsupported provider: ${name}`);
  }
  const next = applyCreate(name, body);
  ctx.store.set(next);
  return jsonReply(200, presentProvider(next, { forceActive: true }));
}

/** DELETE answers 200 even for a name that is not stored (newer handler, §4.5). */
export function deleteProvider(ctx: RouteContext, name: string): Reply {
  ctx.store.delete(name);
  return jsonReply(200, presentDeleted(name));
}
