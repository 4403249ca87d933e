/** Checks before a key write, shared by the CLI and the keys screen (pure). */
import { buildKeyBody } from '../../api/key-body.js';
import { modelListProblem } from '../../api/key-rules.js';
import type { Key } from '../../api/wire.js';
import { stableStringify } from '../json.js';
import { diffKeys } from './key-diff.js';
import { isKeySecretPath } from './key-fields.js';

/** The key's content without computed fields, for "did it change on the gateway" comparisons. */
export function keyFingerprint(key: Key | Record<string, unknown>): string {
  return stableStringify(buildKeyBody(key));
}

/** What the gateway would refuse with a 400 (allow-list rules, weight range), one line per field. */
export function keyShapeProblems(body: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const f of ['models', 'blacklisted_models']) {
    const p = modelListProblem(body[f]);
    if (p) out.push(`${f}: ${p}`);
  }
  const w = body.weight;
  if (w !== undefined && (typeof w !== 'number' || !(w >= 0 && w <= 1))) out.push(`weight: must be a number from 0 to 1 (got ${JSON.stringify(w)})`);
  return out;
}

/**
 * What a fresh GET after a key write says about it (upstream #5958: reads can
 * lag a write). Empty when the answer, the fresh read and the sent body agree
 * (secrets are skipped: they read back masked).
 */
export function writeDisagreements(body: Record<string, unknown>, response: Key | undefined, fresh: Key): string[] {
  const notes: string[] = [];
  if (response && keyFingerprint(response) !== keyFingerprint(fresh)) {
    const paths = diffKeys(buildKeyBody(response), buildKeyBody(fresh)).map((c) => c.path);
    notes.push(`the gateway's answer and a fresh read of the key disagree on ${paths.join(', ')} (stale cache, upstream #5958)`);
  }
  const missing = diffKeys(buildKeyBody(fresh), buildKeyBody(body))
    .filter((c) => c.kind !== 'removed' && !isKeySecretPath(c.path))
    .map((c) => c.path);
  if (missing.length > 0) notes.push(`a fresh read does not show the change of ${missing.join(', ')} yet (stale cache, upstream #5958)`);
  return notes;
}
