/** `keys add|set|rotate|enable|disable|remove|history|restore`: every write goes through `writeKey`. */
import type { Edit } from '../api/update-body.js';
import { getAtPath } from '../api/update-body.js';
import type { Key } from '../api/wire.js';
import { KEY_READ_ONLY_FIELDS } from '../api/wire-fields.js';
import { isReferenceText } from '../state/provider/env-var.js';
import { isParseError } from '../state/provider/types.js';
import { parseModelList } from '../state/keys/allow-list.js';
import { findKeyField, KEY_FIELDS, type KeyFieldDescriptor } from '../state/keys/key-fields.js';
import { closestWords } from '../state/cli/closest.js';
import { enabledEdit, rotateEdit } from '../state/keys/key-edits.js';
import { assertWritable, needArgs, type Ctx } from './command-context.js';
import { CommandError, UsageError } from './command-errors.js';
import { keyRules, resolveKey } from './keys-lookup.js';
import { isKeySecretOn } from '../state/keys/key-diff.js';
import { allowListMode } from '../api/key-rules.js';
import type { VersionRules } from '../api/versions/version-rules.js';
import { keyHistoryName } from '../state/keys/key-view.js';
import { readKeyValue } from './keys-value.js';
import { writeKey } from './keys-write.js';
import { formatTable } from './output.js';
import { jsonEqual } from '../state/json.js';
import { EXIT } from '../state/exit-codes.js';
import { rerunLine } from './rerun.js';

async function target(ctx: Ctx, sub: string): Promise<{ provider: string; key: Key }> {
  const [provider, ref] = needArgs(ctx, sub, ['PROVIDER', 'KEY'], 2, 'keys');
  if (!ctx.flag('dry-run')) await assertWritable(ctx);
  return { provider: provider!, key: await resolveKey(ctx, provider!, ref!) };
}

export async function runKeysAdd(ctx: Ctx): Promise<number> {
  const [provider] = needArgs(ctx, 'add', ['PROVIDER'], 1, 'keys');
  const name = ctx.str('name');
  if (!name?.trim()) throw new UsageError('`keys add` needs --name NAME');
  const value = await readKeyValue(ctx);
  // The list that means what was asked on this gateway's line: `*` is `[]` on v1.4, `["*"]` later.
  const rules = await keyRules(ctx);
  const models = parseModelList(ctx.str('models') ?? '*', rules.models);
  if (isParseError(models)) throw new CommandError(`invalid: models: ${models.error}`, EXIT.validation);
  if (allowListMode(models.value, rules.models).mode === 'none') ctx.note('note: models: none: this key serves no model until you allow some (--models \'*\' allows all)');
  const weightText = ctx.str('weight');
  const weight = weightText === undefined ? 1 : Number(weightText);
  if (weightText !== undefined && (weightText.trim() === '' || !Number.isFinite(weight))) throw new CommandError(`invalid: weight: "${weightText}" is not a number`, EXIT.validation);
  if (!ctx.flag('dry-run')) await assertWritable(ctx);
  const body = { name: name.trim(), value, models: models.value, weight, enabled: !ctx.flag('disabled') };
  return writeKey(ctx, { kind: 'create', provider: provider!, body });
}

/** One `path=value` (or `--unset path`) as an edit of the fetched key, in the gateway line's meaning (`rules`). */
function editFor(key: Key, path: string, text: string | undefined, rules: VersionRules): Edit {
  const alias = /^aliases\.(.+)$/.exec(path);
  if (alias) {
    const aliases = { ...((key.aliases ?? {}) as Record<string, string>) };
    if (text === undefined) delete aliases[alias[1]!];
    else if (text.trim() === '') throw new CommandError(`invalid: ${path}: needs a deployment / ARN / endpoint`, EXIT.validation);
    else aliases[alias[1]!] = text.trim();
    return Object.keys(aliases).length ? { path: ['aliases'], value: aliases } : { path: ['aliases'], remove: true };
  }
  const d: KeyFieldDescriptor | undefined = findKeyField(path);
  if (!d) throw unknownKeyPath(path);
  if (text === undefined) return { path: d.path, remove: true };
  if (isKeySecretOn(d.id, rules) && !isReferenceText(text)) {
    throw new UsageError(`${path} is a secret: it is never taken as an argument; give a reference (env.NAME) here${path === 'value' ? ', or use `keys rotate`' : ''}`);
  }
  const parsed = d.allowList ? parseModelList(text, rules.models) : d.parse(text);
  if (isParseError(parsed)) throw new CommandError(`invalid: ${d.label} (${path}): ${parsed.error}`, EXIT.validation);
  const v = parsed.value;
  if (typeof v === 'number' && ((d.min !== undefined && v < d.min) || (d.max !== undefined && v > d.max))) {
    throw new CommandError(`invalid: ${d.label} (${path}): must be from ${d.min} to ${d.max}`, EXIT.validation);
  }
  const wire = d.toWire ? d.toWire(v, getAtPath(key, d.path)) : v;
  return wire === undefined ? { path: d.path, remove: true } : { path: d.path, value: wire };
}

/** A path `keys set` does not know, with the closest one it does (`wieght` → weight). */
function unknownKeyPath(path: string): UsageError {
  const [near] = closestWords(path, [...KEY_FIELDS.map((f) => f.id), 'aliases.MODEL'], 1);
  return new UsageError(`unknown key field "${path}"${near ? `; did you mean ${near}?` : ''} (the paths are listed in \`bifrost-tui keys set --help\`)`, false);
}

export async function runKeysSet(ctx: Ctx): Promise<number> {
  const [, , ...assignments] = ctx.args;
  const unsets = (ctx.flags.unset as string[] | undefined) ?? [];
  if (ctx.args.length < 2) throw new UsageError('`keys set` needs PROVIDER KEY and at least one path=value');
  if (assignments.length + unsets.length === 0) throw new UsageError('`keys set` needs at least one path=value (or --unset path)');
  for (const a of assignments) if (a.indexOf('=') <= 0) throw new UsageError(`expected path=value, got "${a.length > 40 ? `${a.slice(0, 40)}…` : a}"`);
  // Every path is checked before anything is read from the gateway.
  for (const path of [...assignments.map((a) => a.slice(0, a.indexOf('=')).trim()), ...unsets]) {
    if (!/^aliases\.(.+)$/.test(path) && !findKeyField(path)) throw unknownKeyPath(path);
  }
  ctx.args.splice(2);
  const { provider, key } = await target(ctx, 'set');
  const rules = await keyRules(ctx);
  const edits = [
    ...assignments.map((a) => editFor(key, a.slice(0, a.indexOf('=')).trim(), a.slice(a.indexOf('=') + 1), rules)),
    ...unsets.map((p) => editFor(key, p, undefined, rules)),
  ];
  return writeKey(ctx, { kind: 'update', provider, fetched: key, edits });
}

export async function runKeysRotate(ctx: Ctx): Promise<number> {
  const { provider, key } = await target(ctx, 'rotate');
  const value = await readKeyValue(ctx);
  return writeKey(ctx, { kind: 'update', provider, fetched: key, edits: [rotateEdit(key, value)] });
}

export function runKeysToggle(enabled: boolean): (ctx: Ctx) => Promise<number> {
  return async (ctx) => {
    const { provider, key } = await target(ctx, enabled ? 'enable' : 'disable');
    return writeKey(ctx, { kind: 'update', provider, fetched: key, edits: [enabledEdit(enabled)] });
  };
}

export async function runKeysRemove(ctx: Ctx): Promise<number> {
  const { provider, key } = await target(ctx, 'remove');
  return writeKey(ctx, { kind: 'delete', provider, fetched: key });
}

export async function runKeysHistory(ctx: Ctx): Promise<number> {
  const [provider, ref] = needArgs(ctx, 'history', ['PROVIDER', 'KEY'], 2, 'keys');
  const key = await resolveKey(ctx, provider!, ref!);
  const gw = (await ctx.connect()).connection.gatewayKey;
  const list = ctx.history().listHistory(gw, keyHistoryName(provider!, key.id!));
  if (ctx.json) ctx.outJson({ provider, key: key.id, versions: list.map((e) => ({ id: e.id, at: e.at })) });
  else if (list.length === 0) ctx.out(`no saved versions of key ${key.name ?? key.id} for this gateway\n`);
  else ctx.out(formatTable(['ID', 'SAVED AT'], list.map((e) => [e.id, e.at])));
  return EXIT.ok;
}

/** Puts a saved version of a key back; a saved mask that is not the current one keeps the current credential. */
export async function runKeysRestore(ctx: Ctx): Promise<number> {
  const { provider, key } = await target(ctx, 'restore');
  const gw = (await ctx.connect()).connection.gatewayKey;
  const slot = keyHistoryName(provider, key.id!);
  const at = ctx.str('at');
  const entry = at ? ctx.history().getHistory(gw, slot, at) : ctx.history().listHistory(gw, slot)[0];
  if (!entry) throw new CommandError(at ? `no saved version "${at}" of this key (see \`${rerunLine(ctx, ['keys', 'history', provider, key.id!])}\`)` : `no saved versions of key ${key.name ?? key.id} for this gateway`, EXIT.notFound);
  const skip = new Set<string>([...KEY_READ_ONLY_FIELDS, 'id']);
  // A credential changed since the backup cannot be restored from its mask: the pipeline keeps the current one and says so.
  const saved = entry.object;
  const edits: Edit[] = [];
  for (const k of Object.keys(key)) if (!skip.has(k) && !(k in saved)) edits.push({ path: [k], remove: true });
  for (const [k, v] of Object.entries(saved)) {
    if (skip.has(k) || jsonEqual((key as Record<string, unknown>)[k], v)) continue;
    edits.push({ path: [k], value: v });
  }
  return writeKey(ctx, { kind: 'update', provider, fetched: key, edits, extra: { restoredFrom: entry.id } });
}
