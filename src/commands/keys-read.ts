/** `keys list` and `keys get`: read-only, values shown only as their source. */
import type { Key } from '../api/wire.js';
import { flattenForDisplay } from '../state/flatten.js';
import { maskKey } from '../state/keys/key-diff.js';
import { keyRow, keyValueSourceData } from '../state/keys/key-view.js';
import { needArgs, type Ctx } from './command-context.js';
import { fetchKeys, keyRules, resolveKey } from './keys-lookup.js';
import { formatTable } from './output.js';
import { EXIT } from '../state/exit-codes.js';

/** A key for JSON output: secrets masked, the value replaced by its source. */
export function keyJson(key: Key): Record<string, unknown> {
  const out = maskKey(key);
  delete out.value;
  return { ...out, value_source: keyValueSourceData(key.value) };
}

export async function runKeysList(ctx: Ctx): Promise<number> {
  const [provider] = needArgs(ctx, 'list', ['PROVIDER'], 1, 'keys');
  const keys = await fetchKeys(ctx, provider!);
  if (ctx.json) {
    ctx.outJson({ provider, keys: keys.map(keyJson) });
    return EXIT.ok;
  }
  const rules = await keyRules(ctx);
  if (keys.length === 0) {
    ctx.out(`no keys on ${provider}\n`);
    return EXIT.ok;
  }
  const rows = keys.map((k) => {
    const r = keyRow(k, rules);
    return [r.name, r.id, r.enabled ? 'yes' : 'no', r.weight, r.models, r.source, r.status];
  });
  ctx.out(formatTable(['NAME', 'ID', 'ENABLED', 'WEIGHT', 'MODELS', 'VALUE', 'STATUS'], rows));
  for (const k of keys) if (k.description) ctx.out(`${k.name ?? k.id}: ${keyRow(k, rules).status}: ${k.description}\n`);
  return EXIT.ok;
}

export async function runKeysGet(ctx: Ctx): Promise<number> {
  const [provider, ref] = needArgs(ctx, 'get', ['PROVIDER', 'KEY'], 2, 'keys');
  const key = await resolveKey(ctx, provider!, ref!);
  if (ctx.json) {
    ctx.outJson(keyJson(key));
    return EXIT.ok;
  }
  const r = keyRow(key, await keyRules(ctx));
  const head = [
    `${r.name}  (${r.id}) of ${provider}`,
    `  enabled: ${r.enabled ? 'yes' : 'no'}   weight: ${r.weight}`,
    `  models: ${r.models}`,
    `  blacklisted: ${r.blacklist}`,
    `  value: ${r.source}`,
    `  status: ${r.status}${r.description ? `: ${r.description}` : ''}`,
  ];
  const rest = { ...key } as Record<string, unknown>;
  for (const k of ['id', 'name', 'value', 'enabled', 'weight', 'models', 'blacklisted_models', 'status', 'description']) delete rest[k];
  const lines = flattenForDisplay(maskKey(rest)).map((l) => `  ${l.path}: ${l.text}`);
  ctx.out(`${[...head, ...lines].join('\n')}\n`);
  return EXIT.ok;
}
