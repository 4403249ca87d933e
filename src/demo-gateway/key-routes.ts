/** Key endpoints (CONTRACT.md §4.6): keys live apart from the provider PUT. */
import { randomUUID } from 'node:crypto';
import type { DemoRequest, RouteContext } from './context.js';
import { isObject, type JsonObject } from './json.js';
import { redactKey, restoreKey, toEnvVar } from './redact.js';
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
  return toEnvVar(key.value).value === '' && toEnvVar(key.value).env_var === '';
}

export function createKey(ctx: RouteContext, provider: string, req: DemoRequest): Reply {
  const stored = ctx.store.get(provider);
  if (!stored) return errorReply(404, `Provider not found: ${provider}`);
  if (!req.jsonOk || !isObject(req.json)) return errorReply(400, 'Invalid request payload');
  if (isKeyless(stored)) return errorReply(400, 'Cannot add keys to a keyless provider');
  const key: JsonObject = { ...req.json };
  if (typeof key.id !== 'string' || key.id === '') key.id = randomUUID();
  if (key.enabled === undefined || key.enabled === null) key.enabled = true;
  if (keyValueEmpty(key) && !EMPTY_VALUE_OK.has(provider)) return errorReply(400, 'Key value must not be empty');
  key.value = toEnvVar(key.value);
  const keys = ctx.store.keys(provider);
  if (keys.some((k) => k.id === key.id)) return errorReply(409, `Key with ID ${String(key.id)} already exists`);
  if (nameTaken(ctx, key.name)) return errorReply(409, DUPLICATE_NAME);
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
  const key = restoreKey({ ...req.json, id }, prev);
  if (keyValueEmpty(key) && !EMPTY_VALUE_OK.has(provider)) return errorReply(400, 'Key value must not be empty');
  if (nameTaken(ctx, key.name, id)) return errorReply(409, DUPLICATE_NAME);
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
