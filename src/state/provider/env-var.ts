/**
 * EnvVar values (CONTRACT.md §7, §7.1): a bare string, the old
 * `{value, env_var, from_env}` object or the new `{value, ref, type}` object.
 * Display shows the reference when there is one; building a new wire value
 * keeps the shape the server sent where that shape can express the input.
 */
import { isRedacted, maskSecret } from '../../api/secrets.js';
import { isPlainObject } from '../json.js';

/** Which of the wire shapes a value has. */
export type EnvVarShape = 'absent' | 'string' | 'legacy' | 'ref' | 'other';

const REF_TEXT = /^(env|vault)\.\S+$/;

/** True when typed text is a reference (`env.NAME` or `vault.path`) rather than a literal. */
export function isReferenceText(text: string): boolean {
  return REF_TEXT.test(text.trim());
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return isPlainObject(v) ? v : undefined;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The keys an EnvVar object may have, in any of its wire shapes. */
const ENV_VAR_KEYS = new Set(['value', 'env_var', 'from_env', 'ref', 'type', 'from_vault', 'vault_var']);

/** An EnvVar object (any shape) is one value, not a subtree: it has `value` and only EnvVar keys. */
export function isEnvVarObject(v: unknown): v is Record<string, unknown> {
  const o = asRecord(v);
  return o !== undefined && 'value' in o && Object.keys(o).every((k) => ENV_VAR_KEYS.has(k));
}

/** Classifies a wire value. */
export function envVarShape(v: unknown): EnvVarShape {
  if (v === undefined || v === null) return 'absent';
  if (typeof v === 'string') return 'string';
  const o = asRecord(v);
  if (!o) return 'other';
  if ('env_var' in o || 'from_env' in o) return 'legacy';
  if ('ref' in o || 'type' in o) return 'ref';
  return 'value' in o ? 'legacy' : 'other';
}

/** The reference (`env.X`, `vault.y`) behind a value, if any. */
export function envVarRef(v: unknown): string | undefined {
  if (typeof v === 'string') return isReferenceText(v) ? v.trim() : undefined;
  const o = asRecord(v);
  if (!o) return undefined;
  if (str(o.ref)) return str(o.ref);
  if (o.from_env === true && str(o.env_var)) return str(o.env_var);
  // Newer legacy-shaped builds add vault references next to env ones.
  if (o.from_vault === true && str(o.vault_var)) return str(o.vault_var);
  const value = str(o.value);
  return isReferenceText(value) ? value : undefined;
}

/** The literal (possibly redacted) text of a value. */
export function envVarValue(v: unknown): string {
  if (typeof v === 'string') return v;
  return str(asRecord(v)?.value);
}

/** True when the value is a server-redacted secret (a mask or an env-backed value). */
export function isEnvVarRedacted(v: unknown): boolean {
  const o = asRecord(v);
  if (o?.from_env === true) return true;
  const text = envVarValue(v);
  return text !== '' && isRedacted(text);
}

/** True when the value holds nothing (no literal, no reference). */
export function isEnvVarEmpty(v: unknown): boolean {
  return envVarRef(v) === undefined && envVarValue(v) === '';
}

/** One-line display: the reference, else the (masked when `secret`) literal. */
export function displayEnvVar(v: unknown, secret: boolean): string {
  const ref = envVarRef(v);
  if (ref) return ref;
  const text = envVarValue(v);
  if (v === undefined || v === null) return '(not set)';
  if (text === '') return '(empty)';
  if (secret || isRedacted(text)) return maskSecret(text);
  return text;
}

/**
 * Initial text for an inline editor: the reference, or the literal when it is
 * neither secret nor redacted. A secret starts empty so the mask is never
 * typed over (an edited mask would be stored as the new secret, CONTRACT §7).
 */
export function envVarEditText(v: unknown, secret: boolean): string {
  const ref = envVarRef(v);
  if (ref) return ref;
  const text = envVarValue(v);
  return secret || isRedacted(text) ? '' : text;
}

/**
 * The wire value for text the user typed: a plain JSON string, which every
 * Bifrost line reads (VERSIONS.md §4, "portable rule"): a literal, or
 * `env.NAME` / `vault.path` as a reference (the write dialect refuses `vault.`
 * on a line before v1.6). Never an object: `{value, ref, type}` is stored as
 * its JSON text by v1.4 and v1.5. `original` is the fetched value; only a
 * changed field is built here, an untouched one goes back as it came.
 */
export function buildEnvVar(original: unknown, text: string): unknown {
  void original;
  return isReferenceText(text) ? text.trim() : text;
}
