/**
 * v2's 403 "requires an authenticated admin session" gates (VERSIONS.md §5.6):
 * with dashboard auth off, a write that changes where the gateway dials or
 * what it trusts needs a genuine admin. Fields are compared as stored, after
 * masks were restored, so an unchanged secret sent back passes.
 */
import { isObject, jsonEqual, type JsonObject } from './json.js';

const TAIL = 'requires an authenticated admin session; dashboard auth is currently disabled or unconfigured. Enable dashboard authentication first.';

const at = (root: unknown, path: readonly string[]): unknown => path.reduce<unknown>((node, k) => (isObject(node) ? node[k] : undefined), root);
const set = (v: unknown): unknown => (v === '' || v === false || v === null ? undefined : v);
const changed = (a: unknown, b: unknown): boolean => !jsonEqual(set(a), set(b));

/** Step 10: a changed base URL or `allow_private_network`. */
export function baseUrlGate(stored: JsonObject | undefined, body: JsonObject): string | undefined {
  const fields = ['base_url', 'allow_private_network'].filter((f) => changed(at(stored, ['network_config', f]), at(body, ['network_config', f])));
  return fields.length > 0 ? `Setting a provider's base URL or allow_private_network ${TAIL}` : undefined;
}

const INTERCEPTION: readonly string[][] = [
  ['network_config', 'insecure_skip_verify'], ['network_config', 'ca_cert_pem'], ['proxy_config', 'url'], ['proxy_config', 'ca_cert_pem'],
];

/** Step 11: proxy, TLS trust or request-path overrides changed (compared after the masks were restored). */
export function interceptionGate(stored: JsonObject | undefined, next: JsonObject): string | undefined {
  const fields = INTERCEPTION.filter((p) => changed(at(stored, p), at(next, p))).map((p) => p.join('.'));
  const before = at(stored, ['custom_provider_config', 'request_path_overrides']);
  const after = at(next, ['custom_provider_config', 'request_path_overrides']);
  const types = new Set([...Object.keys(isObject(before) ? before : {}), ...Object.keys(isObject(after) ? after : {})]);
  for (const t of [...types].sort()) {
    if (changed(at(before, [t]), at(after, [t]))) fields.push(`custom_provider_config.request_path_overrides.${t}`);
  }
  return fields.length > 0 ? `Changing a provider's proxy, TLS trust or absolute request URL settings (${fields.join(', ')}) ${TAIL}` : undefined;
}

const DIAL_TARGETS: readonly string[][] = [
  ['ollama_key_config', 'url'], ['sgl_key_config', 'url'], ['vllm_key_config', 'url'], ['azure_key_config', 'endpoint'],
  ['databricks_key_config', 'workspace_url'], ['github_copilot_key_config', 'github_domain'],
  ...['runtime', 'control_plane', 'mantle', 'agent_runtime', 's3'].flatMap((e) => [
    ['bedrock_key_config', 'endpoints', e], ['bedrock_mantle_key_config', 'endpoints', e],
  ]),
];

/** A key's dial targets that differ from the stored key's (a new key: every one it sets). */
export function keyEndpointGate(stored: JsonObject | undefined, next: JsonObject): string | undefined {
  const fields = DIAL_TARGETS.filter((p) => changed(at(stored, p), at(next, p))).map((p) => p.join('.'));
  const aliases = new Set([...Object.keys(isObject(stored?.aliases) ? stored.aliases : {}), ...Object.keys(isObject(next.aliases) ? next.aliases : {})]);
  for (const a of [...aliases].sort()) {
    if (changed(at(stored, ['aliases', a, 'endpoint']), at(next, ['aliases', a, 'endpoint']))) fields.push(`aliases.${a}.endpoint`);
  }
  return fields.length > 0 ? `Changing a provider key's endpoint (${fields.join(', ')}) ${TAIL}` : undefined;
}
