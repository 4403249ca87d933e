/**
 * Secrets across versions (VERSIONS.md §4): which object shape a value has,
 * what a target line understands, and what to send it. Pure.
 *
 * A line understands a plain string (`sk-…`, `env.NAME`, and `vault.path` on
 * v1.6+) and the object shapes in its rules; any other object is stored as
 * its JSON text (v1.4, v1.5) or as its bare `value` (v1.6+): a destroyed
 * credential. So an echo goes back in the shape it came in, and a value
 * that crosses lines goes as the portable plain string.
 */
import { isRedacted } from '../secrets.js';
import type { SecretShape, VersionRules } from './version-rules.js';

const REFERENCE = /^(env|vault)\.\S+$/;

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The object shape of a secret as sent or received, or undefined for a string or anything else. */
export function secretObjectShape(v: unknown): SecretShape | undefined {
  const o = record(v);
  if (!o) return undefined;
  if ('env_var' in o || 'from_env' in o) return 'env-var';
  if ('ref' in o || 'type' in o) return 'secret-var';
  return undefined;
}

/** The reference (`env.NAME`, `vault.path`) a secret stands for, or undefined for a literal. */
export function secretReference(v: unknown): string | undefined {
  if (typeof v === 'string') return REFERENCE.test(v.trim()) ? v.trim() : undefined;
  const o = record(v);
  if (!o) return undefined;
  if (REFERENCE.test(text(o.ref))) return text(o.ref);
  if (o.from_env === true && REFERENCE.test(text(o.env_var))) return text(o.env_var);
  return REFERENCE.test(text(o.value)) ? text(o.value) : undefined;
}

/** The literal text of a secret (possibly a mask), or undefined for a reference. */
export function secretLiteral(v: unknown): string | undefined {
  if (secretReference(v) !== undefined) return undefined;
  if (typeof v === 'string') return v;
  const o = record(v);
  return o && typeof o.value === 'string' ? o.value : undefined;
}

/** Whether the target line decodes `v` as the secret it stands for (rather than as its JSON text). */
export function understoodBy(rules: VersionRules, v: unknown): boolean {
  if (v === undefined || v === null) return true;
  const ref = secretReference(v);
  if (ref?.startsWith('vault.') && !rules.vaultReferences) return false;
  if (typeof v === 'string') return true;
  const shape = secretObjectShape(v);
  if (!shape || !rules.secretShapesAccepted.includes(shape)) return false;
  // v1.4 and v1.5 decode an EnvVar object only when it has both `value` and `env_var` (§4).
  const o = record(v)!;
  return shape !== 'env-var' || rules.secretShape !== 'env-var' || ('value' in o && 'env_var' in o);
}

export type SecretOutcome = { ok: true; value: unknown } | { ok: false; refusal: string };

/**
 * What to send the target line for a secret read from some gateway: the
 * value itself when the target understands it (an echo keeps its exact
 * shape), else the portable plain string of its reference or literal. A
 * mask is never turned into a literal: it is refused (the secret itself is
 * not known here), as is a vault reference for a line without vault.
 */
export function secretForTarget(rules: VersionRules, v: unknown): SecretOutcome {
  const ref = secretReference(v);
  if (ref?.startsWith('vault.') && !rules.vaultReferences) {
    return { ok: false, refusal: `${ref} is a vault reference, which Bifrost ${rules.line} does not understand (v1.6 and later do)` };
  }
  if (understoodBy(rules, v)) return { ok: true, value: v };
  if (ref !== undefined) return { ok: true, value: ref };
  const literal = secretLiteral(v);
  if (literal === undefined) return { ok: false, refusal: 'not a secret value this client understands' };
  if (isRedacted(literal)) {
    return { ok: false, refusal: `the value is a mask from another gateway, not the secret: Bifrost ${rules.line} would store the mask itself` };
  }
  return { ok: true, value: literal };
}

/** Whether two secrets (any shapes, any lines) mean the same: a mask proves nothing. */
export function sameSecretMeaning(a: unknown, b: unknown): 'same' | 'different' | 'unverifiable' {
  const ra = secretReference(a);
  const rb = secretReference(b);
  if (ra !== undefined || rb !== undefined) return ra === rb ? 'same' : 'different';
  const la = secretLiteral(a) ?? '';
  const lb = secretLiteral(b) ?? '';
  if (la === '' || lb === '') return la === lb ? 'same' : 'different';
  if (isRedacted(la) || isRedacted(lb)) return 'unverifiable';
  return la === lb ? 'same' : 'different';
}
