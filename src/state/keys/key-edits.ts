/** Edits of one key for the key actions (rotate, enable/disable, re-weight): exactly the change, nothing rebuilt. */
import type { Edit } from '../../api/update-body.js';
import type { Key } from '../../api/wire.js';
import { buildEnvVar } from '../provider/env-var.js';

/** Replaces only the value, in the wire shape the gateway sent (CONTRACT.md §7.1). */
export function rotateEdit(key: Key, text: string): Edit {
  return { path: ['value'], value: buildEnvVar(key.value, text) };
}

export function enabledEdit(enabled: boolean): Edit {
  return { path: ['enabled'], value: enabled };
}

export function weightEdit(weight: number): Edit {
  return { path: ['weight'], value: weight };
}
