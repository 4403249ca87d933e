/**
 * Putting a saved version of a provider back (the history screen,
 * `providers restore`), pure: the plan from the version and the gateway's
 * copy now. A version saved before a create ("did not exist") deletes it; a
 * provider deleted since is created again from the version; otherwise every
 * writable field becomes the saved one (masked secrets the gateway no longer
 * holds are kept as they are, by the pipeline's stale-mask rule).
 */
import { buildUpdateBody } from '../../api/update-body.js';
import type { Provider } from '../../api/wire.js';
import { diffObjects } from '../provider/diff.js';
import { isAbsentBackup } from '../write-rules/backup-entry.js';
import { replaceEdits, restorableBody } from '../write-rules/provider-write-plan.js';
import type { WritePlan } from '../write-rules/review.js';

export type RestorePlan =
  | { kind: 'write'; plan: WritePlan; what: 'update' | 'create' | 'delete' }
  | { kind: 'nothing'; why: string };

export function restorePlan(name: string, saved: Record<string, unknown>, current: Record<string, unknown> | null): RestorePlan {
  if (isAbsentBackup(saved)) {
    if (current === null) return { kind: 'nothing', why: `${name} does not exist, as in that version: nothing to restore` };
    return { kind: 'write', plan: { action: 'delete', base: current }, what: 'delete' };
  }
  if (current === null) return { kind: 'write', plan: { action: 'create', body: restorableBody(saved) }, what: 'create' };
  return { kind: 'write', plan: { action: 'update', base: current, edits: replaceEdits(current, saved) }, what: 'update' };
}

/** How many writable fields a saved version differs in from the copy now (a create: all it sets; "did not exist": -1). */
export function differsFromNow(saved: Record<string, unknown>, current: Record<string, unknown> | null): number {
  if (isAbsentBackup(saved)) return -1;
  return diffObjects(current === null ? undefined : buildUpdateBody(current as Provider, []), restorableBody(saved)).length;
}
