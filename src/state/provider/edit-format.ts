/** The format of a whole-provider edit in $EDITOR: YAML unless a flag or the environment says JSON. */
export type EditFormat = 'json' | 'yaml';

/** The environment variable that picks the file format when --format does not. */
export const EDIT_FORMAT_ENV = 'BIFROST_TUI_EDIT_FORMAT';

/** --format, else $BIFROST_TUI_EDIT_FORMAT, else YAML (comments and multi-line values read naturally); `invalid`: what was given. */
export function chosenEditFormat(flag: string | undefined, env: NodeJS.ProcessEnv): EditFormat | { invalid: string } {
  const chosen = flag ?? env[EDIT_FORMAT_ENV];
  if (chosen === undefined || chosen === '') return 'yaml';
  if (chosen === 'json' || chosen === 'yaml') return chosen;
  return { invalid: chosen };
}
