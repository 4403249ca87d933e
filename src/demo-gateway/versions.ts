/**
 * The Bifrost release lines the demo gateway plays (VERSIONS.md §8), as its
 * own table. This is the test bed of the client's version rules, so it never
 * reads them (src/api/versions): each behaviour is written here from the
 * upstream description, and the suites check the client against it.
 */

export const DEMO_VERSIONS = ['1.4', '1.5', '1.6', '2.2'] as const;
export type DemoVersion = (typeof DEMO_VERSIONS)[number];
/** `--gateway-version` when none is given. */
export const NEWEST_DEMO_VERSION: DemoVersion = '2.2';

/** How one release line behaves, per VERSIONS.md §8 (the section each row comes from is noted). */
export interface DemoProfile {
  readonly version: DemoVersion;
  /** What `GET /api/version` answers (§1): the release each profile stands for. */
  readonly reported: string;
  /** `/api/version` needs auth (v1.4, §1). */
  readonly versionNeedsAuth: boolean;
  /** Providers carry their keys, and a provider PUT's `keys` is the complete list (v1.4, §2, §6). */
  readonly keysInProviders: boolean;
  /** `/api/providers/{p}/keys[/{id}]` exist (v1.5+, §5.0). */
  readonly keyRoutes: boolean;
  /** The two `refresh-models` routes exist (v2, §5.7). */
  readonly refreshRoutes: boolean;
  /** Secret objects: `{value, env_var, from_env}` or `{value, ref, type}` (§4). */
  readonly secrets: 'env-var' | 'secret-var';
  /** Proxy secrets (§2): plain strings with `<REDACTED>` (v1.4); masked only when env-backed (v1.5, v1.6); url/username always masked (v2). */
  readonly proxy: 'plain-strings' | 'masked-when-env' | 'masked-always';
  /** `network_config.ca_cert_pem` on GET: `<REDACTED>` (v1.4) or the 4+24+4 mask (§2). */
  readonly caCert: 'placeholder' | 'mask';
  /** A body that does not decode (§3.3 step 2). */
  readonly badJson: 'invalid-json' | 'invalid-payload';
  /** `keys` in a provider PUT: merged as the complete list (v1.4), ignored (v1.5), refused when non-empty (v1.6+) (§3.1). */
  readonly providerPutKeys: 'merge' | 'ignore' | 'reject';
  /** An omitted `proxy_config`/`openai_config`/`prompt_cache`/`injected_tools` (§3.2). */
  readonly omittedBlocks: 'cleared' | 'kept';
  /** Provider fields only v2 has: `ignore_provider_cost` (always shown), `prompt_cache`, `injected_tools` (§2). */
  readonly v2ProviderFields: boolean;
  /** The base-URL check of a provider PUT (§3.3 step 10). */
  readonly baseUrlCheck: 'none' | 'ssrf' | 'shape-gate-ssrf';
  /** Key PUT: omitted fields cleared, or kept (§5.3). */
  readonly keyPut: 'full-replace' | 'patch';
  /** A masked key secret on a key PUT: restored only when it is the current mask, or whenever it is a placeholder (§5.3). */
  readonly keyMaskRestore: 'equal-to-current' | 'placeholder';
  /** Status of a duplicate key name (§5.2). */
  readonly duplicateKeyName: 409 | 500;
  /** Key endpoints, regions and URLs shown plain unless they come from a reference (v2, §5.1). */
  readonly plainKeyDialFields: boolean;
  /** Server defaults GET shows for a block that is not stored (§2). */
  readonly networkDefaults: 'older' | 'newer';
  /** `<redacted>` counts as redacted in exact lower case only (v1.4), or in any case along with `[REDACTED]` (§3.4). */
  readonly redactedWords: 'v1.4' | 'later';
  /** The 403 admin-session gates exist (switched on by `authBypassed`) (§5.6). */
  readonly gates: boolean;
  /** The setup-token lock exists (switched on by `setupToken`) (§5.6). */
  readonly setupLock: boolean;
}

const V14: DemoProfile = {
  version: '1.4', reported: 'v1.4.23', versionNeedsAuth: true, keysInProviders: true, keyRoutes: false, refreshRoutes: false,
  secrets: 'env-var', proxy: 'plain-strings', caCert: 'placeholder', badJson: 'invalid-json', providerPutKeys: 'merge',
  omittedBlocks: 'cleared', v2ProviderFields: false, baseUrlCheck: 'none', keyPut: 'full-replace', keyMaskRestore: 'equal-to-current',
  duplicateKeyName: 500, plainKeyDialFields: false, networkDefaults: 'older', redactedWords: 'v1.4', gates: false, setupLock: false,
};

const V15: DemoProfile = {
  ...V14, version: '1.5', reported: 'v1.5.2', versionNeedsAuth: false, keysInProviders: false, keyRoutes: true,
  proxy: 'masked-when-env', caCert: 'mask', providerPutKeys: 'ignore', redactedWords: 'later',
};

const V16: DemoProfile = {
  ...V15, version: '1.6', reported: 'v1.6.4', secrets: 'secret-var', badJson: 'invalid-payload', providerPutKeys: 'reject',
  baseUrlCheck: 'ssrf', keyMaskRestore: 'placeholder', duplicateKeyName: 409,
};

const V22: DemoProfile = {
  ...V16, version: '2.2', reported: 'v2.2.6', refreshRoutes: true, proxy: 'masked-always', omittedBlocks: 'kept',
  v2ProviderFields: true, baseUrlCheck: 'shape-gate-ssrf', keyPut: 'patch', plainKeyDialFields: true, networkDefaults: 'newer',
  gates: true, setupLock: true,
};

export const DEMO_PROFILES: Readonly<Record<DemoVersion, DemoProfile>> = { '1.4': V14, '1.5': V15, '1.6': V16, '2.2': V22 };

/** `"1.4"` (or `"v1.4"`, `"1.4.23"`) → the profile of that line, or undefined. */
export function demoVersionOf(text: string): DemoVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  if (!m) return undefined;
  const line = `${m[1]}.${m[2]}`;
  return (DEMO_VERSIONS as readonly string[]).includes(line) ? (line as DemoVersion) : undefined;
}
