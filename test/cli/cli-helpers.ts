/** Runs the built CLI as a script would: no terminal, temp config/state dirs, exact stdout, stderr and exit code. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, requireBuiltCli } from '../helpers/tmux.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliDirs {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Async, so a gateway in this process can answer meanwhile. */
  run(args: readonly string[], opts?: { input?: string; env?: NodeJS.ProcessEnv }): Promise<CliRun>;
  close(): void;
}

/** Temp dirs and a runner of `node dist/cli.js ARGS` with them. */
export function cliDirs(prefix: string): CliDirs {
  requireBuiltCli();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    BIFROST_TUI_CONFIG_DIR: join(dir, 'config'),
    BIFROST_TUI_STATE_DIR: join(dir, 'state'),
    BIFROST_TUI_CACHE_DIR: join(dir, 'cache'),
  };
  return {
    dir,
    env,
    run(args, opts = {}) {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { env: { ...env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.on('error', reject);
        child.on('close', (status) => {
          clearTimeout(timer);
          resolve({ status, stdout, stderr });
        });
        child.stdin.end(opts.input ?? '');
      });
    },
    close: () => rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }),
  };
}
