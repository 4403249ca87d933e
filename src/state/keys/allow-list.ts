/**
 * A key's model lists in words and as editable text, in the meaning of the
 * gateway's Bifrost line (VERSIONS.md §5.5: from v1.5 `["*"]` all, `[]` none;
 * on v1.4 `[]` all, and no way to say none). v1.5's meaning by default.
 */
import { allowListFor, allowListMode, MODELS_V15, modelListProblem, WILDCARD, type ModelListSemantics } from '../../api/key-rules.js';
import type { ParseResult } from '../provider/types.js';

/** The mode of an allow-list in words: "all models", "no models: this key serves nothing", "only: a, b". */
export function describeAllowList(models: unknown, max = 3, semantics: ModelListSemantics = MODELS_V15): string {
  const m = allowListMode(models, semantics);
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
 * Text → the model list that means it on the line: `*` = all, `none` or
 * empty = serves nothing, else names split on commas or new lines. Refuses
 * what the gateway refuses (400), and what the line cannot say.
 */
export function parseModelList(text: string, semantics: ModelListSemantics = MODELS_V15): ParseResult {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === 'none') return fromMode({ mode: 'none' }, semantics);
  const names = t.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== '');
  const problem = modelListProblem(names);
  if (problem) return { error: problem };
  return names.length === 1 && names[0] === WILDCARD ? fromMode({ mode: 'all' }, semantics) : { value: names };
}

function fromMode(mode: Parameters<typeof allowListFor>[0], semantics: ModelListSemantics): ParseResult {
  const out = allowListFor(mode, semantics);
  return 'error' in out ? { error: out.error } : { value: out.value };
}

/** Model list → editable text (`*`, `none`, or `a, b`), read in the line's meaning. */
export function formatModelList(v: unknown, semantics: ModelListSemantics = MODELS_V15): string {
  const m = allowListMode(v, semantics);
  if (m.mode === 'all') return WILDCARD;
  return m.mode === 'none' ? 'none' : m.names.join(', ');
}
