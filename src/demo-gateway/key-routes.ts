/** Key endpoints (CONTRACT.md §4.6; per line VERSIONS.md §5): keys live apart from the provider PUT from v1.5. */
import { randomUUID } from 'node:crypto';
import type { DemoRequest, RouteContext } from './context.js';
import { keyEndpointGate } from './gates.js';
import { isObject, type JsonObject } from './json.js';
import { modelListProblem } from '../api/key-rules.js';
import { badJsonReply } from './provider-routes.js';
import { presentKey, storeKeySecrets } from './redact.js';
import { errorReply, jsonReply, type Reply } from './reply.js';

/** Providers whose keys may carry an empty value (the URL or credentials live in the key config, §5.2). */
const EMPTY_VALUE_OK: ReadonlySet<string> = new Set(['vertex', 'bedrock', 'vllm', 'azure', 'ollama', 'sgl']);
const DUPLICATE_NAME = 'API key names must be unique across providers. Choose a different name';
const COMPUTED = ['status', 'description', 'config_hash'] as const;

function isKeyless(provider: JsonObject): boolean {
  const cfg = provider.custom_provider_config;
  return isObject(cfg) && cfg.is_key_less === true;
}

function nameTaken(ctx: RouteContext, name: unknown, exceptId?: unknown): boolean {
  if (typeof name !== 'string' || name === '') return false;
  return ctx.store.allKeys().some(({ key }) => key.name === name && key.id !== exceptId);
}

/** A duplicate name: 409 from v1.6; a 500 from the store's unique index on v1.5 (§5.2). */
function duplicateNameReply(ctx: RouteContext, verb: 'create' | 'update'): Reply {
  if (ctx.profile.duplicateKeyName === 409) return errorReply(409, DUPLICATE_NAME);
  return errorReply(500, `Failed to ${verb} provider key: failed to ${verb} provider key in store: a record with this name already exists. Please use a different value`);
}

export function listKeys(ctx: RouteContext, provider: string): Reply {
  if (!ctx.store.get(provider)) return errorReply(404, 'Provider not found: not found');
  const keys = ctx.store.keys(provider).map((k) => presentKey(ctx.profile, k));
  return jsonReply(200, { keys, total: keys.length });
}

export function getKey(ctx: RouteContext, provider: string, id: string): Reply {
  if (!ctx.store.get(provider)) return errorReply(404, 'Provider not found: not found');
  const key = ctx.store.keys(provider).find((k) => k.id === id);
  return key ? jsonReply(200, presentKey(ctx.profile, key)) : errorReply(404, 'Provider key not found: not found');
}

function keyValueEmpty(key: JsonObject): boolean {
  const v = key.value;
  if (v === undefined || v === null || v === '') return true;
  return isObject(v) && (v.value === undefined || v.value === '') && !v.ref && !v.env_var;
}

/** The 400s of the key handlers for lists and aliases (allow-list rules, §5.5). */
function keyShapeProblem(key: JsonObject): string | undefined {
  const models = modelListProblem(key.models);
  if (models) return `Invalid models: ${models}`;
  const black = modelListProblem(key.blacklisted_models);
  if (black) return `Invalid blacklisted_models: ${black}`;
  const aliases = key.aliases;
  if (aliases !== undefined && aliases !== null) {
    if (!isObject(aliases)) return 'Invalid aliases: must be an object of model name to identifier';
    const bad = Object.entries(aliases).find(([k, v]) => k === '' || !((typeof v === 'string' && v !== '') || isObject(v)));
    if (bad) return `Invalid aliases: "${bad[0]}" needs a non-empty name and identifier`;
  }
  return undefined;
}

/** The checks POST and PUT share, in the handler's order; the first failing rule answers. */
function checkKey(ctx: RouteContext, provider: string, key: JsonObject, stored: JsonObject | undefined, verb: 'create' | 'update'): Reply | undefined {
  const gate = ctx.profile.gates && ctx.authBypassed ? keyEndpointGate(stored, key) : undefined;
  if (gate) return errorReply(403, gate);
  if (keyValueEmpty(key) && !EMPTY_VALUE_OK.has(provider)) return errorReply(400, 'Key value must not be empty');
  const shape = keyShapeProblem(key);
  if (shape) return errorReply(400, shape);
  if (nameTaken(ctx, key.name, key.id)) return duplicateNameReply(ctx, verb);
  return undefined;
}

export function createKey(ctx: RouteContext, provider: string, req: DemoRequest): Reply {
  const stored = ctx.store.get(provider);
  if (!stored) return errorReply(404, 'Provider not found: not found');
  if (!req.jsonOk || !isObject(req.json)) return badJsonReply(ctx);
  if (isKeyless(stored)) return errorReply(400, 'Cannot add keys to a keyless provider');
  const sent: JsonObject = { ...req.json };
  for (const f of COMPUTED) delete sent[f];
  if (typeof sent.id !== 'string' || sent.id === '') sent.id = randomUUID();
  if (sent.enabled === undefined || sent.enabled === null) sent.enabled = true;
  const refused = checkKey(ctx, provider, sent, undefined, 'create');
  if (refused) return refused;
  const decoded = storeKeySecrets(ctx.profile, sent, undefined, 'equal-to-current');
  if ('error' in decoded) return errorReply(400, decoded.error);
  const keys = ctx.store.keys(provider);
  if (keys.some((k) => k.id === sent.id)) return errorReply(409, `Key with ID ${String(sent.id)} already exists`);
  ctx.store.setKeys(provider, [...keys, decoded.key]);
  return jsonReply(200, presentKey(ctx.profile, decoded.key));
}

/**
 * The key after a PUT: a full replace (v1.5, v1.6: an omitted field is
 * cleared, `replicate_key_config` excepted) or a patch (v2.2.6: an omitted
 * field keeps its stored value), with the line's mask rule (§5.3).
 */
function mergedKey(ctx: RouteContext, prev: JsonObject, sent: JsonObject): { key: JsonObject } | { error: string } {
  const rule = ctx.profile.keyMaskRestore;
  const secrets = storeKeySecrets(ctx.profile, sent, prev, rule);
  if ('error' in secrets) return secrets;
  if (ctx.profile.keyPut === 'patch') {
    const key: JsonObject = { ...prev, ...secrets.key };
    if (typeof sent.name !== 'string' || sent.name === '') key.name = prev.name;
    return { key };
  }
  const key: JsonObject = { ...secrets.key };
  if (key.replicate_key_config === undefined && prev.replicate_key_config !== undefined) key.replicate_key_config = prev.replicate_key_config;
  return { key };
}

export function updateKey(ctx: RouteContext, provider: string, id: string, req: DemoRequest): Reply {
  if (!ctx.store.get(provider)) return errorReply(404, 'Provider not found: not found');
  const keys = ctx.store.keys(provider);
  const index = keys.findIndex((k) => k.id === id);
  const prev = keys[index];
  if (!prev) return errorReply(404, 'Provider key not found: not found');
  if (!req.jsonOk || !isObject(req.json)) return badJsonReply(ctx);
  const sent: JsonObject = { ...req.json, id };
  // Computed fields are the server's: the body cannot set them.
  for (const f of COMPUTED) delete sent[f];
  const merged = mergedKey(ctx, prev, sent);
  if ('error' in merged) return errorReply(400, merged.error);
  const key = merged.key;
  for (const f of COMPUTED) if (prev[f] !== undefined) key[f] = prev[f];
  const refused = checkKey(ctx, provider, key, prev, 'update');
  if (refused) return refused;
  const next = [...keys];
  next[index] = key;
  ctx.store.setKeys(provider, next);
  return jsonReply(200, presentKey(ctx.profile, key));
}

export function deleteKey(ctx: RouteContext, provider: string, id: string): Reply {
  if (!ctx.store.get(provider)) return errorReply(404, 'Provider not found: not found');
  const keys = ctx.store.keys(provider);
  const key = keys.find((k) => k.id === id);
  if (!key) return errorReply(404, 'Provider key not found: not found');
  ctx.store.setKeys(provider, keys.filter((k) => k !== key));
  return jsonReply(200, presentKey(ctx.profile, key));
}

/** `POST /api/providers/{p}/refresh-models` (v2, §5.7): the provider's keys after a listing pass. */
export function refreshProvider(ctx: RouteContext, provider: string): Reply {
  if (!ctx.store.get(provider)) return errorReply(404, 'Provider not found: not found');
  const keys = ctx.store.keys(provider).map((k) => presentKey(ctx.profile, k));
  return jsonReply(200, { keys, total: keys.length });
}

/** `POST /api/providers/{p}/keys/{id}/refresh-models` (v2, §5.7). */
export function refreshKey(ctx: RouteContext, provider: string, id: string): Reply {
  if (!ctx.store.get(provider)) return errorReply(404, 'Provider not found: not found');
  const key = ctx.store.keys(provider).find((k) => k.id === id);
  return key ? jsonReply(200, presentKey(ctx.profile, key)) : errorReply(404, 'Provider key not found: not found');
}

/** `GET /api/keys`: items shaped as the UI types them ({key_id, name, provider, models}). */
export function listAllKeys(ctx: RouteContext): Reply {
  const items = ctx.store.allKeys().map(({ provider, key }) => ({
    key_id: key.id, name: key.name, provider, models: Array.isArray(key.models) ? key.models : [],
  }));
  return jsonReply(200, items);
}
