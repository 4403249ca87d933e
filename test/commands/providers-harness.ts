/** Shared harness of the `providers` command tests: a demo gateway, temp stores and captured streams. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { createClient } from '../../src/api/client.js';
import type { GatewayClient } from '../../src/api/types.js';
import { runProvidersCommand } from '../../src/commands/providers.js';
import type { CommandIO } from '../../src/commands/types.js';
import { startDemoGateway, type DemoAuth, type DemoGateway, type DemoVersion, type RecordedRequest } from '../../src/demo-gateway/index.js';
import { openHistoryStore, type HistoryStore } from '../../src/store/history-store.js';
import { openProfileStore, type ProfileStore } from '../../src/store/profile-store.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  stdin?: string;
  /** A live stdin (to answer a prompt later). */
  stdinStream?: NodeJS.ReadableStream;
  isTTY?: boolean;
  /** stdout is a terminal (text may be cut to fit); default false, as in a pipe. */
  stdoutIsTTY?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Do not append `--url <gateway>`. */
  noUrl?: boolean;
  /** Wraps the command's gateway client (e.g. to act between two of its calls). */
  wrapClient?: (client: GatewayClient) => GatewayClient;
}

export interface Harness {
  gw: DemoGateway;
  dir: string;
  store: ProfileStore;
  history: HistoryStore;
  /** Every byte written to stdout/stderr by any run. */
  output: string[];
  run(argv: string[], opts?: RunOptions): Promise<Run>;
  /** Requests other than GET since the harness started (or since `mark`). */
  writes(): RecordedRequest[];
  puts(): RecordedRequest[];
  gets(): RecordedRequest[];
  close(): Promise<void>;
}

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString('utf8')));
  return { stream, text: () => text };
}

/** Runs one command group (`providers` by default, or e.g. `keys`). */
export type CommandRunner = typeof runProvidersCommand;

export async function setup(opts: { auth?: DemoAuth; command?: CommandRunner; version?: DemoVersion } = {}): Promise<Harness> {
  const runCommand = opts.command ?? runProvidersCommand;
  const gw = await startDemoGateway({ port: 0, auth: opts.auth, ...(opts.version ? { version: opts.version } : {}) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-providers-'));
  const store = openProfileStore({ dir: path.join(dir, 'config') });
  const stateDir = path.join(dir, 'state');
  const history = openHistoryStore({ dir: stateDir });
  const output: string[] = [];
  return {
    gw,
    dir,
    store,
    history,
    output,
    async run(argv, o = {}) {
      const out = sink();
      const err = sink();
      const io: CommandIO = {
        stdout: out.stream,
        stderr: err.stream,
        stdin: o.stdinStream ?? Readable.from(o.stdin === undefined ? [] : [o.stdin]),
        env: o.env ?? { PATH: process.env.PATH },
        isTTY: o.isTTY ?? false,
        stdoutIsTTY: o.stdoutIsTTY ?? false,
      };
      const args = o.noUrl ? argv : [...argv, '--url', gw.url];
      const wrap = o.wrapClient;
      const code = await runCommand(args, io, { store, historyDir: stateDir, ...(wrap ? { createClient: (c) => wrap(createClient(c)) } : {}) });
      const r = { code, stdout: out.text(), stderr: err.text() };
      output.push(r.stdout, r.stderr);
      return r;
    },
    writes: () => gw.requests.filter((r) => r.method !== 'GET'),
    puts: () => gw.requests.filter((r) => r.method === 'PUT'),
    gets: () => gw.requests.filter((r) => r.method === 'GET'),
    async close() {
      await gw.close();
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    },
  };
}

/** The provider as GET returns it, fetched directly. */
export async function fetchJson(gw: DemoGateway, name: string, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${gw.url}/api/providers/${encodeURIComponent(name)}`, { headers });
  return (await res.json()) as Record<string, unknown>;
}

/**
 * The fetched object minus the read-only fields: what a PUT sends unchanged. On v1.4 (`keys` inside the
 * provider) the keys are part of it, exactly as fetched: a PUT without them deletes them all.
 */
export function writable(p: Record<string, unknown>, version?: DemoVersion): Record<string, unknown> {
  const copy = structuredClone(p);
  for (const k of ['name', 'provider_status', 'status', 'description', 'config_hash']) delete copy[k];
  if (version !== '1.4') delete copy.keys;
  return copy;
}
