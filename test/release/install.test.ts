/**
 * The README's install instructions, followed word for word (the
 * `<!-- install: … -->` blocks of its "Install" section): the packed
 * tarball installed with npm into a temp prefix, offline, and the single
 * executable copied to a "server" without Node.js and run there.
 *
 * The server is a temp dir; `scp` and `ssh` are stand-ins that copy into
 * it and run a command in it with an empty environment: no PATH (so no
 * `node`), HOME the server dir, run from there.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTmux, type TmuxSession } from '../helpers/tmux.js';
import { readmeInstallBlock } from './readme-commands.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
const VERSION_LINE = `bifrost-tui ${pkg.version} (Bifrost gateways v1.4 to v2.2)\n`;
const TARBALL = `${pkg.name}-${pkg.version}.tgz`;

interface Ran {
  line: string;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one README line with /bin/sh, as a user's shell would. */
function sh(line: string, env: NodeJS.ProcessEnv): Ran {
  const r = spawnSync('/bin/sh', ['-c', line], { env, encoding: 'utf8', timeout: 120_000 });
  return { line, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** This process's environment without npm's own variables (npm run sets dozens) nor MANPATH. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'MANPATH'));
}

describe('README install: with npm', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'bt-npm-install-'));
  const prefix = path.join(tmp, 'prefix');
  let lines: string[];
  let ran: Ran[];
  beforeAll(() => {
    lines = readmeInstallBlock('npm');
    // A temp prefix for -g, an empty npm cache and offline: the install needs nothing from a registry.
    const env: NodeJS.ProcessEnv = {
      ...cleanEnv(),
      HOME: path.join(tmp, 'home'),
      PATH: `${path.join(prefix, 'bin')}:${process.env.PATH}`,
      npm_config_prefix: prefix,
      npm_config_cache: path.join(tmp, 'npm-cache'),
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      MANPAGER: 'cat',
      MANWIDTH: '100',
    };
    mkdirSync(env.HOME!);
    ran = [];
    for (const line of lines) {
      const r = sh(line, env);
      ran.push(r);
      if (r.status !== 0) break;
    }
  });
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(TARBALL, { force: true });
  });

  const output = (start: string) => ran.find((r) => r.line.startsWith(start));

  it('every command of the block succeeds', () => {
    expect(lines).toEqual([
      'npm pack',
      `npm install -g ./${TARBALL}`,
      'bifrost-tui --version',
      'man bifrost-tui',
      `npx ./${TARBALL} providers list --demo`,
    ]);
    for (const r of ran) expect(r, r.line).toMatchObject({ status: 0 });
    expect(ran).toHaveLength(lines.length);
  });

  it('the installed bifrost-tui is the package in the temp prefix, with no dependency beside it', () => {
    expect(execFileSync('/bin/sh', ['-c', 'command -v bifrost-tui'], { env: { PATH: path.join(prefix, 'bin') }, encoding: 'utf8' }).trim()).toBe(path.join(prefix, 'bin', 'bifrost-tui'));
    expect(output('bifrost-tui --version')?.stdout).toBe(VERSION_LINE);
    expect(readdirSync(path.join(prefix, 'lib', 'node_modules'))).toEqual(['bifrost-tui']);
    expect(existsSync(path.join(prefix, 'lib', 'node_modules', 'bifrost-tui', 'node_modules'))).toBe(false);
  });

  it('the package has no runtime dependencies, no install scripts, the man page, and not the single executable', () => {
    const manifest = JSON.parse(execFileSync('tar', ['-xOzf', TARBALL, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies']) expect(manifest[field], field).toBeUndefined();
    const scripts = Object.keys((manifest.scripts ?? {}) as object);
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(scripts).not.toContain(hook);
    const files = execFileSync('tar', ['-tzf', TARBALL], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(files).toEqual(
      ['README.md', 'bifrost-tui.1', 'dist/THIRD_PARTY_NOTICES.md', 'dist/app.cjs', 'dist/cli.js', 'dist/package.json', 'package.json'].map((f) => `package/${f}`).sort(),
    );
  });

  it('`man bifrost-tui` finds the page the package installed', () => {
    const man = output('man bifrost-tui')?.stdout ?? '';
    expect(man).toMatch(/^BIFROST-TUI\(1\)/m);
    expect(man).toContain('bifrost-tui providers list');
    expect(man).toContain(VERSION_LINE.trim());
  });

  it('npx runs the tarball without installing it', () => {
    const npx = output('npx ')?.stdout ?? '';
    expect(npx).toMatch(/^NAME\s+KIND\s+STATUS/);
    expect(npx).toContain('openai');
  });
});

describe('README install: one file on a server without Node.js', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'bt-sea-install-'));
  const server = path.join(tmp, 'server');
  const stubs = path.join(tmp, 'bin');
  let lines: string[];
  let env: NodeJS.ProcessEnv;
  let tmux: TmuxSession | undefined;
  beforeAll(() => {
    lines = readmeInstallBlock('single-executable');
    mkdirSync(server);
    mkdirSync(stubs);
    // scp SRC server:DEST copies into the server dir; ssh [-t] server CMD runs CMD there, environment emptied.
    writeFileSync(
      path.join(stubs, 'scp'),
      `#!/bin/sh\nset -e\n[ "\${2%%:*}" = server ] || { echo "scp stand-in: only server:PATH" >&2; exit 1; }\ncp "$1" "${server}/\${2#server:}"\n`,
    );
    writeFileSync(
      path.join(stubs, 'ssh'),
      `#!/bin/sh\nwhile [ "\${1#-}" != "$1" ]; do shift; done\n[ "$1" = server ] || { echo "ssh stand-in: unknown host $1" >&2; exit 255; }\nshift\ncd "${server}" && exec /usr/bin/env -i HOME="${server}" PATH= TERM="\${TERM:-dumb}" /bin/sh -c "$*"\n`,
    );
    chmodSync(path.join(stubs, 'scp'), 0o755);
    chmodSync(path.join(stubs, 'ssh'), 0o755);
    env = { ...cleanEnv(), PATH: `${stubs}:${process.env.PATH}` };
  });
  afterAll(() => {
    tmux?.kill();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('the block builds the executable, copies it, and opens the demo on the server in a terminal', async () => {
    expect(lines).toEqual([
      'npm run package',
      `scp dist/bifrost-tui-${process.platform}-${process.arch} server:bifrost-tui`,
      'ssh -t server ./bifrost-tui --demo',
    ]);
    for (const line of lines.slice(0, 2)) expect(sh(line, env), line).toMatchObject({ status: 0 });
    expect(readdirSync(server)).toEqual(['bifrost-tui']);
    // The last line wants a terminal (-t): tmux is it. (tmux's -e does not reach the command's PATH lookup.)
    tmux = startTmux(`export PATH='${stubs}':"$PATH"; ${lines[2]!}`);
    await tmux.waitFor(/openai/);
    expect(tmux.screen()).toMatch(/acme-llm[\s\S]*anthropic/);
    tmux.send('q');
    expect(await tmux.waitForExit()).toBe(0);
  });

  it('on the server no node is reachable, yet --version and providers list --demo work', () => {
    const onServer = (cmd: string) => sh(`ssh server ${cmd}`, env);
    expect(onServer("'command -v node'").status).not.toBe(0);
    expect(onServer('./bifrost-tui --version')).toMatchObject({ status: 0, stdout: VERSION_LINE, stderr: '' });
    const list = onServer('./bifrost-tui providers list --demo');
    expect(list).toMatchObject({ status: 0, stderr: '' });
    expect(list.stdout).toMatch(/^NAME\s+KIND\s+STATUS/);
    for (const name of ['acme-llm', 'anthropic', 'openai']) expect(list.stdout).toContain(name);
  });

  it('shows ps the command line with --api-key KEY as ***', async () => {
    // A gateway that takes the request and never answers keeps the command running while /proc is read.
    let got: () => void = () => undefined;
    const gotRequest = new Promise<void>((r) => (got = r));
    const gateway = http.createServer(() => got());
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
    let child: ChildProcess | undefined;
    try {
      child = spawn('./bifrost-tui', ['providers', 'list', '--url', url, '--api-key', 'bfst-PsVisibleKey-0042'], { cwd: server, env: { HOME: server, PATH: '' }, stdio: 'ignore' });
      await gotRequest;
      const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').replace(/\0+$/, '');
      expect(cmdline).toBe(`./bifrost-tui providers list --url ${url} --api-key ***`);
    } finally {
      child?.kill('SIGKILL');
      gateway.closeAllConnections();
      await new Promise((r) => gateway.close(r));
    }
  });

  it('keeps its code cache in the server user\'s ~/.cache, named like the bundle it embeds', () => {
    const stamp = /^\/\/ bifrost-tui build ([0-9a-f]{16})\n/.exec(readFileSync('dist/app.cjs', 'utf8'))?.[1];
    expect(stamp).toBeDefined();
    const caches = readdirSync(path.join(server, '.cache', 'bifrost-tui')).sort();
    // Written by the runs above that exited 0: the editor (q) and providers list.
    expect(caches).toEqual([`${stamp}-providers-${process.version}-${process.arch}.v8cache`, `${stamp}-tui-${process.version}-${process.arch}.v8cache`]);
  });
});
