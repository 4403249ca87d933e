/** Value equality for form fields, tolerant of the gateway's "omitted when empty" encoding. */
import { envVarRef, envVarValue, isEnvVarEmpty } from './env-var.js';
import { toNumber } from './parsers.js';
import type { FieldDescriptor } from './types.js';

/** JSON text with object keys sorted, for order-independent comparison. */
export function stableStringify(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`).join(',')}}`;
}

/** Deep JSON equality, ignoring key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

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
      return v; // {} (nothing allowed) differs from absent (everything allowed)
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
