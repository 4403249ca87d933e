/**
 * Bodies and meanings in a line's dialect, read from the version rules. Pure:
 * every function takes the rules (`rulesFor(version)`) and data as fetched.
 * A write the line cannot represent is refused with one line, never guessed.
 */
import { applyEdit, cloneJson, type Edit } from '../update-body.js';
import type { UpdateBody } from '../wire.js';
import { KEY_READ_ONLY_FIELDS } from '../wire-fields.js';
import type { VersionRules } from './version-rules.js';
import { allowListFor, allowListMode, type AllowListMode } from '../key-rules.js';

/** A body (or value) to send, or why the line cannot take it. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: string };

const refuse = (refusal: string): { ok: false; refusal: string } => ({ ok: false, refusal });

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The provider type whose key configs apply: the base type of a custom provider, else its name. */
function providerType(provider: Record<string, unknown>, name: string): string {
  const base = record(provider.custom_provider_config)?.base_provider_type;
  return typeof base === 'string' && base !== '' ? base : name;
}

/**
 * The complete provider PUT body on this line: the provider as fetched minus
 * the line's read-only fields, with `edits` applied. On v1.4 `keys` is the
 * complete list and goes back whole (an edit may replace it); on v1.5+ it is
 * never sent. Removing an optional block sends `null`, which clears it on
 * every line (on v2 an omitted block would be kept).
 */
export function providerPutBody(rules: VersionRules, name: string, fetched: Record<string, unknown>, edits: readonly Edit[] = []): Outcome<UpdateBody> {
  const readOnly = new Set(rules.readOnlyProviderFields);
  const body = cloneJson(fetched);
  for (const field of readOnly) delete body[field];
  if (rules.providerPutKeys === 'echo-whole') {
    if (!Array.isArray(fetched.keys)) {
      return refuse(`Bifrost ${rules.line} takes a provider's keys as part of it, and ${name} was read without them: a save would delete them`);
    }
    const lost = rules.keyConfigsLostOnEcho[providerType(fetched, name)];
    if (lost && fetched.keys.length > 0) {
      return refuse(`Bifrost ${rules.line} does not show ${lost} when it lists keys, so saving ${name} would remove it from every key; nothing was sent`);
    }
  }
  for (const edit of edits) {
    const head = edit.path[0] ?? '';
    if (readOnly.has(head)) return refuse(`${edit.path.join('.')} is read-only on Bifrost ${rules.line}`);
    if (edit.remove && edit.path.length === 1 && rules.optionalBlocks.includes(head)) {
      body[head] = null;
      continue;
    }
    applyEdit(body, edit);
  }
  return { ok: true, value: body };
}

/** One change to a v1.4 provider's key list. */
export type KeyListChange =
  | { kind: 'update'; id: string; edits: readonly Edit[] }
  /** The key with this id becomes `key` (its id kept), in its place. */
  | { kind: 'replace'; id: string; key: Record<string, unknown> }
  | { kind: 'add'; key: Record<string, unknown> }
  | { kind: 'delete'; id: string };

/**
 * The provider's `keys` as fetched with one change (v1.4, where a key write
 * is a provider PUT carrying every key): other keys are untouched objects, a
 * new key gets an empty id (the gateway makes one), and an unknown id is refused.
 */
export function keysWithChange(fetchedKeys: readonly unknown[], change: KeyListChange): Outcome<unknown[]> {
  const keys = cloneJson([...fetchedKeys]);
  if (change.kind === 'add') return { ok: true, value: [...keys, { ...cloneJson(change.key), id: '' }] };
  const index = keys.findIndex((k) => record(k)?.id === change.id);
  if (index < 0) return refuse(`key ${change.id} is not among the provider's keys`);
  if (change.kind === 'delete') return { ok: true, value: keys.filter((_, i) => i !== index) };
  if (change.kind === 'replace') {
    keys[index] = { ...cloneJson(change.key), id: change.id };
    return { ok: true, value: keys };
  }
  const key = keys[index] as Record<string, unknown>;
  for (const edit of change.edits) {
    if (edit.path[0] === 'id') return refuse('a key id cannot be edited');
    applyEdit(key, edit);
  }
  return { ok: true, value: keys };
}

/**
 * The key PUT body: the key as fetched minus computed fields, with `edits`.
 * The whole key is sent on every line: a full replace needs it, and a patch
 * (v2.2.6) applies each field sent, which then holds the same values.
 */
export function keyPutBody(rules: VersionRules, fetched: Record<string, unknown>, edits: readonly Edit[] = []): Outcome<Record<string, unknown>> {
  if (rules.keyPut === 'none') return refuse(`Bifrost ${rules.line} has no key routes: a key is changed by saving its provider with every key`);
  const body = cloneJson(fetched);
  for (const field of KEY_READ_ONLY_FIELDS) delete body[field];
  for (const edit of edits) {
    const head = edit.path[0] ?? '';
    if (head === 'id' || (KEY_READ_ONLY_FIELDS as readonly string[]).includes(head)) return refuse(`${edit.path.join('.')} is read-only`);
    applyEdit(body, edit);
  }
  return { ok: true, value: body };
}

/** What a key's `models` list means to the gateway. */
export type ModelListMeaning = AllowListMode;

/** The meaning of a key's `models` on this line (§5.5): `[]` is all on v1.4 and none later; `["*"]` is all from v1.5. */
export function modelListMeaning(rules: VersionRules, models: unknown): ModelListMeaning {
  return allowListMode(models, rules.models);
}

/** The `models` list that means `meaning` on this line, or why the line cannot say it. */
export function modelListFor(rules: VersionRules, meaning: ModelListMeaning): Outcome<string[]> {
  const out = allowListFor(meaning, rules.models);
  return 'error' in out ? refuse(out.error.replace('this gateway (Bifrost v1.4)', `Bifrost ${rules.line}`)) : { ok: true, value: out.value };
}

/** Whether a dotted path matches a gate pattern (`*`: any one segment; a pattern also covers what lies below it). */
function underPattern(path: readonly string[], pattern: string): boolean {
  const parts = pattern.split('.');
  if (path.length < parts.length) return false;
  return parts.every((p, i) => p === '*' || p === path[i]);
}

function leafPaths(v: unknown, prefix: string[] = []): string[][] {
  const o = record(v);
  if (!o) return prefix.length ? [prefix] : [];
  // An EnvVar/SecretVar object is one value.
  if ('value' in o && prefix.length) return [prefix];
  const out: string[][] = [];
  for (const [k, child] of Object.entries(o)) for (const p of leafPaths(child, [...prefix, k])) out.push(p);
  return out;
}

function at(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const k of path) node = record(node)?.[k];
  return node;
}

/**
 * The fields of a change that a v2 gateway with its dashboard auth off answers
 * with 403 "requires an authenticated admin session" (§5.6): any add, change
 * or removal of a gated field; for a new key (`before` undefined), every dial
 * target it sets. Empty on a line without gates.
 */
export function gatedChanges(rules: VersionRules, kind: 'provider' | 'key', before: unknown, after: unknown): string[] {
  const patterns = kind === 'provider' ? rules.gates?.providerFields : rules.gates?.keyDialTargets;
  if (!patterns) return [];
  const paths = new Map<string, string[]>();
  for (const p of [...leafPaths(before), ...leafPaths(after)]) paths.set(p.join('.'), p);
  const changed: string[] = [];
  for (const [dotted, path] of paths) {
    if (!patterns.some((pattern) => underPattern(path, pattern))) continue;
    if (JSON.stringify(at(before, path)) !== JSON.stringify(at(after, path))) changed.push(dotted);
  }
  return changed.sort();
}
