/**
 * The mask rule (DESIGN.md, safe-save rule 8): the gateway keeps a secret
 * only when its CURRENT mask comes back unchanged; any other redacted text
 * (a mask from an older copy, another gateway, a backup) would be stored as
 * the secret. These find such values and put the target's current secret
 * back in their place.
 */
import { getAtPath } from '../../api/update-body.js';
import { isEnvVarObject } from '../provider/env-var.js';
import { isRedacted } from '../../api/secrets.js';
import { envVarRef, envVarValue } from '../provider/env-var.js';
import { isPlainObject, jsonEqual } from '../json.js';

/** A literal (not a reference) that a gateway has redacted. */
export function isRedactedLiteral(v: unknown): boolean {
  if (typeof v === 'string') return isRedacted(v);
  return isEnvVarObject(v) && envVarRef(v) === undefined && isRedacted(envVarValue(v));
}

/** Dotted paths under `at` where `value` holds redacted text that is not `current`'s value at that path. */
export function staleMaskPaths(current: unknown, value: unknown, at: readonly string[] = []): string[] {
  const out: string[] = [];
  const walk = (path: string[], v: unknown): void => {
    if (isRedactedLiteral(v)) {
      if (!jsonEqual(getAtPath(current, path), v)) out.push(path.join('.'));
    } else if (isPlainObject(v)) {
      for (const [k, child] of Object.entries(v)) walk([...path, k], child);
    }
    // Arrays hold no secrets (model allow-lists, deployments): their "*" is a wildcard, not a mask.
  };
  walk([...at], value);
  return out;
}

/**
 * `body` with every stale mask replaced by the target's current value (or
 * left out when the target has none), and the paths that were replaced.
 */
export function keepCurrentSecrets<T extends Record<string, unknown>>(current: unknown, body: T): { body: T; kept: string[] } {
  const kept = staleMaskPaths(current, body);
  if (kept.length === 0) return { body, kept };
  const copy = structuredClone(body);
  for (const dotted of kept) {
    const path = dotted.split('.');
    const parent = getAtPath(copy, path.slice(0, -1)) as Record<string, unknown> | unknown[];
    const last = path[path.length - 1]!;
    const now = getAtPath(current, path);
    if (Array.isArray(parent)) parent[Number(last)] = now ?? null;
    else if (now === undefined) delete parent[last];
    else parent[last] = structuredClone(now);
  }
  return { body: copy, kept };
}
