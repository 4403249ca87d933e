/**
 * The gateway's rules for a key's model lists since v1.5 (CONTRACT.md §4.6.1):
 * `["*"]` serves every model, `[]` serves none, a wildcard cannot be mixed
 * with names, and duplicates are refused. Shared by the client (to refuse
 * before sending) and the demo gateway (to answer 400 like upstream).
 */

/** What a model allow-list means. */
export type AllowListMode = { mode: 'all' } | { mode: 'none' } | { mode: 'only'; names: string[] };

export const WILDCARD = '*';

/** The mode of a `models` list; an absent list serves nothing (deny by default). */
export function allowListMode(models: unknown): AllowListMode {
  const list = Array.isArray(models) ? models.filter((m): m is string => typeof m === 'string') : [];
  if (list.length === 0) return { mode: 'none' };
  if (list.includes(WILDCARD)) return { mode: 'all' };
  return { mode: 'only', names: list };
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
