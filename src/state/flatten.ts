/** Flattens a JSON object into display lines `path = value`, secrets masked. */
import { isRedacted, isSecretPath, maskSecret } from '../api/secrets.js';
import { envVarRef, envVarValue, isEnvVarObject } from './provider/env-var.js';

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
    out.push({ path, text: flatValueText(v, secret), secret });
  };
  walk(value, prefix);
  return out;
}

/** One leaf as text for `path = value` lines; secrets never shown. EnvVar references are shown, not their values. */
export function flatValueText(v: unknown, secret: boolean): string {
  if (isEnvVarObject(v)) {
    const ref = envVarRef(v);
    if (ref) return ref.startsWith('env.') || ref.startsWith('vault.') ? ref : `env.${ref}`;
    return flatValueText(envVarValue(v), secret);
  }
  if (typeof v === 'string') return secret ? maskSecret(v) : JSON.stringify(v);
  if (v === undefined) return '(absent)';
  return JSON.stringify(v);
}
