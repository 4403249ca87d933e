/**
 * A push from the fleet screen that the target's form cannot carry (fields
 * the editor does not edit, or a provider the target does not have): one
 * planned write of the complete provider, made the way `fleet push` makes
 * it (`planWrite`: references copied as references, a mask never sent where
 * it is not the target's current one). Pure.
 */
import { buildUpdateBody, getAtPath, type Edit } from '../../api/update-body.js';
import type { Provider } from '../../api/wire.js';
import { planWrite, type PlannedWrite } from '../write-rules/provider-write-plan.js';
import { wirePath } from './push-draft.js';
import { sameMasks } from '../write-rules/sameness.js';
import type { LinesOfCopy } from '../write-rules/cross-version.js';

/**
 * The write making `target` (undefined: not configured there) hold `paths`
 * of `source` (none given, or no target: every writable field of `source`).
 */
export function planDirectPush(name: string, source: Provider, target: Provider | undefined, paths: ReadonlyArray<readonly string[]>, lines: LinesOfCopy = {}): PlannedWrite {
  if (!target || paths.length === 0) return planWrite(name, buildUpdateBody(source, []), target, false, lines);
  const wire = paths.map((segments) => wirePath(source, target, segments));
  const edits: Edit[] = wire.map((path) => {
    const value = getAtPath(source, path);
    return value === undefined ? { path, remove: true } : { path, value: structuredClone(value) };
  });
  // Only the pushed paths come from the other gateway: the rest of the body is the target's own copy (its own masks).
  const planned = planWrite(name, buildUpdateBody(target, edits), target, true, { target: lines.target });
  const unverified = wire.flatMap((path) => sameMasks(getAtPath(source, path), getAtPath(target, path)).map((sub) => [...path, sub].filter(Boolean).join('.')));
  return { ...planned, unverified };
}
