// Regenerates the README's pictures (media/*.svg) from a real terminal run of
// the built CLI against the embedded demo gateway: tmux drives `node
// dist/cli.js --demo`, capture-pane reads the coloured screen, and
// scripts/media/ansi-to-svg.mjs draws it. The fleet screen is the same CLI at
// 80x24 with ten profiles (a temp config) on nine demo gateways it starts
// (`demo-gateway`) and one that is down. Nothing is drawn or masked by hand.
// Run with `npm run media` (bundles first). Fails loudly when a screen does
// not appear or a seeded secret shows up; runs on a tmux server of its own
// (-L) and stops only that server and the gateways it started.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ansiToSvg } from './media/ansi-to-svg.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli.js');
const OUT = path.join(ROOT, 'media');
const COLUMNS = 100;
const ROWS = 30;
const SESSION = `bifrost-tui-media-${process.pid}`;
/** A tmux server of this run only: nothing of another tmux user is touched, nothing of theirs leaks in. */
const SOCKET = `bifrost-tui-media-${process.pid}`;
/** The fleet picture: ten profiles, alphabetical as the profile store lists them, at 80x24. */
const FLEET = { columns: 80, rows: 24, app: 'prod-us-east', down: 'dev' };
const FLEET_PROFILES = ['canary-eu', 'canary-us', 'dev', 'prod-ap-south', 'prod-eu-central', 'prod-eu-west', 'prod-us-east', 'prod-us-west', 'staging-eu', 'staging-us'];
let size = { columns: COLUMNS, rows: ROWS };

function fail(message) {
  throw new Error(message);
}

function tmux(...args) {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Values the demo gateway is seeded with that must never be on screen: key values, passwords, the CA PEM body. */
function seededSecrets() {
  const seed = readFileSync(path.join(ROOT, 'src/demo-gateway/seed.ts'), 'utf8');
  const secrets = [...seed.matchAll(/(?:value|password): (?:plain|fromEnv)\('([^']+)'/g)].map((m) => m[1]);
  const pem = /-----BEGIN CERTIFICATE-----\n([\s\S]*?)-----END CERTIFICATE-----/.exec(seed);
  if (pem) secrets.push(...pem[1].split('\n').filter((l) => l.length >= 16));
  const real = secrets.filter((s) => s.length >= 8 && !/^https?:\/\//.test(s));
  if (real.length < 5) fail(`found only ${real.length} seeded secrets in src/demo-gateway/seed.ts: update seededSecrets()`);
  return real;
}

/** One terminal: the built CLI (`args`, default the embedded demo gateway) in a detached tmux session of `columns` x `rows`. */
function startTerminal(env, { columns = COLUMNS, rows = ROWS, args = ['--demo'] } = {}) {
  size = { columns, rows };
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`);
  // `env -u` so a tmux server started elsewhere cannot leak NO_COLOR or a real gateway into the run.
  const unset = ['NO_COLOR', 'FORCE_COLOR', 'BIFROST_URL', 'BIFROST_API_KEY', 'BIFROST_PROFILE'].flatMap((k) => ['-u', k]);
  const command = ['exec', 'env', ...unset, ...assignments, 'TERM=xterm-256color', 'node', shellQuote(CLI), ...args.map(shellQuote)].join(' ');
  tmux('new-session', '-d', '-s', SESSION, '-x', String(columns), '-y', String(rows), '-c', ROOT, command);
  tmux('set-option', '-t', SESSION, 'remain-on-exit', 'on');
}

function shellQuote(s) {
  return `'${String(s).replace(/'/g, `'\\''`)}'`;
}

const screen = () => tmux('capture-pane', '-p', '-t', SESSION);
const coloured = () => tmux('capture-pane', '-p', '-e', '-t', SESSION);
const keys = (...k) => void tmux('send-keys', '-t', SESSION, ...k);
const type = (text) => void tmux('send-keys', '-t', SESSION, '-l', text);

/** Waits until every expectation is on the screen, then until the screen stops changing. */
async function waitFor(what, expectations, timeoutMs = 10_000) {
  const list = Array.isArray(expectations) ? expectations : [expectations];
  const start = Date.now();
  let text = '';
  for (;;) {
    text = screen();
    if (list.every((e) => (typeof e === 'string' ? text.includes(e) : e.test(text)))) break;
    if (tmux('display-message', '-p', '-t', SESSION, '#{pane_dead}').trim() === '1') {
      fail(`the app exited while waiting for ${what}; screen was:\n${text}`);
    }
    if (Date.now() - start > timeoutMs) {
      const missing = list.filter((e) => (typeof e === 'string' ? !text.includes(e) : !e.test(text)));
      fail(`timed out waiting for ${what} (missing: ${missing.map(String).join(', ')}); screen was:\n${text}`);
    }
    await sleep(50);
  }
  // Settled: the same coloured frame twice, 150 ms apart.
  let last = coloured();
  for (let i = 0; i < 40; i++) {
    await sleep(150);
    const now = coloured();
    if (now === last) return now;
    last = now;
  }
  fail(`the screen for ${what} never settled`);
}

/** One key, then let the app draw (keys are sent one at a time, as a person types). */
async function press(...k) {
  for (const key of k) {
    keys(key);
    await sleep(80);
  }
}

function save(name, ansi, title, secrets) {
  const plain = ansi.replace(/\x1b\[[0-9;:?]*[@-~]/g, '');
  for (const s of secrets) if (plain.includes(s)) fail(`a seeded secret is visible on the ${name} screen: ${s.slice(0, 6)}…`);
  const svg = ansiToSvg(ansi, { columns: size.columns, rows: size.rows, title });
  for (const s of secrets) if (svg.includes(s)) fail(`a seeded secret is in media/${name}.svg`);
  writeFileSync(path.join(OUT, `${name}.svg`), svg);
  console.log(`media/${name}.svg  (${title})`);
}

/** Runs the built CLI to the end (a subcommand): its stdout, or a failure with its stderr. */
function cli(env, ...args) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env, NO_COLOR: '1', BIFROST_URL: '', BIFROST_API_KEY: '', BIFROST_PROFILE: '' },
  });
  if (r.status !== 0) fail(`bifrost-tui ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** A demo gateway of its own (`bifrost-tui demo-gateway`): its URL once it listens, and the process to stop. */
function startGateway() {
  const child = spawn(process.execPath, [CLI, 'demo-gateway', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the demo gateway did not start: ${out}`)), 10_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child });
      }
    });
    child.on('exit', (code) => reject(new Error(`the demo gateway exited ${code}: ${out}`)));
  });
}

/**
 * Ten profiles on gateways that differ the way a fleet drifts: openai retries changed on two, openai
 * deleted on one, groq changed on another; dev is down. The app runs on prod-us-east.
 */
async function fleetGateways(env) {
  const gateways = [];
  const urls = new Map();
  for (const profile of FLEET_PROFILES) {
    if (profile === FLEET.down) {
      urls.set(profile, 'http://127.0.0.1:1');
      continue;
    }
    const gw = await startGateway();
    gateways.push(gw.child);
    urls.set(profile, gw.url);
  }
  for (const [profile, url] of urls) cli(env, 'profiles', 'add', profile, '--url', url);
  cli(env, 'providers', 'set', 'openai', 'network_config.max_retries=7', '--profile', 'prod-eu-west', '--yes');
  cli(env, 'providers', 'set', 'openai', 'network_config.max_retries=5', 'network_config.retry_backoff_max=8000', '--profile', 'staging-us', '--yes');
  cli(env, 'providers', 'set', 'groq', 'network_config.max_retries=3', '--profile', 'canary-us', '--yes');
  const deleted = await fetch(`${urls.get('staging-eu')}/api/providers/openai`, { method: 'DELETE' });
  if (!deleted.ok) fail(`could not delete openai on the staging-eu demo gateway: ${deleted.status}`);
  return gateways;
}

/** The fleet screen at 80x24 with ten profiles: the baseline moved to prod-eu-central, scrolled to staging-us. */
async function fleetPicture(env, secrets) {
  startTerminal(env, { columns: FLEET.columns, rows: FLEET.rows, args: ['--profile', FLEET.app] });
  await waitFor('the provider list on prod-us-east', ['6 configured', '› acme-llm']);
  await press('F');
  await waitFor('every gateway answered', ['10/10 answered', /^PROVIDER\s+▾\*prod-us-e/m]);
  // prod-eu-central (6th) becomes the baseline; then right to staging-us (10th) and down to openai.
  for (let i = 0; i < 5; i++) await press('l');
  await waitFor('prod-eu-central focused', 'prod-eu-central (6/10)');
  await press('b');
  await waitFor('the new baseline', 'baseline: prod-eu-central; every row compares with it');
  for (let i = 0; i < 4; i++) await press('l');
  for (let i = 0; i < 5 && !/^›openai/m.test(screen()); i++) await press('j');
  const shot = await waitFor('the openai cell of staging-us', [
    'staging-us (10/10) · openai ≠ 2 vs prod-eu-central',
    /^PROVIDER\s+‹ \*prod-eu-c…\s+prod-eu-we…\s+prod-us-we…\s+staging-eu\s+▾staging-us\s*$/m,
    /^›openai\s+=\s+≠ 1\s+≈\s+-\s+\[≠ 2\]\s*$/m,
    /^ groq\s+/m,
  ]);
  save('fleet', shot, 'bifrost-tui: the fleet screen, ten profiles at 80x24', secrets);
  tmux('kill-session', '-t', SESSION);
}

async function main() {
  if (!existsSync(CLI)) fail('dist/cli.js is missing: run `npm run media` (it bundles first)');
  if (spawnSync('tmux', ['-V']).status !== 0) fail('tmux is needed: apt-get install tmux');
  const secrets = seededSecrets();
  const tmp = mkdtempSync(path.join(tmpdir(), 'bifrost-tui-media-'));
  // Temp config and state: drafts and history of this run touch no real user state.
  const env = {
    BIFROST_TUI_CONFIG_DIR: path.join(tmp, 'config'),
    BIFROST_TUI_STATE_DIR: path.join(tmp, 'state'),
    BIFROST_TUI_CACHE_DIR: path.join(tmp, 'cache'),
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_STATE_HOME: path.join(tmp, 'xdg-state'),
  };
  mkdirSync(OUT, { recursive: true });
  const gateways = [];
  try {
    startTerminal(env);

    // 1. The provider list.
    let shot = await waitFor('the provider list', ['6 configured', '› acme-llm', '✖ error', 'DEMO']);
    save('list', shot, 'bifrost-tui: provider list (demo gateway)', secrets);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(screen())?.[0] ?? fail('no demo gateway URL in the header');

    // 2. The openai form with one edited field (Max retries 2 -> 3).
    await press('G');
    await waitFor('openai selected', '› openai');
    await press('Enter');
    await waitFor('the openai form', ['› openai', '1 Network', 'Max retries', 'no changes']);
    for (let i = 0; i < 6 && !/^›\s+Max retries/m.test(screen()); i++) await press('j');
    await waitFor('Max retries focused', /^›\s+Max retries\s+2$/m);
    await press('Enter', 'C-u');
    type('3');
    await waitFor('the edit', /Max retries\s+3/);
    await press('Enter');
    shot = await waitFor('the dirty form', ['1 changed', /›\s*\*Max retries\s+3/]);
    save('form', shot, 'bifrost-tui: editing openai, one field changed', secrets);

    // 3. Ctrl+S: re-GET, then the review of what will be sent.
    await press('C-s');
    shot = await waitFor('the save review', ['Review: saving openai', 'network_config.max_retries: 2 → 3', 'y save']);
    save('diff', shot, 'bifrost-tui: review before saving', secrets);
    await press('Escape');
    await waitFor('back in the form', ['1 changed', 'Max retries']);

    // 4. A second process changes the same field; Ctrl+S finds the conflict.
    const set = spawnSync(process.execPath, [CLI, 'providers', 'set', 'openai', 'network_config.max_retries=4', '--url', url, '--yes'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...env, NO_COLOR: '1', BIFROST_API_KEY: '', BIFROST_PROFILE: '' },
    });
    if (set.status !== 0) fail(`providers set exited ${set.status}: ${set.stderr}`);
    await press('C-s');
    shot = await waitFor('the conflict', ['openai changed on the gateway since you opened it', 'network_config.max_retries: 2 → 4', 'Both sides changed', 'o overwrite']);
    save('conflict', shot, 'bifrost-tui: the provider changed on the gateway meanwhile', secrets);

    // Leave without saving: cancel, back, discard the edit.
    await press('Escape');
    await waitFor('back in the form', ['1 changed']);
    await press('Escape');
    await waitFor('the leave question', 'd discard');
    await press('d');
    await waitFor('the discard question', '[y/N]');
    await press('y');
    await waitFor('the list again', ['6 configured', '› openai']);

    // 5. acme-llm, section 5 (Custom provider), the allowed_requests grid.
    await press('g');
    await waitFor('acme-llm selected', '› acme-llm');
    await press('Enter');
    await waitFor('the acme-llm form', ['› acme-llm', '5 Custom provider']);
    await press('5');
    await waitFor('section 5, its first field focused', /^›\s+Base provider type/m);
    for (let i = 0; i < 6 && !/^›\s+Allowed requests/m.test(screen()); i++) await press('j');
    await waitFor('Allowed requests focused', /^›\s+Allowed requests\s+5\/\d+ allowed/m);
    await press('Enter');
    shot = await waitFor('the allowed_requests grid', ['[x] list_models', '[x] websocket_responses', 'A all on', 'M mode']);
    save('flags', shot, 'bifrost-tui: allowed_requests of a custom provider', secrets);
    tmux('kill-session', '-t', SESSION);

    // 6. The fleet screen: ten profiles (in this run's temp config) on demo gateways of their own.
    gateways.push(...(await fleetGateways(env)));
    await fleetPicture(env, secrets);
  } catch (err) {
    process.exitCode = 1;
    console.error(`media: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
    for (const child of gateways) child.kill();
    // The app may still be writing its draft (tmux hangs it up) while this removes the dir.
    rmSync(tmp, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
  }
}

await main();
