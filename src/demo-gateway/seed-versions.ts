/** The seeded providers as a given line stores them (VERSIONS.md §2, §4, §5.1): same data, that line's shapes. */
import { isObject, type JsonObject } from './json.js';
import { reshapeKeySecrets, reshapeProxy } from './redact.js';
import type { StoredProvider } from './store.js';
import type { DemoProfile } from './versions.js';

/**
 * v1.4 keys have no `aliases`: an Azure/Bedrock/Vertex key keeps them as its config's `deployments` (§5.5).
 * Every model is `[]` there (`"*"` matches no model name; upgrading to v1.5 turned `[]` into `["*"]`).
 */
function v14Key(key: JsonObject): JsonObject {
  const { aliases, ...rest } = key;
  if (Array.isArray(rest.models) && rest.models.length === 1 && rest.models[0] === '*') rest.models = [];
  if (!isObject(aliases)) return rest;
  for (const block of ['azure_key_config', 'bedrock_key_config', 'vertex_key_config']) {
    if (isObject(rest[block])) return { ...rest, [block]: { ...rest[block], deployments: aliases } };
  }
  return rest;
}

export function seedForVersion(profile: DemoProfile, providers: readonly JsonObject[]): StoredProvider[] {
  return providers.map((p) => {
    const out = structuredClone(p) as StoredProvider;
    const keys = (Array.isArray(out.keys) ? out.keys : []).filter(isObject).map((k) => reshapeKeySecrets(profile, profile.keysInProviders ? v14Key(k) : k));
    out.keys = keys;
    if (isObject(out.proxy_config)) out.proxy_config = reshapeProxy(profile, out.proxy_config);
    if (profile.v2ProviderFields && out.ignore_provider_cost === undefined) out.ignore_provider_cost = false;
    return out;
  });
}
