/**
 * Running the user's editor on a file, for the CLI (`providers edit`) and the
 * app (PEM fields, whole-provider edits, with Ink suspended around it):
 * `$VISUAL`, else `$EDITOR`, else `vi`, through the shell (the variable may
 * hold arguments, e.g. `code --wait`), attached to the terminal.
 */
import { spawnSync } from 'node:child_process';

/** The editor command line `env` names. */
export function editorCommand(env: NodeJS.ProcessEnv): string {
  return env.VISUAL || env.EDITOR || 'vi';
}

/** Opens `file` in the editor and waits for it; undefined when it exited cleanly, else why not (one line). */
export function runEditorOn(file: string, env: NodeJS.ProcessEnv): string | undefined {
  const editor = editorCommand(env);
  // The file name is ours (a state or temp dir of ours), quoted for the shell all the same.
  const r = spawnSync(`${editor} '${file.replace(/'/g, `'\\''`)}'`, { shell: true, stdio: 'inherit', env });
  if (r.error) return `${editor} could not be started: ${r.error.message}`;
  if (r.signal) return `${editor} was stopped by ${r.signal}`;
  return r.status === 0 ? undefined : `${editor} exited with ${r.status}`;
}
