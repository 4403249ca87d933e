/**
 * "Every save the gateway accepted is exactly the object the form showed":
 * compares a PUT body, as the gateway received it, with the gateway's own
 * copy at that moment and with the review screen the user confirmed. The
 * changed leaves are found here by a walk of our own (not the app's diff),
 * so a change the app sent without listing it, or listed without sending it,
 * is caught. Values are formatted with the app's formatter (secrets masked)
 * only to compare them with the text on screen.
 */
import { isRedacted } from '../../src/api/secrets.js';
import { formatDiffValue } from '../../src/state/provider/diff.js';

export interface ReviewFrame {
  /** performance.now() when the frame was drawn. */
  at: number;
  /** The frame without escape codes. */
  text: string;
}

const READ_ONLY = new Set(['name', 'provider_status', 'status', 'description', 'config_hash', 'keys']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const hasKeys = (v: unknown): v is Json => isObject(v) && Object.keys(v).length > 0;

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}

/** Dotted paths of the leaves that differ (objects are walked, arrays and scalars compared whole). */
export function changedLeaves(before: unknown, after: unknown): string[] {
  const out: string[] = [];
  const walk = (path: string[], a: unknown, b: unknown): void => {
    const nothing = (v: unknown): boolean => v === undefined || v === null || isObject(v);
    if ((hasKeys(a) || hasKeys(b)) && nothing(a) && nothing(b)) {
      const ao = isObject(a) ? a : {};
      const bo = isObject(b) ? b : {};
      for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
        if (path.length === 0 && READ_ONLY.has(k)) continue;
        walk([...path, k], ao[k], bo[k]);
      }
      return;
    }
    if (canonical(a) !== canonical(b)) out.push(path.join('.'));
  };
  walk([], before, after);
  return out;
}

function valueAt(root: unknown, path: string): unknown {
  let cur = root;
  for (const seg of path.split('.')) cur = isObject(cur) ? cur[seg] : undefined;
  return cur;
}

interface ShownChange {
  kind: '~' | '+' | '-';
  path: string;
  line: string;
}

/** A value the review drew over several lines (wrapped, or indented JSON) as the one-line form. */
function joinValue(pieces: readonly string[]): string {
  const text = pieces.map((p) => p.replace(/^ +/, '')).join('');
  if (!/^[[{]/.test(text)) return text;
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

function parseReview(text: string): { count?: number; changes: ShownChange[]; complete: boolean } {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes('Review: saving '));
  const count = /changes (\d+) fields? on the gateway/.exec(lines[at] ?? '')?.[1];
  const changes: ShownChange[] = [];
  let cut = false;
  let open: { kind: ShownChange['kind']; path: string; sides: string[][] } | undefined;
  const close = (): void => {
    if (!open) return;
    const [a = [], b = []] = open.sides;
    const value = (side: string[]): string => joinValue(side);
    const line = open.kind === '~' ? `~ ${open.path}: ${value(a)} → ${value(b)}` : `${open.kind} ${open.path}: ${value(a)}`;
    changes.push({ kind: open.kind, path: open.path, line });
    open = undefined;
  };
  for (const line of lines.slice(at + 1)) {
    const position = /^ +lines (\d+)-(\d+) of (\d+)/.exec(line);
    if (position) {
      if (position[1] !== '1' || position[2] !== position[3]) cut = true;
      continue;
    }
    const one = /^ {2}([~+-]) (.+?): (.+)$/.exec(line.trimEnd());
    const head = /^ {2}([~+-]) (.+?):$/.exec(line.trimEnd());
    if (one || head) close();
    if (one) changes.push({ kind: one[1] as ShownChange['kind'], path: one[2]!, line: line.trimEnd().slice(2) });
    else if (head) open = { kind: head[1] as ShownChange['kind'], path: head[2]!, sides: [] };
    else if (open && /^ {4}/.test(line)) {
      const side = /^ {4}(was|now):(?: (.*))?$/.exec(line.trimEnd());
      if (side) open.sides.push(side[2] ? [side[2]] : []);
      else if (open.sides.length === 0) open.sides.push([line.trimEnd()]);
      else open.sides.at(-1)!.push(line.trimEnd());
    } else close();
  }
  close();
  const n = count === undefined ? undefined : Number(count);
  return { count: n, changes, complete: !cut && n !== undefined && n === changes.length };
}

/** The line the review should show for `path`, from the gateway's copy and the body it received. */
function expectedLine(kind: ShownChange['kind'], path: string, before: unknown, after: unknown): string {
  const segments = path.split('.');
  if (kind === '+') return `+ ${path}: ${formatDiffValue(segments, valueAt(after, path))}`;
  if (kind === '-') return `- ${path}: ${formatDiffValue(segments, valueAt(before, path))}`;
  return `~ ${path}: ${formatDiffValue(segments, valueAt(before, path))} → ${formatDiffValue(segments, valueAt(after, path))}`;
}

/** The paths a review frame listed as changes. */
export function reviewedPaths(review: ReviewFrame): string[] {
  return parseReview(review.text).changes.map((c) => c.path);
}

/**
 * Problems found (empty when the save is exactly what the review showed), and whether the check was
 * complete: the review showed every change (not cut short) and the gateway had a copy to compare with.
 */
export function checkSaveAgainstReview(
  review: ReviewFrame,
  name: string,
  previous: unknown,
  body: unknown,
  /** Paths another writer changed after the save's last re-check and before its PUT: no client could list those. */
  landedAfterRecheck: readonly string[] = [],
): { problems: string[]; complete: boolean } {
  const problems: string[] = [];
  const { changes, complete } = parseReview(review.text);
  const covers = (shown: string, leaf: string): boolean => leaf === shown || leaf.startsWith(`${shown}.`);
  const unseen = (path: string): boolean => landedAfterRecheck.some((p) => covers(p, path) || covers(path, p));
  // A provider created by this PUT (a built-in set up from the "not set up" rows) has no gateway copy to compare with.
  const leaves = previous === undefined ? undefined : changedLeaves(previous, body);
  for (const c of changes) {
    const want = expectedLine(c.kind, c.path, previous, body);
    const shown = c.line.endsWith('…') ? c.line.slice(0, -1) : c.line;
    const matches = c.line.endsWith('…') ? want.startsWith(shown) : want === shown;
    if (!matches && !unseen(c.path)) problems.push(`${name}: review showed "${c.line}" but the gateway received "${want}"`);
    if (c.kind === '-' && valueAt(body, c.path) !== undefined) problems.push(`${name}: review removed ${c.path} but the body still has it`);
    if (leaves && !leaves.some((l) => covers(c.path, l))) problems.push(`${name}: review listed ${c.path} but the body does not change it`);
  }
  if (leaves && complete) {
    for (const leaf of leaves) {
      if (!changes.some((c) => covers(c.path, leaf)) && !unseen(leaf)) problems.push(`${name}: the body changes ${leaf}, which the review did not list`);
    }
  }
  return { problems, complete: Boolean(leaves) && complete };
}

/**
 * The last review of `name` drawn before `at` by the app run that was going at `at`. `launches`: when each
 * run of the app started, in order. An app that quit draws nothing, so a review of an earlier run never
 * stands for what a later run confirmed.
 */
export function reviewBefore(reviews: readonly ReviewFrame[], launches: readonly number[], name: string, at: number): ReviewFrame | undefined {
  const launched = launches.filter((l) => l <= at).at(-1) ?? -Infinity;
  return reviews.filter((v) => v.at >= launched && v.at < at && v.text.includes(`Review: saving ${name} `)).at(-1);
}

/** Dotted paths of every string in a stored (unredacted) provider that is a mask: a secret lost to a mask sent back. */
export function storedMasks(root: unknown, path: string[] = []): string[] {
  if (typeof root === 'string') return isRedacted(root) ? [path.join('.')] : [];
  if (root === null || typeof root !== 'object') return [];
  // A string straight in a list is no secret (a model allow-list's "*" is its wildcard); objects in lists (keys) are.
  const entries = Array.isArray(root) ? Object.entries(root).filter(([, v]) => typeof v !== 'string') : Object.entries(root);
  return entries.flatMap(([k, v]) => storedMasks(v, [...path, k]));
}
