/**
 * Checks of a parsed reply read in place, for the hot reads that skip the
 * zod schemas of wire.ts (see provider-summary.ts): the same types, and a
 * failure worded as zod words its first issue (`path: Invalid input: …`).
 */

/** The reply does not have the expected shape; `message` is `path: what is wrong`, as for the full schemas. */
export class ReplyShapeError extends Error {}

export type Json = Record<string, unknown>;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

export function fail(path: string, expected: string, got: unknown): never {
  throw new ReplyShapeError(`${path}: Invalid input: expected ${expected}, received ${typeName(got)}`);
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An optional (null or absent) object field. */
export function optionalObject(parent: Json, key: string, path: string): Json | undefined {
  const v = parent[key];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) fail(`${path}.${key}`, 'object', v);
  return v;
}

export function optionalString(parent: Json, key: string, path: string): string | undefined {
  const v = parent[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') fail(`${path}.${key}`, 'string', v);
  return v;
}

export function optionalNumber(parent: Json, key: string, path: string): number | undefined {
  const v = parent[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number') fail(`${path}.${key}`, 'number', v);
  return v;
}

export function optionalBoolean(parent: Json, key: string, path: string): boolean | undefined {
  const v = parent[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') fail(`${path}.${key}`, 'boolean', v);
  return v;
}
