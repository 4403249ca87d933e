/**
 * The version rules: one table, per release line, of what the management API
 * means on that line (VERSIONS.md, the source of truth for every row). Data,
 * not code: the functions in `dialect.ts` read it; `rulesFor` picks a line and
 * applies the sub-rules of the releases inside it that changed something.
 *
 * A version found by probing has no release: only the line's base rules apply,
 * which are written to be the safe side for a client that always sends
 * complete objects (e.g. a v2 key PUT is assumed to replace, not to patch).
 */
import { compareRelease, release, type GatewayVersion, type Release, type VersionLine } from './gateway-version.js';
import type { ModelListSemantics } from '../key-rules.js';

/** The two object shapes of a secret: `{value, env_var, from_env}` (EnvVar) and `{value, ref, type}` (SecretVar). */
export type SecretShape = 'env-var' | 'secret-var';

/** Which changes a gateway answers with 403 "requires an authenticated admin session" when its dashboard auth is off (§5.6). */
export interface GateRules {
  /** Provider fields (dotted paths; `*` any one segment) whose change needs an admin session. */
  readonly providerFields: readonly string[];
  /** Key fields (dial targets) whose change, or any value on a new key, needs an admin session. */
  readonly keyDialTargets: readonly string[];
}

/** Start of each error message the line sends, for matching by prefix only (VERSIONS.md §7.11). */
export interface ErrorPrefixes {
  /** A body that does not decode. */
  readonly badJson: string;
  /** Non-empty `keys` on a provider PUT (v1.6+). */
  readonly keysRejected?: string;
  /** A duplicate key name. */
  readonly duplicateKeyName: string;
  /** A masked value sent for a key secret with nothing stored (v1.6+). */
  readonly maskedPreview?: string;
  /** A model refresh already running (v2). */
  readonly refreshInProgress?: string;
  /** What every gate 403 says (§5.6). */
  readonly gate?: string;
}

/** Everything a client must know to speak one line (VERSIONS.md §7). */
export interface VersionRules {
  readonly line: VersionLine;
  /** Where a provider's keys live: in the provider object (v1.4) or behind their own routes (§2, §5.0). */
  readonly keysLive: 'in-provider' | 'key-routes';
  /** `keys` on a provider PUT: the complete list, echoed whole as fetched (v1.4), or never sent (§3.1, §7.2). */
  readonly providerPutKeys: 'echo-whole' | 'never-send';
  /** Provider fields the gateway computes or ignores: dropped from every PUT body (§2, §3.1). */
  readonly readOnlyProviderFields: readonly string[];
  /** The writable top-level provider fields this line decodes on a PUT (§3.1); anything else it ignores. */
  readonly providerFields: readonly string[];
  /** `network_config` settings this line does not have: it drops them silently (§3.3, "unknown sub-fields are dropped"). */
  readonly networkFieldsAbsent: readonly string[];
  /** Optional provider blocks that an omitted field affects (§3.2). */
  readonly optionalBlocks: readonly string[];
  /** What omitting an optional block does; `null` clears on every line (§3.2). */
  readonly omittedBlock: 'cleared' | 'kept';
  /** Provider secret paths this line keeps as plain strings (never an EnvVar object): v1.4's proxy fields, the CA PEM everywhere (§2, §3.4). */
  readonly plainStringSecrets: readonly string[];
  /** Provider secret paths where this line reads no reference (`env.NAME` would be the value itself): v1.4's proxy fields and CA PEM (§2). */
  readonly noReferences: readonly string[];
  /** The secret object shape GET sends (§4). */
  readonly secretShape: SecretShape;
  /** The secret object shapes a write understands; any other object is stored as its JSON text (v1.4, v1.5) or its `value` (§4). */
  readonly secretShapesAccepted: readonly SecretShape[];
  /** `vault.path` references (v1.6+). */
  readonly vaultReferences: boolean;
  /** Masked values a provider or key write restores to the stored secret; anything else is stored literally (§3.4, §5.3). */
  readonly maskRestore: 'equal-to-current' | 'any-placeholder';
  /** What a key's `models` list means (§5.5): `[]`, `["*"]` and an absent list. */
  readonly models: ModelListSemantics;
  /** A key PUT replaces the whole key (omitted = cleared) or patches it (omitted = kept); `none`: no key routes (§5.3). */
  readonly keyPut: 'none' | 'full-replace' | 'patch';
  /** A key's `aliases`: absent (v1.4 has per-provider `deployments`), strings, or strings and objects (§5.5). */
  readonly aliases: 'absent' | 'strings' | 'strings-or-objects';
  /** Per provider type: a key config GET drops, so echoing the keys would lose it (v1.4 `huggingface_key_config`, §5.1, §6). */
  readonly keyConfigsLostOnEcho: Readonly<Record<string, string>>;
  /** Key secret fields GET shows plain unless they come from a reference (v2: endpoints, regions, URLs; §5.1). */
  readonly plainKeyFields: readonly string[];
  /** What GET shows for a `network_config` that is not stored (§2); a field absent here has no server default. */
  readonly networkDefaults: Readonly<Record<string, number>>;
  /** HTTP status of a duplicate key name (§5.2). */
  readonly duplicateKeyNameStatus: 409 | 500;
  /** Routes, and whether `/api/version` needs auth (§1, §5.0). */
  readonly routes: { readonly keyRoutes: boolean; readonly refreshModels: boolean; readonly versionNeedsAuth: boolean };
  /** The 403 gates (v2), or none. */
  readonly gates?: GateRules;
  /** Whether the gateway may lock `/api` until setup, asking for `X-Bifrost-Setup-Token` (v2.2.6). */
  readonly setupToken: boolean;
  readonly errors: ErrorPrefixes;
}

const READ_ONLY_V14 = ['name', 'provider_status', 'status', 'description', 'config_hash'] as const;
const READ_ONLY = [...READ_ONLY_V14, 'keys'] as const;

const COMMON_FIELDS = [
  'network_config', 'concurrency_and_buffer_size', 'proxy_config', 'send_back_raw_request', 'send_back_raw_response',
  'store_raw_request_response', 'custom_provider_config',
] as const;
const V15_FIELDS = [...COMMON_FIELDS, 'openai_config'] as const;
/** Network settings that arrived later: `allow_private_network` ~v1.5.9, the keep-alive and HTTP/2 ping settings in v2 (§3.3). */
const V2_NETWORK = ['keep_alive_timeout_in_seconds', 'http2_ping_interval_in_seconds'] as const;

const DUPLICATE_409 = 'API key names must be unique across providers';

const OLDER_NETWORK_DEFAULTS = {
  default_request_timeout_in_seconds: 30, retry_backoff_initial: 500, retry_backoff_max: 5000, stream_idle_timeout_in_seconds: 60, max_conns_per_host: 5000,
} as const;
const NEWER_NETWORK_DEFAULTS = {
  default_request_timeout_in_seconds: 300, retry_backoff_initial: 500, retry_backoff_max: 5000, stream_idle_timeout_in_seconds: 120,
  keep_alive_timeout_in_seconds: 30, max_conns_per_host: 5000,
} as const;
const V2_PLAIN_KEY_FIELDS = [
  'azure_key_config.endpoint', 'vertex_key_config.region', 'bedrock_key_config.region', 'bedrock_mantle_key_config.region',
  'vllm_key_config.url', 'ollama_key_config.url', 'sgl_key_config.url', 'databricks_key_config.workspace_url', 'bedrock_key_config.project_id',
] as const;
const GATE = 'requires an authenticated admin session';

const PROVIDER_GATE_FIELDS = [
  'network_config.base_url', 'network_config.allow_private_network', 'network_config.insecure_skip_verify',
  'network_config.ca_cert_pem', 'proxy_config.url', 'proxy_config.ca_cert_pem', 'custom_provider_config.request_path_overrides.*',
] as const;

const KEY_DIAL_TARGETS = [
  'ollama_key_config.url', 'sgl_key_config.url', 'vllm_key_config.url', 'azure_key_config.endpoint',
  'databricks_key_config.workspace_url', 'github_copilot_key_config.github_domain',
  ...['runtime', 'control_plane', 'mantle', 'agent_runtime', 's3'].flatMap((e) => [
    `bedrock_key_config.endpoints.${e}`, `bedrock_mantle_key_config.endpoints.${e}`,
  ]),
  'aliases.*.endpoint',
] as const;

/** The base rules of each line: its oldest release that the snapshots of VERSIONS.md §0 describe. */
export const LINE_RULES: Readonly<Record<VersionLine, VersionRules>> = {
  'v1.4': {
    line: 'v1.4',
    keysLive: 'in-provider',
    providerPutKeys: 'echo-whole',
    readOnlyProviderFields: READ_ONLY_V14,
    providerFields: ['keys', ...COMMON_FIELDS],
    networkFieldsAbsent: ['allow_private_network', ...V2_NETWORK],
    optionalBlocks: ['proxy_config'],
    omittedBlock: 'cleared',
    plainStringSecrets: ['network_config.ca_cert_pem', 'proxy_config.url', 'proxy_config.username', 'proxy_config.password', 'proxy_config.ca_cert_pem'],
    noReferences: ['network_config.ca_cert_pem', 'proxy_config.url', 'proxy_config.username', 'proxy_config.password', 'proxy_config.ca_cert_pem'],
    secretShape: 'env-var',
    secretShapesAccepted: ['env-var'],
    vaultReferences: false,
    maskRestore: 'equal-to-current',
    models: { empty: 'all', wildcard: 'nothing', absent: 'all' },
    keyPut: 'none',
    aliases: 'absent',
    keyConfigsLostOnEcho: { huggingface: 'huggingface_key_config' },
    plainKeyFields: [],
    networkDefaults: OLDER_NETWORK_DEFAULTS,
    duplicateKeyNameStatus: 500,
    routes: { keyRoutes: false, refreshModels: false, versionNeedsAuth: true },
    setupToken: false,
    errors: { badJson: 'Invalid JSON: ', duplicateKeyName: 'Failed to update provider: ' },
  },
  'v1.5': {
    line: 'v1.5',
    keysLive: 'key-routes',
    providerPutKeys: 'never-send',
    readOnlyProviderFields: READ_ONLY,
    providerFields: V15_FIELDS,
    networkFieldsAbsent: ['allow_private_network', ...V2_NETWORK],
    optionalBlocks: ['proxy_config', 'openai_config'],
    omittedBlock: 'cleared',
    plainStringSecrets: ['network_config.ca_cert_pem'],
    noReferences: [],
    secretShape: 'env-var',
    secretShapesAccepted: ['env-var'],
    vaultReferences: false,
    maskRestore: 'equal-to-current',
    models: { empty: 'none', wildcard: 'all', absent: 'none' },
    keyPut: 'full-replace',
    aliases: 'strings',
    keyConfigsLostOnEcho: {},
    plainKeyFields: [],
    networkDefaults: OLDER_NETWORK_DEFAULTS,
    duplicateKeyNameStatus: 500,
    routes: { keyRoutes: true, refreshModels: false, versionNeedsAuth: false },
    setupToken: false,
    errors: { badJson: 'Invalid JSON: ', duplicateKeyName: 'Failed to create provider key: ' },
  },
  'v1.6': {
    line: 'v1.6',
    keysLive: 'key-routes',
    providerPutKeys: 'never-send',
    readOnlyProviderFields: READ_ONLY,
    providerFields: V15_FIELDS,
    networkFieldsAbsent: V2_NETWORK,
    optionalBlocks: ['proxy_config', 'openai_config'],
    omittedBlock: 'cleared',
    plainStringSecrets: ['network_config.ca_cert_pem'],
    noReferences: [],
    secretShape: 'secret-var',
    secretShapesAccepted: ['secret-var', 'env-var'],
    vaultReferences: true,
    maskRestore: 'any-placeholder',
    models: { empty: 'none', wildcard: 'all', absent: 'none' },
    keyPut: 'full-replace',
    aliases: 'strings-or-objects',
    keyConfigsLostOnEcho: {},
    plainKeyFields: [],
    // The v1.6 defaults are [unconfirmed] (§9): the older core's are taken.
    networkDefaults: OLDER_NETWORK_DEFAULTS,
    duplicateKeyNameStatus: 409,
    routes: { keyRoutes: true, refreshModels: false, versionNeedsAuth: false },
    setupToken: false,
    errors: {
      badJson: 'Invalid request payload',
      keysRejected: 'keys are not accepted on this endpoint',
      duplicateKeyName: DUPLICATE_409,
      maskedPreview: 'masked preview cannot be used for ',
    },
  },
  v2: {
    line: 'v2',
    keysLive: 'key-routes',
    providerPutKeys: 'never-send',
    readOnlyProviderFields: READ_ONLY,
    // `prompt_cache` from v2.1.0 (a sub-rule); `injected_tools` first seen in the v2.2.6 snapshot, its first release [unconfirmed].
    providerFields: [...V15_FIELDS, 'ignore_provider_cost', 'injected_tools'],
    networkFieldsAbsent: [],
    optionalBlocks: ['proxy_config', 'openai_config', 'prompt_cache', 'injected_tools'],
    // v2.0.x is [unconfirmed]: until v2.1.0 is known, omission is taken to clear (the client sends every block anyway).
    omittedBlock: 'cleared',
    plainStringSecrets: ['network_config.ca_cert_pem'],
    noReferences: [],
    secretShape: 'secret-var',
    secretShapesAccepted: ['secret-var', 'env-var'],
    vaultReferences: true,
    maskRestore: 'any-placeholder',
    models: { empty: 'none', wildcard: 'all', absent: 'none' },
    // Patch semantics are seen only from v2.2.6: before, and when unsure, a key PUT replaces (§5.3).
    keyPut: 'full-replace',
    aliases: 'strings-or-objects',
    keyConfigsLostOnEcho: {},
    plainKeyFields: V2_PLAIN_KEY_FIELDS,
    networkDefaults: NEWER_NETWORK_DEFAULTS,
    duplicateKeyNameStatus: 409,
    routes: { keyRoutes: true, refreshModels: true, versionNeedsAuth: false },
    // Where the gates start inside v2 is [unconfirmed]: a v2 gateway may have them.
    gates: { providerFields: PROVIDER_GATE_FIELDS, keyDialTargets: KEY_DIAL_TARGETS },
    setupToken: true,
    errors: {
      badJson: 'Invalid request payload',
      keysRejected: 'keys are not accepted on this endpoint',
      duplicateKeyName: DUPLICATE_409,
      maskedPreview: 'masked preview cannot be used for ',
      refreshInProgress: 'model refresh already in progress',
      gate: GATE,
    },
  },
};

/** A change inside a line, from a release on (VERSIONS.md: the `≥` notes of §2, §3.1, §3.2, §5.3). */
export interface SubRule {
  readonly line: VersionLine;
  readonly from: Release;
  /** Why, in words (shown in no UI; for the reader of the table). */
  readonly note: string;
  readonly set: Partial<VersionRules>;
}

export const SUB_RULES: readonly SubRule[] = [
  {
    line: 'v1.4', from: release('1.4.8'), note: '`pricing_overrides` is decoded, and cleared when omitted (§3.2)',
    set: { optionalBlocks: ['proxy_config', 'pricing_overrides'], providerFields: ['keys', ...COMMON_FIELDS, 'pricing_overrides'] },
  },
  {
    line: 'v1.4', from: release('1.4.17'), note: '`openai_config` is decoded, and cleared when omitted (§3.2)',
    set: { optionalBlocks: ['proxy_config', 'pricing_overrides', 'openai_config'], providerFields: ['keys', ...COMMON_FIELDS, 'pricing_overrides', 'openai_config'] },
  },
  {
    line: 'v1.5', from: release('1.5.9'), note: '`network_config.allow_private_network` exists (§3.3 step 10)',
    set: { networkFieldsAbsent: V2_NETWORK },
  },
  {
    line: 'v2', from: release('2.1.0'), note: 'an omitted optional block is kept; `null` clears it (§3.2)',
    set: { omittedBlock: 'kept', providerFields: [...V15_FIELDS, 'ignore_provider_cost', 'injected_tools', 'prompt_cache'] },
  },
  {
    line: 'v2', from: release('2.2.6'), note: 'a key PUT patches: an omitted field keeps its stored value (§5.3)',
    set: { keyPut: 'patch' },
  },
];

/** The rules of one line at one release (the line's base rules when the release is unknown). */
export function rulesForRelease(line: VersionLine, at?: Release): VersionRules {
  let rules: VersionRules = LINE_RULES[line];
  if (!at) return rules;
  for (const sub of SUB_RULES) {
    if (sub.line === line && compareRelease(at, sub.from) >= 0) rules = { ...rules, ...sub.set };
  }
  return rules;
}

/** The rules for a gateway's version: `rulesFor(await client.version())`. */
export function rulesFor(version: GatewayVersion): VersionRules {
  return rulesForRelease(version.line, version.release);
}
