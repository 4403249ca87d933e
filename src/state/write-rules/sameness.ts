/**
 * Honest sameness: two masks that read alike are no evidence that the
 * secrets behind them are the same (the 4+24+4 mask shows only the first and
 * last four characters, and every CA certificate masks to the same text). So
 * where both sides hold the same mask, a comparison says "same mask, cannot
 * be verified", never "same".
 */
import { envVarValue, isEnvVarObject } from '../provider/env-var.js';
import { isPlainObject } from '../json.js';
import { isRedactedLiteral } from './stale-masks.js';

/** The words for one such field, everywhere. */
export const SAME_MASK = 'same mask, cannot be verified';

/** Dotted paths where `a` and `b` both hold a redacted literal with the same text (whatever its wire shape). */
export function sameMasks(a: unknown, b: unknown): string[] {
  const out: string[] = [];
  const walk = (path: string[], x: unknown, y: unknown): void => {
    if (isRedactedLiteral(x) && isRedactedLiteral(y)) {
      if (envVarValue(x) === envVarValue(y)) out.push(path.join('.'));
      return;
    }
    if (isPlainObject(x) && isPlainObject(y) && !isEnvVarObject(x) && !isEnvVarObject(y)) {
      for (const k of Object.keys(x)) if (k in y) walk([...path, k], x[k], y[k]);
    }
  };
  walk([], a, b);
  return out;
}
