/**
 * Writable wire fields that no descriptor covers (newer or older gateway
 * fields such as `prompt_cache` or `network_config.http2_ping_interval_in_seconds`).
 * They are shown read-only and sent back unchanged by buildUpdateBody.
 */
import type { Provider } from '../../api/wire.js';
import { READ_ONLY_FIELDS } from '../../api/wire-fields.js';
import { isSecretName, isSecretPath, isRedacted, maskSecret } from '../../api/secrets.js';
import { isPlainObject } from '../json.js';
import { DESCRIPTORS } from './descriptors.js';

/** One uncovered field. */
export interface OtherField {
  /** `other:<dotted path>`. */
  readonly id: string;
  readonly path: readonly string[];
  readonly label: string;
  readonly value: unknown;
}

/** Blocks whose subfields the form knows; unknown keys inside them are listed one by one. */
const KNOWN_BLOCKS: ReadonlySet<string> = new Set(
  DESCRIPTORS.filter((d) => d.path.length > 1).map((d) => d.path[0]!),
);
const COVERED: ReadonlySet<string> = new Set(DESCRIPTORS.map((d) => d.id));

/** Every writable field present in `provider` that no descriptor covers, in object order. */
export function otherFields(provider: Provider): OtherField[] {
  const out: OtherField[] = [];
  const push = (path: string[], value: unknown): void => {
    const dotted = path.join('.');
    out.push({ id: `other:${dotted}`, path, label: dotted, value });
  };
  for (const [key, value] of Object.entries(provider)) {
    if ((READ_ONLY_FIELDS as readonly string[]).includes(key) || value === undefined) continue;
    if (KNOWN_BLOCKS.has(key)) {
      if (!isPlainObject(value)) continue; // null block: nothing uncovered inside
      for (const [sub, subValue] of Object.entries(value)) {
        if (subValue !== undefined && !COVERED.has(`${key}.${sub}`)) push([key, sub], subValue);
      }
    } else if (!COVERED.has(key)) {
      push([key], value);
    }
  }
  return out;
}

/** One-line display of an uncovered value, masking anything secret-looking at any depth. */
export function formatOtherValue(path: readonly string[], value: unknown, maxLength = 80): string {
  const text = JSON.stringify(maskDeep(path, value)) ?? 'null';
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** A copy of `value` with secret-named or redacted strings masked. */
export function maskDeep(path: readonly string[], value: unknown): unknown {
  if (typeof value === 'string') {
    const last = path[path.length - 1] ?? '';
    return isSecretPath(path.join('.')) || isSecretName(last) || isRedacted(value) ? maskSecret(value) : value;
  }
  if (Array.isArray(value)) return value.map((v, i) => maskDeep([...path, String(i)], v));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep([...path, k], v)]));
  }
  return value;
}
