/**
 * Secrets as each line decodes, stores and redacts them (VERSIONS.md §3.4, §4):
 * v1.4 and v1.5 hold an EnvVar `{value, env_var, from_env}` and store any
 * other object as its JSON text; v1.6+ hold a SecretVar `{value, ref?, type}`
 * and take the older shape too. References (`env.NAME`) resolve from this
 * process's environment; vault references stay unresolved.
 */
import { isObject, jsonEqual, type JsonObject } from './json.js';
import type { DemoProfile } from './versions.js';

/** What the newer cores send for a proxy password or CA instead of the value. */
export const PROXY_SECRET_PLACEHOLDER = '<REDACTED>';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const ENV_REF = /^env\.(.+)$/;
const VAULT_REF = /^vault\..+$/;

/** 4 + 24 `*` + 4 for values over 8 characters; all `*` otherwise; empty stays empty. */
export function mask(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(24)}${value.slice(-4)}`;
}

/** Upstream `IsRedacted` on a text: all-`*` up to 8, a 4+24+4 mask, or the redacted words of the line. */
export function isRedactedText(profile: DemoProfile, text: string): boolean {
  if (text.length === 0) return false;
  if (text.length <= 8 && /^\*+$/.test(text)) return true;
  if (text.length === 32 && text.slice(4, 28) === '*'.repeat(24)) return true;
  if (profile.redactedWords === 'v1.4') return text === '<redacted>' || text === PROXY_SECRET_PLACEHOLDER || text === '********';
  const lower = text.toLowerCase();
  return lower === '<redacted>' || lower === '[redacted]';
}

const resolveEnv = (ref: string): string => process.env[ENV_REF.exec(ref)?.[1] ?? ''] ?? '';

function decodeEnvVar(profile: DemoProfile, v: unknown): JsonObject {
  if (typeof v === 'string') {
    return ENV_REF.test(v) ? { value: resolveEnv(v), env_var: v, from_env: true } : { value: v, env_var: '', from_env: false };
  }
  if (v === undefined || v === null) return { value: '', env_var: '', from_env: false };
  // Only an object holding both `value` and `env_var` decodes; any other is stored as its JSON text (§4).
  if (isObject(v) && 'value' in v && 'env_var' in v) {
    const out = { value: str(v.value), env_var: str(v.env_var), from_env: v.from_env === true };
    // v1.5's "new format": `{"value":"","env_var":"env.X","from_env":true}` resolves.
    if (profile.version !== '1.4' && out.from_env && out.value === '' && ENV_REF.test(out.env_var)) out.value = resolveEnv(out.env_var);
    return out;
  }
  return { value: JSON.stringify(v), env_var: '', from_env: false };
}

function decodeSecretVar(v: unknown): JsonObject {
  if (v === undefined || v === null) return { value: '', type: 'plain_text' };
  if (typeof v === 'string') {
    if (ENV_REF.test(v)) return { value: resolveEnv(v), ref: v, type: 'env' };
    if (VAULT_REF.test(v)) return { value: '', ref: v, type: 'vault' };
    return { value: v, type: 'plain_text' };
  }
  if (!isObject(v)) return { value: JSON.stringify(v), type: 'plain_text' };
  const ref = str(v.ref) || (v.from_env === true ? str(v.env_var) : '') || (str(v.env_var) !== '' && str(v.value) === str(v.env_var) ? str(v.env_var) : '');
  if (ENV_REF.test(ref)) return { value: resolveEnv(ref), ref, type: 'env' };
  if (VAULT_REF.test(ref)) return { value: '', ref, type: 'vault' };
  // Any other object is the plain text of its `value`.
  return { value: str(v.value), type: 'plain_text' };
}

/** An incoming JSON value (string or object) as the line stores it. */
export function decodeSecret(profile: DemoProfile, v: unknown): JsonObject {
  return profile.secrets === 'env-var' ? decodeEnvVar(profile, v) : decodeSecretVar(v);
}

/** The reference (`env.X`, `vault.y`) a value as sent or stored stands for, or ''. */
export function referenceOf(v: unknown): string {
  if (typeof v === 'string') return ENV_REF.test(v) || VAULT_REF.test(v) ? v : '';
  if (!isObject(v)) return '';
  if (str(v.ref) !== '') return str(v.ref);
  return v.from_env === true ? str(v.env_var) : '';
}

/**
 * A value sent as stored: the stored secret when it is the same reference (its
 * value was resolved from the same variable), else decoded.
 */
export function decodeAgainst(profile: DemoProfile, sent: unknown, stored: unknown): unknown {
  const decoded = decodeSecret(profile, sent);
  const ref = referenceOf(decoded);
  if (ref !== '' && stored !== undefined && stored !== null && referenceOf(stored) === ref) return stored;
  return decoded;
}

/** A seeded secret (either object shape, value as if resolved) in the line's stored shape, value kept. */
export function reshapeSecret(profile: DemoProfile, v: unknown): unknown {
  if (!isObject(v)) return v === undefined || v === null || typeof v === 'string' ? decodeSecret(profile, v ?? '') : v;
  const ref = referenceOf(v);
  const value = str(v.value);
  if (profile.secrets === 'env-var') return { value, env_var: ref, from_env: ref !== '' };
  return ref === '' ? { value, type: 'plain_text' } : { value, ref, type: ref.startsWith('vault.') ? 'vault' : 'env' };
}

/** A stored secret that comes from a reference (env or vault) rather than a literal. */
export function isReference(stored: unknown): boolean {
  return isObject(stored) && (stored.from_env === true || stored.type === 'env' || stored.type === 'vault');
}

export interface RedactOptions {
  /** Literal values become this text instead of their mask (proxy password and CA). */
  placeholder?: string;
  /** v2 `masked-always`: the placeholder replaces references' values too, keeping ref/type. */
  placeholderAlways?: boolean;
  /** v2 endpoints, regions, URLs: shown plain unless they come from a reference. */
  plainUnlessReference?: boolean;
}

/** The redacted wire object of a stored secret. */
export function redactSecret(stored: unknown, opts: RedactOptions = {}): JsonObject {
  const s: JsonObject = isObject(stored) ? { ...stored } : { value: str(stored) };
  const value = str(s.value);
  if (value === '') return s;
  const ref = isReference(s);
  if (opts.placeholder !== undefined && (!ref || opts.placeholderAlways)) return { ...s, value: opts.placeholder };
  if (opts.plainUnlessReference && !ref) return s;
  return { ...s, value: mask(value) };
}

/** Upstream's "this value is redacted" for a value as sent: a masked text, or a reference object. */
export function looksRedacted(profile: DemoProfile, v: unknown): boolean {
  if (typeof v === 'string') return isRedactedText(profile, v);
  if (!isObject(v)) return false;
  return v.from_env === true || v.type === 'env' || v.type === 'vault' || isRedactedText(profile, str(v.value));
}

/**
 * Provider-PUT and v1.4/v1.5 restore rule (§3.4, §6): the stored secret is kept
 * when the value sent looks redacted AND equals its current redacted form
 * (a plain-string mask also matches a literal's); anything else is stored as sent.
 */
export function restoreIfCurrent(profile: DemoProfile, sent: unknown, stored: unknown, redactedNow: unknown): unknown {
  if (stored === undefined || stored === null || !looksRedacted(profile, sent)) return sent;
  if (jsonEqual(sent, redactedNow)) return stored;
  if (typeof sent === 'string' && isObject(redactedNow) && !isReference(stored) && sent === redactedNow.value) return stored;
  return sent;
}
