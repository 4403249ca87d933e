/** Field paths of `providers set`: descriptor ids, or one entry of a map/flags field; close matches for typos. */
import { DESCRIPTORS, findDescriptor } from '../state/provider/descriptors.js';
import type { FieldDescriptor } from '../state/provider/types.js';
import { editDistance } from '../state/cli/closest.js';

/** A settable path: a whole field, or one key of a map/flags field. */
export type SetPath = { d: FieldDescriptor; key?: string };

const ENTRY_FIELDS = DESCRIPTORS.filter((d) => d.kind === 'map' || d.kind === 'flags');

/** Resolves a dotted path, or undefined when no field has it. */
export function resolveSetPath(path: string): SetPath | undefined {
  const d = findDescriptor(path);
  if (d) return { d };
  for (const f of ENTRY_FIELDS) {
    if (path.startsWith(`${f.id}.`) && path.length > f.id.length + 1) return { d: f, key: path.slice(f.id.length + 1) };
  }
  return undefined;
}

/** Up to `max` field ids close to `path`: same last segment first, then by edit distance. */
export function closeMatches(path: string, max = 3): string[] {
  const last = path.split('.').pop() ?? path;
  const scored = DESCRIPTORS.map((d) => {
    const leaf = d.path[d.path.length - 1]!;
    const score = Math.min(editDistance(path, d.id), editDistance(last, leaf) + (leaf === last ? 0 : 1), d.id.includes(last) && last.length >= 4 ? 2 : Infinity);
    return { id: d.id, score };
  });
  return scored
    .filter((s) => s.score <= Math.max(3, Math.floor(last.length / 3)))
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, max)
    .map((s) => s.id);
}
