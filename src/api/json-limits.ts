/**
 * JSON from outside (a gateway's reply, a file on disk) with its nesting
 * bounded, and own `__proto__` members kept.
 *
 * JSON.parse itself copes with any depth, but the walks that follow (copy,
 * compare, flatten, JSON.stringify of a PUT body) recurse once per level; a
 * reply nested a few thousand levels deep would blow the stack. Everything
 * from outside is parsed here first, so every later walk has at most
 * MAX_JSON_DEPTH levels to go through.
 *
 * `{"__proto__": …}` is an ordinary member in JSON and JSON.parse keeps it as
 * an own property; but `obj[key] = value` with key `__proto__` sets the
 * prototype instead (zod's copies of loose objects do that, so the member was
 * neither shown nor sent back). `setOwn` and `keepProtoMembers` keep it.
 */

/** Deepest nesting of objects and arrays accepted from outside (a provider is about 5 levels deep). */
export const MAX_JSON_DEPTH = 100;

/** The text nests objects/arrays deeper than allowed. */
export class JsonTooDeep extends Error {
  constructor(readonly limit: number) {
    super(`nested deeper than ${limit} levels`);
  }
}

/** The deepest nesting in JSON text, counting only brackets outside strings; stops counting past `stopAt`. */
export function jsonTextDepth(text: string, stopAt = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** The deepest nesting of objects/arrays in a value (YAML, or anything already parsed), without recursion; stops past `stopAt`. */
export function valueDepth(value: unknown, stopAt = Number.POSITIVE_INFINITY): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const here = depth + 1;
    if (here > max) {
      max = here;
      if (max > stopAt) return max;
    }
    for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, here]);
  }
  return max;
}

/** JSON.parse, after refusing text nested deeper than `maxDepth` (JsonTooDeep); SyntaxError as JSON.parse. */
export function parseJsonBounded(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (jsonTextDepth(text, maxDepth) > maxDepth) throw new JsonTooDeep(maxDepth);
  return JSON.parse(text) as unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** `obj[key]` for an own member only: `__proto__`, `constructor` and the like never reach the prototype. */
export function getOwn(obj: unknown, key: string): unknown {
  return isObject(obj) && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** `obj[key] = value` as an own member, also for `__proto__` (which `=` would make the prototype). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * `parsed` (a copy of `raw` made by a schema) with every own `__proto__`
 * member of `raw` put back where the copy lost it. Walks both side by side
 * without recursion; where their shapes differ (a schema's transform) it
 * leaves the copy alone.
 */
export function keepProtoMembers<T>(raw: unknown, parsed: T): T {
  const stack: [unknown, unknown][] = [[raw, parsed]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    if (!isObject(from) || !isObject(to) || Array.isArray(from) !== Array.isArray(to)) continue;
    if (Array.isArray(from)) {
      const toArr = to as unknown as unknown[];
      if (from.length === toArr.length) for (let i = 0; i < from.length; i++) stack.push([from[i], toArr[i]]);
      continue;
    }
    for (const key of Object.keys(from)) {
      if (key === '__proto__' && !Object.hasOwn(to, key)) {
        // The copy set its prototype instead: undo that, keep the member.
        if (Object.getPrototypeOf(to) !== Object.prototype && !Array.isArray(to)) Object.setPrototypeOf(to, Object.prototype);
        setOwn(to, key, from[key]);
      } else if (Object.hasOwn(to, key)) stack.push([from[key], to[key]]);
    }
  }
  return parsed;
}
