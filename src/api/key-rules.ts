/**
 * The gateway's rules for a key's model lists since v1.5 (CONTRACT.md §4.6.1):
 * `["*"]` serves every model, `[]` serves none, a wildcard cannot be mixed
 * with names, and duplicates are refused. Shared by the client (to refuse
 * before sending) and the demo gateway (to answer 400 like upstream).
 */

/** What a model allow-list means. */
export type AllowListMode = { mode: 'all' } | { mode: 'none' } | { mode: 'only'; names: string[] };

export const WILDCARD = '*';

/**
 * What `[]`, `["*"]` and an absent `models` list mean on a Bifrost line (VERSIONS.md §5.5): from v1.5
 * `["*"]` is every model and `[]` none; on v1.4 `[]` (or no list) is every model and `"*"` is not a
 * wildcard (it matches no model name).
 */
export interface ModelListSemantics {
  readonly empty: 'all' | 'none';
  readonly wildcard: 'all' | 'nothing';
  readonly absent: 'all' | 'none';
}

/** v1.5 and later. */
export const MODELS_V15: ModelListSemantics = { empty: 'none', wildcard: 'all', absent: 'none' };

/** The mode of a `models` list on a line (v1.5's by default: an absent list serves nothing, deny by default). */
export function allowListMode(models: unknown, semantics: ModelListSemantics = MODELS_V15): AllowListMode {
  if (!Array.isArray(models)) return { mode: semantics.absent };
  const list = models.filter((m): m is string => typeof m === 'string');
  if (list.length === 0) return { mode: semantics.empty };
  if (list.includes(WILDCARD)) {
    if (semantics.wildcard === 'all') return { mode: 'all' };
    const rest = list.filter((n) => n !== WILDCARD);
    return rest.length === 0 ? { mode: 'none' } : { mode: 'only', names: rest };
  }
  return { mode: 'only', names: list };
}

/** The `models` list that means `mode` on a line, or why the line cannot say it (v1.4 has no "no models"). */
export function allowListFor(mode: AllowListMode, semantics: ModelListSemantics = MODELS_V15): { value: string[] } | { error: string } {
  if (mode.mode === 'all') return { value: semantics.empty === 'all' ? [] : [WILDCARD] };
  if (mode.mode === 'none') {
    if (semantics.empty === 'none') return { value: [] };
    return { error: 'on this gateway (Bifrost v1.4) an empty model list means every model: a key that serves none cannot be written (disable it instead)' };
  }
  if (mode.names.length === 0) return allowListFor({ mode: semantics.empty }, semantics);
  if (mode.names.includes(WILDCARD)) return { error: '"*" cannot be one of the listed models' };
  return { value: [...mode.names] };
}

/** Why a model list is refused (the gateway's 400), or undefined when it is valid. */
export function modelListProblem(models: unknown): string | undefined {
  if (models === undefined || models === null) return undefined;
  if (!Array.isArray(models)) return 'must be a list of model names';
  if (models.some((m) => typeof m !== 'string' || m.trim() === '')) return 'model names must be non-empty text';
  if (models.includes(WILDCARD) && models.length > 1) return 'wildcard "*" cannot be mixed with model names';
  const seen = new Set<string>();
  for (const m of models as string[]) {
    if (seen.has(m)) return `duplicate model "${m}"`;
    seen.add(m);
  }
  return undefined;
}
