/** `/api/providers` and `/api/providers/{provider}` (CONTRACT.md §4.1-§4.5; per line VERSIONS.md §2, §3). */
import { KEYS_REJECTED_MESSAGE, STANDARD_PROVIDERS } from './constants.js';
import type { DemoRequest, RouteContext } from './context.js';
import { baseUrlGate, interceptionGate } from './gates.js';
import { isObject } from './json.js';
import { presentDeleted, presentProvider } from './present.js';
import { errorReply, jsonReply, type Reply } from './reply.js';
import { applyCreate, applyUpdate } from './update.js';
import { duplicateKeyName } from './v14-keys.js';
import {
  addCustomProviderProblem, backoffProblem, baseUrlCheck, baseUrlShapeProblem, concurrencyProblem, customProviderProblem, payloadDecodes,
} from './validate.js';

export function listProviders(ctx: RouteContext): Reply {
  const providers = ctx.store.list().map((p) => presentProvider(ctx.profile, p));
  return jsonReply(200, { providers, total: providers.length });
}

export function getProvider(ctx: RouteContext, name: string): Reply {
  const stored = ctx.store.get(name);
  if (!stored) return errorReply(404, 'Provider not found: not found');
  return jsonReply(200, presentProvider(ctx.profile, stored));
}

/** What a body that does not decode gets: `Invalid JSON: …` (v1.4, v1.5) or `Invalid request payload` (§3.3 step 2). */
export function badJsonReply(ctx: RouteContext): Reply {
  return errorReply(400, ctx.profile.badJson === 'invalid-json' ? 'Invalid JSON: the body does not decode into the request payload' : 'Invalid request payload');
}

/** PUT: the validation order of §3.3 for the line played, then store (upsert), then simulated discovery. */
export async function updateProvider(ctx: RouteContext, name: string, req: DemoRequest): Promise<Reply> {
  const { profile } = ctx;
  const body = req.json;
  if (!req.jsonOk || !payloadDecodes(body)) return badJsonReply(ctx);
  if (profile.providerPutKeys === 'reject' && Array.isArray(body.keys) && body.keys.length > 0) return errorReply(400, KEYS_REJECTED_MESSAGE);
  const stored = ctx.store.get(name);
  const problem = concurrencyProblem(body.concurrency_and_buffer_size)
    ?? customProviderProblem(name, stored, body.custom_provider_config)
    ?? backoffProblem(body.network_config);
  if (problem) return errorReply(400, problem);
  if (profile.baseUrlCheck === 'shape-gate-ssrf') {
    const shape = baseUrlShapeProblem(body.network_config);
    if (shape) return errorReply(400, shape);
    const gate = ctx.authBypassed ? baseUrlGate(stored, body) : undefined;
    if (gate) return errorReply(403, gate);
  }
  const ssrf = profile.baseUrlCheck === 'none' ? undefined : baseUrlCheck(body.network_config);
  if (ssrf) return errorReply(400, ssrf);
  const next = applyUpdate(profile, name, stored, body);
  const gate = profile.gates && ctx.authBypassed ? interceptionGate(stored, next) : undefined;
  if (gate) return errorReply(403, gate);
  if (profile.keysInProviders) {
    const others = ctx.store.allKeys().filter((k) => k.provider !== name).map((k) => k.key);
    const dup = duplicateKeyName([...others, ...(next.keys as Record<string, unknown>[])]);
    if (dup) return errorReply(500, `Failed to update provider: a record with this name already exists. Please use a different value (${dup})`);
  }
  ctx.store.set(next);
  // Upstream stores first, then reloads the provider and re-runs model discovery.
  await ctx.sleep(ctx.saveDelayMs);
  return jsonReply(200, presentProvider(profile, next, { forceActive: true }));
}

/** POST: create; blocks are validated only when present (§4.4). */
export async function addProvider(ctx: RouteContext, req: DemoRequest): Promise<Reply> {
  const body = req.json;
  if (!req.jsonOk || !payloadDecodes(body) || !(body.provider === undefined || typeof body.provider === 'string')) return badJsonReply(ctx);
  const name = typeof body.provider === 'string' ? body.provider : '';
  if (name === '') return errorReply(400, 'Missing provider');
  const custom = addCustomProviderProblem(name, body.custom_provider_config);
  if (custom) return errorReply(400, custom);
  if (ctx.store.get(name)) return errorReply(409, `Provider ${name} already exists`);
  const problem = (isObject(body.concurrency_and_buffer_size) ? concurrencyProblem(body.concurrency_and_buffer_size) : undefined)
    ?? backoffProblem(body.network_config)
    ?? (ctx.profile.baseUrlCheck === 'none' ? undefined : baseUrlCheck(body.network_config));
  if (problem) return errorReply(400, problem);
  if (ctx.profile.gates && ctx.authBypassed) {
    const gate = baseUrlGate(undefined, body) ?? interceptionGate(undefined, applyCreate(ctx.profile, name, body));
    if (gate) return errorReply(403, gate);
  }
  await ctx.sleep(ctx.saveDelayMs);
  if (!STANDARD_PROVIDERS.has(name) && !isObject(body.custom_provider_config)) {
    // The runtime cannot load an unknown non-custom name; upstream rolls the add back.
    return errorReply(500, `Failed to initialize provider after add: unsupported provider: ${name}`);
  }
  const next = applyCreate(ctx.profile, name, body);
  ctx.store.set(next);
  return jsonReply(200, presentProvider(ctx.profile, next, { forceActive: true }));
}

/** DELETE answers 200 even for a name that is not stored (newer handler, §4.5). */
export function deleteProvider(ctx: RouteContext, name: string): Reply {
  ctx.store.delete(name);
  return jsonReply(200, presentDeleted(name));
}
