/** Provider-kind predicates used by visibility rules and validation. */
import { getAtPath } from '../../api/update-body.js';
import type { Provider } from '../../api/wire.js';

/** True when the provider is custom (CONTRACT §5: `custom_provider_config` present exactly then). */
export function isCustomProvider(p: Provider): boolean {
  const c = p.custom_provider_config;
  return c !== null && typeof c === 'object';
}

/** The provider type that decides behaviour: the base type for custom providers, else the name. */
export function baseType(p: Provider): string {
  const base = isCustomProvider(p) ? p.custom_provider_config?.base_provider_type : undefined;
  return (base || p.name || '').toLowerCase();
}

/** Providers whose URL lives in per-key config (CONTRACT §5.1, §9). */
export const URL_PER_KEY_PROVIDERS: ReadonlySet<string> = new Set(['vllm', 'ollama', 'sgl']);

/** Providers that speak the Anthropic Messages API and its beta headers. */
export const ANTHROPIC_FAMILY: ReadonlySet<string> = new Set(['anthropic', 'bedrock', 'vertex']);

/** True when the wire value at `path` is set (not absent/null/''/empty map). */
export function isSet(p: Provider, path: readonly string[]): boolean {
  const v = getAtPath(p, path);
  if (v === undefined || v === null || v === '' || v === false) return false;
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    // An EnvVar object with neither value nor reference is unset.
    if ('value' in o && (o.value === '' || o.value === undefined) && !o.env_var && !o.ref) return false;
    return Object.keys(o).length > 0;
  }
  return true;
}

/** The proxy type in effect ('none' when no proxy block). */
export function proxyType(p: Provider): string {
  const t = p.proxy_config?.type;
  return typeof t === 'string' && t !== '' ? t : 'none';
}
