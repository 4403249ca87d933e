/** Where the profile config lives (XDG base directory spec). */
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'bifrost-tui';

/** Options shared by everything that resolves a store directory. */
export interface DirOptions {
  /** Explicit directory (tests); wins over everything. */
  dir?: string;
  /** Environment to read (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/** The user's home, preferring `$HOME` so tests and sudo-less setups can redirect it. */
export function homeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME && path.isAbsolute(env.HOME) ? env.HOME : os.homedir();
}

/** An XDG variable only counts when absolute (the spec says to ignore relative ones). */
export function xdgBase(env: NodeJS.ProcessEnv, name: string, fallback: string[]): string {
  const value = env[name];
  if (value && path.isAbsolute(value)) return value;
  return path.join(homeDir(env), ...fallback);
}

/**
 * The config directory: `dir`, else `$BIFROST_TUI_CONFIG_DIR`, else
 * `$XDG_CONFIG_HOME/bifrost-tui`, else `~/.config/bifrost-tui`.
 */
export function resolveConfigDir(opts: DirOptions = {}): string {
  const env = opts.env ?? process.env;
  if (opts.dir) return path.resolve(opts.dir);
  if (env.BIFROST_TUI_CONFIG_DIR) return path.resolve(env.BIFROST_TUI_CONFIG_DIR);
  return path.join(xdgBase(env, 'XDG_CONFIG_HOME', ['.config']), APP_DIR_NAME);
}
