/** node:util parseArgs errors as the app's own one-line messages (no parser prose, never an `=value`: it could be a key). */

/** "unknown option --x; usage: bifrost-tui providers get NAME [--json] (more: … --help)". */
export function describeParseError(err: unknown, usage?: string, helpCommand?: string): string {
  const raw = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
  const unknown = /^Unknown option '(-{1,2}[^'=\s]*)/.exec(raw);
  const missing = /^Option '(-[^']*?)(?: <value>)?' argument missing/.exec(raw) ?? /^Option '(--?[^'\s,]+)/.exec(raw);
  const what = unknown ? `unknown option ${unknown[1]}` : missing ? `${missing[1]} needs a value` : raw.replace(/=[^'"\s]*/g, '=…').replace(/\.\s.*$/, '');
  const hint = usage ? `; usage: ${usage}` : '';
  return `${what}${hint}${helpCommand ? ` (more: ${helpCommand} --help)` : ''}`;
}
