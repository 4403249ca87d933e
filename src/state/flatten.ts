/** Flattens a JSON object into display lines `path = value`, secrets masked. */
import { isRedacted, isSecretPath, maskSecret } from '../api/secrets.js';

export interface FlatLine {
  path: string;
  text: string;
  secret: boolean;
}

/** Leaf lines in key order; empty objects/arrays become one line. */
export function flattenForDisplay(value: unknown, prefix = ''): FlatLine[] {
  const out: FlatLine[] = [];
  const walk = (v: unknown, path: string): void => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !isEnvVarObject(v)) {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length === 0 && path) out.push({ path, text: '{}', secret: false });
      for (const [k, child] of entries) walk(child, path ? `${path}.${k}` : k);
      return;
    }
    const secret = isSecretPath(path) || (typeof v === 'string' && isRedacted(v));
    out.push({ path, text: displayValue(v, secret), secret });
  };
  walk(value, prefix);
  return out;
}

/** An EnvVar object (old or new shape) is one value, not a subtree. */
export function isEnvVarObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.includes('value') && keys.every((k) => ['value', 'env_var', 'from_env', 'ref', 'type'].includes(k));
}

/** One value as text; secrets never shown. EnvVar references are shown, not their values. */
export function displayValue(v: unknown, secret: boolean): string {
  if (isEnvVarObject(v)) {
    const ref = (v.ref as string | undefined) || (v.from_env ? (v.env_var as string | undefined) : undefined);
    if (ref) return ref.startsWith('env.') || ref.startsWith('vault.') ? ref : `env.${ref}`;
    return displayValue(v.value ?? '', secret);
  }
  if (typeof v === 'string') return secret ? maskSecret(v) : JSON.stringify(v);
  if (v === undefined) return '(absent)';
  return JSON.stringify(v);
}
