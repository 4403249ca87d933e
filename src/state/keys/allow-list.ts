/** A key's model lists in words and as editable text (CONTRACT.md §4.6.1: `["*"]` all, `[]` none). */
import { allowListMode, modelListProblem, WILDCARD } from '../../api/key-rules.js';
import type { ParseResult } from '../provider/types.js';

/** The mode of an allow-list in words: "all models", "no models: this key serves nothing", "only: a, b". */
export function describeAllowList(models: unknown, max = 3): string {
  const m = allowListMode(models);
  if (m.mode === 'all') return 'all models';
  if (m.mode === 'none') return 'no models: this key serves nothing';
  return `only: ${firstNames(m.names, max)}`;
}

/** A blacklist in words: "none" or "a, b (+2)". */
export function describeBlacklist(models: unknown, max = 3): string {
  const list = Array.isArray(models) ? models.filter((m): m is string => typeof m === 'string') : [];
  return list.length === 0 ? 'none' : firstNames(list, max);
}

/** Aliases in words: "none" or "model → target, …". */
export function describeAliases(aliases: unknown): string {
  const pairs = aliases && typeof aliases === 'object' && !Array.isArray(aliases) ? Object.entries(aliases as Record<string, unknown>) : [];
  return pairs.length === 0 ? 'none' : pairs.map(([k, v]) => `${k} → ${String(v)}`).join(', ');
}

function firstNames(names: readonly string[], max: number): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} (+${names.length - max})` : shown;
}

/**
 * Text → model list: `*` = all, `none` or empty = [] (serves nothing), else
 * names split on commas or new lines. Refuses what the gateway refuses (400).
 */
export function parseModelList(text: string): ParseResult {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === 'none') return { value: [] };
  const names = t.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== '');
  const problem = modelListProblem(names);
  return problem ? { error: problem } : { value: names };
}

/** Model list → editable text (`*`, `none`, or `a, b`). */
export function formatModelList(v: unknown): string {
  const list = Array.isArray(v) ? v.filter((m): m is string => typeof m === 'string') : [];
  if (list.length === 0) return 'none';
  return list.length === 1 && list[0] === WILDCARD ? WILDCARD : list.join(', ');
}
