/**
 * `npm run package`: the single executable dist/bifrost-tui-<os>-<arch>, a
 * copy of Node with the app in it (Node's single executable applications),
 * which runs where no Node is installed.
 *
 * Its main script is src/launcher/single-executable.ts, compiled with the
 * SEA's code cache (`useCodeCache`); the app, dist/app.cjs made
 * self-contained (package/self-contained.mjs), is the asset `app.cjs`, run
 * through the same per-user code cache as dist/cli.js. Builds for the OS and
 * CPU of the Node that runs it (or of the Node binary named by
 * BIFROST_SEA_NODE, which must run here): an executable for another platform
 * is built on that platform.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'postject';
import { selfContainedApp } from './package/self-contained.mjs';

const APP = 'dist/app.cjs';
/** The fuse Node's binary carries for SEA (Node's docs, "Single executable applications"). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const MIB = 1024 * 1024;

function fail(message) {
  console.error(`npm run package: ${message}`);
  process.exit(1);
}

const node = process.env.BIFROST_SEA_NODE ? path.resolve(process.env.BIFROST_SEA_NODE) : process.execPath;
const [version, platform, arch] = execFileSync(node, ['-p', '[process.version, process.platform, process.arch].join(" ")'], { encoding: 'utf8' }).trim().split(' ');
const [major, minor] = version.slice(1).split('.').map(Number);
// Assets (sea.getAsset) came in 20.12.
if (major < 20 || (major === 20 && minor < 12)) fail(`${node} is Node ${version}; a single executable needs Node >= 20.12`);
if (!existsSync(APP)) fail(`${APP} is missing: run npm run bundle first`);

/** Runs `run`, showing what the child printed only when it fails. */
function quietly(run) {
  try {
    return run();
  } catch (err) {
    fail(`${err.message}\n${err.stderr ?? ''}`);
  }
}

/**
 * postject's injection; its console.warn lines (LIEF's warnings about Node's many ELF notes, which are
 * harmless) are shown only when it fails.
 */
async function injectQuietly(exe, blob, platform) {
  const warn = console.warn;
  const lines = [];
  console.warn = (...args) => lines.push(args.join(' '));
  try {
    await inject(exe, 'NODE_SEA_BLOB', blob, { sentinelFuse: SEA_FUSE, ...(platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}) });
  } catch (err) {
    fail(`postject: ${err.message}\n${lines.join('\n')}`);
  } finally {
    console.warn = warn;
  }
}

const started = performance.now();
const out = `dist/bifrost-tui-${platform}-${arch}${platform === 'win32' ? '.exe' : ''}`;
const work = mkdtempSync(path.join(tmpdir(), 'bifrost-tui-sea-'));
try {
  const app = await selfContainedApp(APP);
  if (app.merged.length > 0) console.log(`merged into one script: ${app.merged.join(', ')}`);
  // The code cache's name: the bundle's build stamp when it is the bundle byte for byte (so the two
  // executables of one build share their caches), else a hash of what is embedded.
  const stamp = /^\/\/ bifrost-tui build ([0-9a-f]{16})\n/.exec(app.source)?.[1];
  const appHash = app.merged.length === 0 && stamp ? stamp : createHash('sha256').update(app.source).digest('hex').slice(0, 16);
  const main = await build({
    entryPoints: ['src/launcher/single-executable.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
    define: { __APP_HASH__: JSON.stringify(appHash) },
  });
  writeFileSync(path.join(work, 'main.cjs'), main.outputFiles[0].contents);
  writeFileSync(path.join(work, 'app.cjs'), app.source);
  const config = {
    main: path.join(work, 'main.cjs'),
    output: path.join(work, 'sea.blob'),
    disableExperimentalSEAWarning: true,
    useCodeCache: true,
    assets: { 'app.cjs': path.join(work, 'app.cjs') },
  };
  writeFileSync(path.join(work, 'sea-config.json'), JSON.stringify(config));
  // The blob (with its code cache) is made by the very Node it goes into.
  quietly(() => execFileSync(node, ['--experimental-sea-config', path.join(work, 'sea-config.json')], { stdio: 'pipe' }));

  const exe = path.join(work, path.basename(out));
  copyFileSync(node, exe);
  chmodSync(exe, 0o755);
  let stripped = false;
  if (platform === 'linux' && process.env.BIFROST_SEA_STRIP !== '0') {
    // Node's debug symbols: ~12 MiB that a server never needs. Without binutils the file is only larger.
    try {
      execFileSync('strip', [exe], { stdio: 'ignore' });
      stripped = true;
    } catch {
      console.log('strip (binutils) not found: the executable keeps Node\'s symbols');
    }
  }
  if (platform === 'darwin') execFileSync('codesign', ['--remove-signature', exe]);
  await injectQuietly(exe, readFileSync(config.output), platform);
  if (platform === 'darwin') execFileSync('codesign', ['--sign', '-', exe]);
  // Into place in one step, so a running copy or a half-written file is never what dist/ holds.
  const tmp = `${out}.${process.pid}.tmp`;
  copyFileSync(exe, tmp);
  chmodSync(tmp, 0o755);
  renameSync(tmp, out);
  const size = statSync(out).size;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${out}: ${(size / MIB).toFixed(1)} MiB (Node ${version}${stripped ? ', symbols stripped' : ''}; app ${(Buffer.byteLength(app.source) / MIB).toFixed(1)} MiB), built in ${seconds} s`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
