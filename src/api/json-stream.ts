/**
 * A JSON object read as its text arrives, handing each element of one array
 * member to a callback as soon as that element is complete, so a large list
 * is never held whole: neither its text nor its parsed tree (npm run bench,
 * peak RSS with 10,006 providers: the 5.6 MB list reply cost ~15 MB of text
 * and objects that lived until the next full collection).
 *
 * Each element, each other member and each member name is parsed by
 * JSON.parse on its own text, so values mean exactly what they mean to
 * JSON.parse; the reader itself only finds where values start and end, and
 * checks the punctuation of the enclosing object. A later member of the same
 * name replaces an earlier one, as in JSON.parse (`restart` says so).
 * Nesting deeper than MAX_JSON_DEPTH is refused (JsonTooDeep), as for a
 * reply read whole (json-limits.ts).
 */

import { JsonTooDeep, MAX_JSON_DEPTH, parseJsonBounded } from './json-limits.js';

/** The text is not JSON (or not a JSON object). `empty`: there was no text at all. */
export class JsonStreamSyntaxError extends Error {
  constructor(readonly empty: boolean) {
    super(empty ? 'empty body' : 'body is not JSON');
  }
}

export interface JsonObjectStreamHandlers {
  /** The member whose array value is read element by element. */
  arrayMember: string;
  /** Each element of that array, parsed, with its index. */
  element(value: unknown, index: number): void;
  /** The array member starts (again: it appeared twice), as an array, or as `null`. */
  restart(value: null | 'array'): void;
  /** Any other member, parsed; also the array member when its value is neither an array nor null. */
  member(key: string, value: unknown): void;
  /** The text is JSON but not an object: the whole value, parsed, at the end. */
  notObject(value: unknown): void;
}

export interface JsonStreamReader {
  push(text: string): void;
  /** Checks that the object is complete; throws JsonStreamSyntaxError otherwise. */
  end(): void;
}

type State = 'whole' | 'start' | 'firstKey' | 'key' | 'colon' | 'value' | 'afterValue' | 'firstElement' | 'element' | 'afterElement' | 'done';

const SPECIAL = /["\\{}[\]]/g;
const IN_STRING = /["\\]/g;
const SCALAR_END = /[\s,\]}]/g;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export function jsonObjectStream(handlers: JsonObjectStreamHandlers): JsonStreamReader {
  let buf = '';
  let pos = 0;
  let state: State = 'start';
  let sawText = false;
  let name = '';
  let inArray = false;
  let index = 0;
  // The token being scanned (a member name or a value): where it starts in `buf`, how far the scan got,
  // how deep it is, and whether the scan is inside a string or just after a backslash.
  let pending: 'none' | 'name' | 'value' = 'none';
  let start = 0;
  let scan = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let kind: 'nested' | 'string' | 'scalar' = 'nested';

  const syntax = (): never => {
    throw new JsonStreamSyntaxError(!sawText);
  };
  /** A token's text, whose depth the scan has checked; or, `whole`, text it has not (checked here). */
  const parse = (text: string, whole = false): unknown => {
    try {
      return whole ? parseJsonBounded(text) : (JSON.parse(text) as unknown);
    } catch (err) {
      if (err instanceof JsonTooDeep) throw err;
      return syntax();
    }
  };

  /** Skips whitespace; false when the text ran out. */
  const skipSpace = (): boolean => {
    while (pos < buf.length && isSpace(buf.charCodeAt(pos))) pos++;
    if (pos < buf.length) sawText = true;
    return pos < buf.length;
  };

  const begin = (what: 'name' | 'value'): void => {
    pending = what;
    start = pos;
    depth = 0;
    inString = false;
    escaped = false;
    const c = buf[pos];
    if (c === '{' || c === '[') {
      kind = 'nested';
      depth = 1;
      scan = pos + 1;
    } else if (c === '"') {
      kind = 'string';
      inString = true;
      scan = pos + 1;
    } else {
      kind = 'scalar';
      scan = pos;
    }
  };

  /** The end (exclusive) of the pending token, or -1 when more text is needed. */
  const scanToken = (final: boolean): number => {
    // RegExp#test with lastIndex, not exec: no match object for each of the millions of quotes and brackets.
    if (kind === 'scalar') {
      SCALAR_END.lastIndex = scan;
      if (SCALAR_END.test(buf)) return SCALAR_END.lastIndex - 1;
      scan = buf.length;
      return final ? buf.length : -1;
    }
    while (scan < buf.length) {
      if (escaped) {
        escaped = false;
        scan++;
        continue;
      }
      const re = inString ? IN_STRING : SPECIAL;
      re.lastIndex = scan;
      if (!re.test(buf)) {
        scan = buf.length;
        break;
      }
      scan = re.lastIndex;
      const c = buf[scan - 1];
      if (c === '\\') {
        if (!inString) syntax();
        escaped = true;
      } else if (c === '"') {
        inString = !inString;
        if (!inString && kind === 'string') return scan;
      } else if (c === '{' || c === '[') {
        // The object holding the value, and the array around an element, count too.
        if (++depth + (inArray ? 2 : 1) > MAX_JSON_DEPTH) throw new JsonTooDeep(MAX_JSON_DEPTH);
      }
      else if (--depth === 0) return scan;
    }
    return -1;
  };

  /** Completes the pending token if its text is all there; false when more is needed. */
  const finish = (final: boolean): boolean => {
    const end = scanToken(final);
    if (end < 0) return false;
    const text = buf.slice(start, end);
    pos = end;
    const what = pending;
    pending = 'none';
    if (what === 'name') {
      const parsed = parse(text);
      if (typeof parsed !== 'string') syntax();
      name = parsed as string;
      state = 'colon';
    } else if (inArray) {
      handlers.element(parse(text), index++);
      state = 'afterElement';
    } else {
      const value = parse(text);
      if (name === handlers.arrayMember && value === null) handlers.restart(null);
      else handlers.member(name, value);
      state = 'afterValue';
    }
    return true;
  };

  const run = (final: boolean): void => {
    for (;;) {
      if (pending !== 'none') {
        if (!finish(final)) return;
        continue;
      }
      if (!skipSpace()) return;
      const c = buf[pos];
      switch (state) {
        case 'start':
          if (c === '{') {
            pos++;
            state = 'firstKey';
          } else state = 'whole';
          break;
        case 'whole':
          // Not an object: kept whole, parsed at the end (a rare wrong reply, so its size does not matter).
          return;
        case 'firstKey':
        case 'key':
          if (c === '}' && state === 'firstKey') {
            pos++;
            state = 'done';
          } else if (c === '"') begin('name');
          else syntax();
          break;
        case 'colon':
          if (c !== ':') syntax();
          pos++;
          state = 'value';
          break;
        case 'value':
          if (name === handlers.arrayMember && c === '[') {
            pos++;
            inArray = true;
            index = 0;
            handlers.restart('array');
            state = 'firstElement';
          } else begin('value');
          break;
        case 'firstElement':
        case 'element':
          if (c === ']' && state === 'firstElement') {
            pos++;
            inArray = false;
            state = 'afterValue';
          } else begin('value');
          break;
        case 'afterElement':
          pos++;
          if (c === ',') state = 'element';
          else if (c === ']') {
            inArray = false;
            state = 'afterValue';
          } else syntax();
          break;
        case 'afterValue':
          pos++;
          if (c === ',') state = 'key';
          else if (c === '}') state = 'done';
          else syntax();
          break;
        case 'done':
          syntax();
      }
    }
  };

  /** Drops the text before what is still needed (at most the pending token). */
  const compact = (): void => {
    if (state === 'whole') return;
    const keep = pending !== 'none' ? start : pos;
    if (keep === 0) return;
    buf = buf.slice(keep);
    pos -= keep;
    if (pending !== 'none') {
      scan -= keep;
      start = 0;
    }
  };

  return {
    push(text) {
      if (text.length === 0) return;
      buf = buf.length === 0 ? text : buf + text;
      run(false);
      compact();
    },
    end() {
      run(true);
      if (state === 'whole') return handlers.notObject(parse(buf, true));
      if (pending !== 'none' || state !== 'done') syntax();
    },
  };
}
