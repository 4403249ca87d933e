/**
 * Top-level fields of a provider that this client knows (any gateway version,
 * CONTRACT §5 and VERSIONS.md), and the check that refuses a document field
 * nobody knows: the real gateway ignores unknown fields, so a typo such as
 * `netwrk_config` would otherwise be "applied" and change nothing.
 */
import type { Provider } from '../../api/wire.js';
import { closestWords } from '../cli/closest.js';

export const KNOWN_PROVIDER_FIELDS: readonly string[] = [
  'name', 'network_config', 'concurrency_and_buffer_size', 'proxy_config', 'send_back_raw_request',
  'send_back_raw_response', 'store_raw_request_response', 'custom_provider_config', 'openai_config',
  'prompt_cache', 'provider_status', 'status', 'description', 'config_hash', 'keys',
  // Seen in other versions only (VERSIONS.md §3.1, CONTRACT §5).
  'pricing_overrides', 'provider_request_id', 'allow_direct_keys', 'ignore_provider_cost', 'injected_tools',
];

/** A field of a document that neither the gateway's copy has nor this client knows, and the closest known one. */
export interface UnknownField {
  field: string;
  suggestion?: string;
}

/** The top-level fields of `doc` that are not on `fetched` (the gateway's copy; undefined for a new provider) and not known here. */
export function unknownFields(doc: Record<string, unknown>, fetched: Provider | undefined): UnknownField[] {
  const onGateway = Object.keys(fetched ?? {});
  const known = new Set([...KNOWN_PROVIDER_FIELDS, ...onGateway]);
  return Object.keys(doc)
    .filter((f) => !known.has(f))
    .map((field) => {
      const [suggestion] = closestWords(field, [...known], 1);
      return suggestion ? { field, suggestion } : { field };
    });
}

/** One line per unknown field: "netwrk_config: no such field (…); did you mean network_config?". */
export function describeUnknownField(u: UnknownField, provider: string): string {
  const why = `no such field on ${provider} (not on the gateway's copy, not known to this client; the gateway would ignore it)`;
  return `${u.field}: ${why}${u.suggestion ? `; did you mean ${u.suggestion}?` : ''} (--force sends it anyway)`;
}
