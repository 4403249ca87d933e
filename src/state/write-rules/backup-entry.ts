/**
 * What the history keeps before a write: the gateway's copy as it was, or,
 * before a create, a marker that there was none (so `restore` of that entry
 * deletes what the create made).
 */
import type { WriteTarget } from './review.js';

/** The client-only key of the marker (the same key exported files carry). */
const META = '_bifrost_tui';

/** The history entry of "nothing was there" before a create. */
export function absentBackup(target: WriteTarget): Record<string, unknown> {
  const name = target.kind === 'provider' ? target.name : target.name ?? target.id ?? '';
  return { name, [META]: { absent: true, note: 'did not exist before this write: restoring this version deletes it' } };
}

/** True when a history entry says the object did not exist before the write it was taken for. */
export function isAbsentBackup(object: unknown): boolean {
  if (object === null || typeof object !== 'object') return false;
  const meta = (object as Record<string, unknown>)[META];
  return meta !== null && typeof meta === 'object' && (meta as Record<string, unknown>).absent === true;
}
