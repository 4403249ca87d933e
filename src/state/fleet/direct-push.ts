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

/**
 * The write making `target` (undefined: not configured there) hold `paths`
 * of `source` (none given, or no target: every writable field of `source`).
 */
export function planDirectPush(name: string, source: Provider, target: Provider | undefined, paths: ReadonlyArray<readonly string[]>): PlannedWrite {
  if (!target || paths.length === 0) return planWrite(name, buildUpdateBody(source, []), target);
  const edits: Edit[] = paths.map((segments) => {
    const path = wirePath(source, target, segments);
    const value = getAtPath(source, path);
    return value === undefined ? { path, remove: true } : { path, value: structuredClone(value) };
  });
  return planWrite(name, buildUpdateBody(target, edits), target);
}
