/** Value equality for form fields, tolerant of the gateway's "omitted when empty" encoding. */
import { jsonEqual } from '../json.js';
import { envVarRef, envVarValue, isEnvVarEmpty } from './env-var.js';
import { toNumber } from './parsers.js';
import type { FieldDescriptor } from './types.js';

/**
 * A field's wire value with "nothing" collapsed to undefined: null, false
 * toggles, 0 numbers, empty strings/maps, proxy type "none", empty EnvVars.
 * The gateway omits all of these on output, so they are the same setting.
 */
export function normalizeFieldValue(d: FieldDescriptor, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  switch (d.kind) {
    case 'toggle':
      return v === false ? undefined : v;
    case 'number': {
      // `"500ms"` and 500 are the same backoff.
      const n = toNumber(v);
      return n === 0 ? undefined : (n ?? v);
    }
    case 'map':
      return typeof v === 'object' && Object.keys(v).length === 0 ? undefined : v;
    case 'enum':
      return v === '' || (d.id === 'proxy_config.type' && v === 'none') ? undefined : v;
    case 'flags':
      // Upstream allows exactly the true flags, so a false flag and a missing one mean the same.
      // {} (nothing allowed) still differs from absent (everything allowed).
      return typeof v === 'object' ? { allowed: Object.entries(v as Record<string, unknown>).filter(([, on]) => on === true).map(([k]) => k).sort() } : v;
    default:
      // By meaning: the same reference, or the same literal, in any wire shape.
      if (d.envVar) {
        if (isEnvVarEmpty(v)) return undefined;
        const ref = envVarRef(v);
        return ref ? { ref } : { literal: envVarValue(v) };
      }
      return v === '' ? undefined : v;
  }
}

/** True when two wire values of a field mean the same setting. */
export function sameFieldValue(d: FieldDescriptor, a: unknown, b: unknown): boolean {
  return jsonEqual(normalizeFieldValue(d, a), normalizeFieldValue(d, b));
}

/** Values a gateway may fill in for "unset" (CONTRACT §8: older core, newer core and UI defaults). */
const DEFAULT_FILLS: Readonly<Record<string, readonly number[]>> = {
  'network_config.default_request_timeout_in_seconds': [300, 30],
  'network_config.retry_backoff_initial': [500, 1000],
  'network_config.retry_backoff_max': [5000, 10000],
  'network_config.stream_idle_timeout_in_seconds': [120, 60],
  'network_config.keep_alive_timeout_in_seconds': [30],
  'network_config.max_conns_per_host': [5000],
  'concurrency_and_buffer_size.concurrency': [1000],
  'concurrency_and_buffer_size.buffer_size': [5000],
};

/** True when `n` (a normalized number) is a value a gateway fills in for this field when it is unset. */
export function isDefaultFill(d: FieldDescriptor, n: unknown): boolean {
  return typeof n === 'number' && (DEFAULT_FILLS[d.id]?.includes(n) ?? false);
}

/**
 * Like normalizeFieldValue, with EnvVars as their reference or literal text
 * (whatever their wire shape). Explicit values stay as they are: 300 and 30
 * are different timeouts.
 */
export function compareValue(d: FieldDescriptor, v: unknown): unknown {
  const n = normalizeFieldValue(d, v);
  if (d.envVar && n !== undefined) {
    const o = n as { ref?: string; literal?: string };
    return o.ref ?? o.literal;
  }
  return n;
}
