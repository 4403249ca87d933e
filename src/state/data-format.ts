/** Data for scripts as JSON or YAML: the same object either way, every character of it intact. */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { JsonTooDeep, MAX_JSON_DEPTH, parseJsonBounded, valueDepth } from '../api/json-limits.js';

/** `value` as JSON (two-space indent) or YAML (block style, no line folding), with a trailing newline. */
export function formatData(value: unknown, format: 'json' | 'yaml'): string {
  if (format === 'yaml') return stringifyYaml(value, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** How parseDocument reads `text`. */
export function documentSyntax(text: string): 'JSON' | 'YAML' {
  return /^\s*[{[]/.test(text) ? 'JSON' : 'YAML';
}

/**
 * A document that is JSON, or YAML (what `export -o yaml` writes): text that
 * starts with `{` is read as JSON, with JSON's messages; anything else as YAML
 * (one document; duplicate keys and aliases refused).
 */
export function parseDocument(text: string): unknown {
  if (documentSyntax(text) === 'JSON') return parseJsonBounded(text);
  const doc = parseYaml(text, { uniqueKeys: true, maxAliasCount: 0, prettyErrors: false }) as unknown;
  // The same nesting bound as JSON: what follows walks the document level by level.
  if (valueDepth(doc, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new JsonTooDeep(MAX_JSON_DEPTH);
  return doc;
}
