/**
 * The mask rule (DESIGN.md, safe-save rule 8): the gateway keeps a secret
 * only when its CURRENT mask comes back unchanged; any other redacted text
 * (a mask from an older copy, another gateway, a backup) would be stored as
 * the secret. These find such values and put the target's current secret
 * back in their place.
 */
import { getAtPath } from '../../api/update-body.js';
import { isEnvVarObject } from '../provider/env-var.js';
import { isRedacted, redactLikeGateway } from '../../api/secrets.js';
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
 * Of `paths` (stale masks in `body`), those holding exactly the mask of the literal the target shows plain
 * there: the target's current secret as far as a mask can tell (which, from another gateway, proves nothing).
 */
export function ownMaskPaths(current: unknown, body: unknown, paths: readonly string[] = staleMaskPaths(current, body)): string[] {
  return paths.filter((dotted) => {
    const path = dotted.split('.');
    const now = getAtPath(current, path);
    const literal = envVarRef(now) === undefined ? envVarValue(now) : '';
    return literal !== '' && !isRedacted(literal) && redactLikeGateway(literal) === envVarValue(getAtPath(body, path));
  });
}

/**
 * `body` with every stale mask replaced by the target's current value (or
 * left out when the target has none), and the paths that were replaced. A
 * mask of the very literal the target shows plain (an export of a v1.4/v1.5
 * proxy user name, masked as the gateway masks) is replaced too, but is the
 * current secret, not one kept in place of another: it is not listed.
 */
export function keepCurrentSecrets<T extends Record<string, unknown>>(current: unknown, body: T): { body: T; kept: string[] } {
  const stale = staleMaskPaths(current, body);
  if (stale.length === 0) return { body, kept: stale };
  const own = new Set(ownMaskPaths(current, body, stale));
  const kept = stale.filter((p) => !own.has(p));
  const copy = structuredClone(body);
  for (const dotted of stale) {
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
