/** Key endpoints (CONTRACT.md §4.6): keys live apart from the provider PUT. */
import { randomUUID } from 'node:crypto';
import type { DemoRequest, RouteContext } from './context.js';
import { isObject, type JsonObject } from './json.js';
import { modelListProblem } from '../api/key-rules.js';
import { redactKey, restoreKey, toEnvVar, toStoredEnvVar } from './redact.js';
import { errorReply, jsonReply, type Reply } from './reply.js';

/** Providers whose keys may carry an empty value (the URL lives in the key config). */
const EMPTY_VALUE_OK: ReadonlySet<string> = new Set(['ollama', 'sgl', 'vllm']);
const DUPLICATE_NAME = 'API key names must be unique across providers. Choose a different name';

function isKeyless(provider: JsonObject): boolean {
  const cfg = provider.custom_provider_config;
  return isObject(cfg) && cfg.is_key_less === true;
}

function nameTaken(ctx: RouteContext, name: unknown, exceptId?: unknown): boolean {
  if (typeof name !== 'string' || name === '') return false;
  return ctx.store.allKeys().some(({ key }) => key.name === name && key.id !== exceptId);
}

export function listKeys(ctx: RouteContext, provider: string): Reply {
  if (!ctx.store.get(provider)) return errorReply(404, `Provider not found: ${provider}`);
  const keys = ctx.store.keys(provider).map(redactKey);
  return jsonReply(200, { keys, total: keys.length });
}

export function getKey(ctx: RouteContext, provider: string, id: string): Reply {
  if (!ctx.store.get(provider)) return errorReply(404, `Provider not found: ${provider}`);
  const key = ctx.store.keys(provider).find((k) => k.id === id);
  return key ? jsonReply(200, redactKey(key)) : errorReply(404, `Provider key not found: ${id}`);
}

function keyValueEmpty(key: JsonObject): boolean {
  const v = toEnvVar(key.value);
  return v.value === '' && v.env_var === '' && !(isObject(key.value) && typeof key.value.ref === 'string' && key.value.ref !== '');
}

/** The 400s of the key handlers for lists and aliases (v1.5 allow-list rules, CONTRACT.md §4.6.1). */
function keyShapeProblem(key: JsonObject): string | undefined {
  const models = modelListProblem(key.models);
  if (models) return `Invalid models: ${models}`;
  const black = modelListProblem(key.blacklisted_models);
  if (black) return `Invalid blacklisted_models: ${black}`;
  const aliases = key.aliases;
  if (aliases !== undefined && aliases !== null) {
    if (!isObject(aliases)) return 'Invalid aliases: must be an object of model name to identifier';
    const bad = Object.entries(aliases).find(([k, v]) => k === '' || typeof v !== 'string' || v === '');
    if (bad) return `Invalid aliases: "${bad[0]}" needs a non-empty name and identifier`;
  }
  return undefined;
}

/** The checks POST and PUT share, in the handler's order; the first failing rule answers. */
function checkKey(ctx: RouteContext, provider: string, key: JsonObject, exceptId?: unknown): Reply | undefined {
  if (keyValueEmpty(key) && !EMPTY_VALUE_OK.has(provider)) return errorReply(400, 'Key value must not be empty');
  const shape = keyShapeProblem(key);
  if (shape) return errorReply(400, shape);
  if (nameTaken(ctx, key.name, exceptId)) return errorReply(409, DUPLICATE_NAME);
  return undefined;
}

export function createKey(ctx: RouteContext, provider: string, req: DemoRequest): Reply {
  const stored = ctx.store.get(provider);
  if (!stored) return errorReply(404, `Provider not found: ${provider}`);
  if (!req.jsonOk || !isObject(req.json)) return errorReply(400, 'Invalid request payload');
  if (isKeyless(stored)) return errorReply(400, 'Cannot add keys to a keyless provider');
  const key: JsonObject = { ...req.json };
  if (typeof key.id !== 'string' || key.id === '') key.id = randomUUID();
  if (key.enabled === undefined || key.enabled === null) key.enabled = true;
  const refused = checkKey(ctx, provider, key);
  if (refused) return refused;
  key.value = toStoredEnvVar(key.value);
  const keys = ctx.store.keys(provider);
  if (keys.some((k) => k.id === key.id)) return errorReply(409, `Key with ID ${String(key.id)} already exists`);
  ctx.store.setKeys(provider, [...keys, key]);
  return jsonReply(200, redactKey(key));
}

export function updateKey(ctx: RouteContext, provider: string, id: string, req: DemoRequest): Reply {
  if (!ctx.store.get(provider)) return errorReply(404, `Provider not found: ${provider}`);
  const keys = ctx.store.keys(provider);
  const index = keys.findIndex((k) => k.id === id);
  const prev = keys[index];
  if (!prev) return errorReply(404, `Provider key not found: ${id}`);
  if (!req.jsonOk || !isObject(req.json)) return errorReply(400, 'Invalid request payload');
  const incoming: JsonObject = { ...req.json, id };
  // Computed fields are the server's: the body cannot set them.
  for (const f of ['status', 'description', 'config_hash']) if (prev[f] !== undefined) incoming[f] = prev[f]; else delete incoming[f];
  const key = restoreKey(incoming, prev);
  const refused = checkKey(ctx, provider, key, id);
  if (refused) return refused;
  const next = [...keys];
  next[index] = key;
  ctx.store.setKeys(provider, next);
  return jsonReply(200, redactKey(key));
}

export function deleteKey(ctx: RouteContext, provider: string, id: string): Reply {
  if (!ctx.store.get(provider)) return errorReply(404, `Provider not found: ${provider}`);
  const keys = ctx.store.keys(provider);
  const key = keys.find((k) => k.id === id);
  if (!key) return errorReply(404, `Provider key not found: ${id}`);
  ctx.store.setKeys(provider, keys.filter((k) => k !== key));
  return jsonReply(200, redactKey(key));
}

/** `GET /api/keys`: items shaped as the UI types them ({key_id, name, provider, models}). */
export function listAllKeys(ctx: RouteContext): Reply {
  const items = ctx.store.allKeys().map(({ provider, key }) => ({
    key_id: key.id, name: key.name, provider, models: Array.isArray(key.models) ? key.models : [],
  }));
  return jsonReply(200, items);
}
