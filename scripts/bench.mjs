/**
 * `npm run bench`: start-up, keystroke-to-frame, bytes per cursor move, peak
 * RSS, requests per action and sizes, measured side by side in one run. Prints
 * one line per figure with its target (holds or MISSED) and the load it ran
 * under, and exits with 1 when any target is missed, so drift fails the bench.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleMinimalInk } from './bench/bundle-minimal.mjs';
import { startCountingProxy, startGatewayProcess } from './bench/gateway.mjs';
import { machineLine } from './bench/machine.mjs';
import { cursorRun, formCursorRun, idleRun, isolatedEnv, keysRequestsPerAction, providerNames, requestsPerAction, timeToText } from './bench/measure.mjs';
import { benchFleet } from './bench/fleet.mjs';
import { benchSingleExecutable } from './bench/single-executable.mjs';
import { figure, kb, load, median, ms, percentile, verdict } from './bench/stats.mjs';

const CLI = path.resolve('dist/cli.js');
const STARTUP_RUNS = Number(process.env.BENCH_RUNS ?? 11);
const env = isolatedEnv();
// The first run after installing or upgrading: no V8 code cache yet (the launcher writes it when a run exits).
const noCache = { ...env, BIFROST_TUI_CODE_CACHE: '0' };

console.log(machineLine());

// 1. Start-up to the first frame, as a user sees it: from spawn to the arrival on the pty of the frame's first
// line (the list's header line, which holds "N configured"; the minimal program's only line). Each round runs
// the CLI with its code cache, the minimal Ink program and the CLI without a cache, one after the other, so a
// change in machine load hits all three alike; the ratios are of the medians.
{
  const minimal = await bundleMinimalInk();
  const gw = await startGatewayProcess(CLI, 0);
  const cli = [];
  const base = [];
  const cold = [];
  const loadBefore = load();
  try {
    // Untimed: warms the file cache, and the CLI's run writes the code cache (as a user's first run does).
    await timeToText([process.execPath, CLI, '--url', gw.url], ' configured', env);
    await timeToText([process.execPath, minimal], 'minimal ink ready', env);
    await timeToText([process.execPath, CLI, '--url', gw.url], ' configured', noCache);
    for (let i = 0; i < STARTUP_RUNS; i++) {
      cli.push(await timeToText([process.execPath, CLI, '--url', gw.url], ' configured', env));
      base.push(await timeToText([process.execPath, minimal], 'minimal ink ready', env));
      cold.push(await timeToText([process.execPath, CLI, '--url', gw.url], ' configured', noCache));
    }
  } finally {
    await gw.close();
  }
  const spread = (v) => `${ms(median(v))} (min ${ms(Math.min(...v))}, max ${ms(Math.max(...v))})`;
  const under = `load ${loadBefore} -> ${load()}`;
  figure(`start-up to the provider list, bundled CLI with its code cache (median of ${STARTUP_RUNS})`, spread(cli));
  figure(`start-up to the provider list, bundled CLI without a code cache (first run after install; median of ${STARTUP_RUNS})`, spread(cold));
  figure(`start-up to the first frame, minimal Ink (median of ${STARTUP_RUNS})`, spread(base));
  const ratio = median(cli) / median(base);
  const coldRatio = median(cold) / median(base);
  figure(`start-up ratio CLI/minimal Ink, with the code cache (${under})`, ratio.toFixed(2), '<= 1.05', ratio <= 1.05);
  figure(`start-up ratio CLI/minimal Ink, without the code cache (${under})`, coldRatio.toFixed(2), '<= 1.25', coldRatio <= 1.25);
}

// 1b. The single executable (npm run package) next to node dist/cli.js.
await benchSingleExecutable(CLI, env, STARTUP_RUNS);

// 2-4. Keystroke to frame, bytes per move and peak RSS, by list size (16, 1,006 and 10,006 providers: the
// demo gateway's 6 and the extra ones asked for).
const p95ByCount = {};
let incrementalBytes;
for (const count of [10, 1000, 10000]) {
  const gw = await startGatewayProcess(CLI, count);
  try {
    const names = await providerNames(gw.url);
    const loadBefore = load();
    const run = await cursorRun(CLI, gw.url, names, env);
    const p50 = percentile(run.latencies, 50);
    const p95 = percentile(run.latencies, 95);
    p95ByCount[count] = p95;
    const label = `keystroke to frame, list, ${names.length} providers (${run.latencies.length} moves; load ${loadBefore} -> ${load()})`;
    if (count === 10000) figure(label, `p50 ${ms(p50)}, p95 ${ms(p95)}`, 'p95 <= 8 ms', p95 <= 8);
    else figure(label, `p50 ${ms(p50)}, p95 ${ms(p95)}`);
    if (count === 1000) incrementalBytes = run.bytes;
    if (count === 10000) {
      const mb = run.hwmKb / 1024;
      figure(`peak RSS (VmHWM), CLI with ${names.length} providers after ${run.latencies.length} moves`, `${mb.toFixed(1)} MB`, '<= 90 MB', mb <= 90);
    }
    if (count === 1000) {
      // Full repaint of the same screen: the same moves with Ink's incremental rendering off.
      const full = await cursorRun(CLI, gw.url, names, env, { rounds: 1, extraEnv: { BIFROST_TUI_INCREMENTAL: '0' } });
      const inc = median(incrementalBytes);
      const rep = median(full.bytes);
      figure('bytes per cursor move, list (median, incl. scrolls)', `${inc} B vs full repaint ${rep} B = ${((100 * inc) / rep).toFixed(1)}%`, '<= 25%', inc / rep <= 0.25);
      figure('bytes per cursor move, list (p95)', `${percentile(incrementalBytes, 95)} B vs full repaint p95 ${percentile(full.bytes, 95)} B`);
    }
  } finally {
    await gw.close();
  }
}
// Flat: a key costs the same with 10,006 providers as with 16 (only the visible rows are drawn).
const scale = p95ByCount[10000] / p95ByCount[10];
figure('keystroke p95 ratio 10,006/16 providers', scale.toFixed(2), '<= 1.25', scale <= 1.25);
{
  const gw = await startGatewayProcess(CLI, 10000);
  try {
    const inc = await formCursorRun(CLI, gw.url, env);
    const full = await formCursorRun(CLI, gw.url, env, { moves: 16, extraEnv: { BIFROST_TUI_INCREMENTAL: '0' } });
    figure(`keystroke to frame, form (${inc.latencies.length} moves, gateway with 10,000 providers)`, `p50 ${ms(percentile(inc.latencies, 50))}, p95 ${ms(percentile(inc.latencies, 95))}`, 'p95 <= 16 ms', percentile(inc.latencies, 95) <= 16);
    const b = median(inc.bytes);
    const f = median(full.bytes);
    figure('bytes per cursor move, form (median)', `${b} B vs full repaint ${f} B = ${((100 * b) / f).toFixed(1)}%`, '<= 25%', b / f <= 0.25);
  } finally {
    await gw.close();
  }
}

// 5. Requests per action, through a counting proxy.
{
  const gw = await startGatewayProcess(CLI, 10);
  const proxy = await startCountingProxy(gw.url);
  try {
    const names = await providerNames(gw.url);
    const sessions = [await requestsPerAction(CLI, proxy, names, env), await keysRequestsPerAction(CLI, proxy, names, env)];
    // The list also counts keys per provider with one GET /api/keys, and the header asks the gateway's version once
    // per session (GET /api/version, after the list; kept for the session, so no later action repeats it); save = the check that builds the review +
    // the re-check right before the PUT (README "Conflict check, twice") + PUT + the status read after it;
    // rotate = re-read + PUT + re-read of that key.
    // Asked once per session before the first write on a line with the v2 admin-session gates (is dashboard auth
    // off, so that a base URL or proxy change will be refused?): counted apart, and held to once.
    const oncePerSession = new Set(['GET /api/session/is-auth-enabled']);
    const expected = { 'start/list': 3, open: 1, 'back to list': 2, save: 4, 'open keys': 1, 'rotate key': 3 };
    for (const counts of sessions) {
      const onceInSession = Object.values(counts).flat().filter((r) => oncePerSession.has(r));
      for (const [action, reqs] of Object.entries(counts)) {
        const want = expected[action];
        const perAction = reqs.filter((r) => !oncePerSession.has(r));
        const once = reqs.filter((r) => oncePerSession.has(r));
        const onceText = once.length ? ` + once per session: ${once.join(', ')}` : '';
        const holds = perAction.length === want && new Set(onceInSession).size === onceInSession.length;
        figure(`requests for ${action}`, `${perAction.length} [${perAction.join(', ')}]${onceText}`, want === undefined ? undefined : `${want}`, holds);
      }
    }
  } finally {
    await proxy.close();
    await gw.close();
  }
}

// 5b. An idle list with live status on (refresh every 10 s), the gateway's answer unchanged.
{
  const seconds = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
  const gw = await startGatewayProcess(CLI, 10);
  const proxy = await startCountingProxy(gw.url);
  try {
    const idle = await idleRun(CLI, proxy, env, seconds);
    const perMinute = Math.round((idle.bytes * 60) / seconds);
    figure(`bytes written per idle minute, list refreshing every 10 s, nothing changed (${seconds} s measured)`, `${perMinute} B (${idle.gets} list requests)`, '0 B', perMinute === 0);
  } finally {
    await proxy.close();
    await gw.close();
  }
}

// 6. Sizes.
{
  const app = path.join(path.dirname(CLI), 'app.cjs');
  figure('bundled CLI (dist/app.cjs + the dist/cli.js launcher)', `${kb(statSync(app).size)} + ${kb(statSync(CLI).size)}`);
  const pack = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))[0];
  figure('npm pack', `${kb(pack.size)} packed, ${kb(pack.unpackedSize)} unpacked, ${pack.entryCount} files`);
  try {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-install-'));
    execFileSync('npm', ['pack', '--pack-destination', dir], { stdio: 'ignore' });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    execFileSync('npm', ['init', '-y'], { cwd: dir, stdio: 'ignore' });
    execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', `./${tgz}`], { cwd: dir, stdio: 'ignore' });
    const du = execFileSync('du', ['-sk', 'node_modules'], { cwd: dir, encoding: 'utf8' });
    const pkgs = execFileSync('npm', ['ls', '--all', '--omit=dev', '--parseable'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').length - 1;
    figure('production install (npm install --omit=dev of the packed tarball)', `${(Number(du.split(/\s/)[0]) / 1024).toFixed(1)} MiB on disk, ${pkgs} packages`);
  } catch (err) {
    figure('production install', `not measured: ${String(err.message).split('\n')[0]}`);
  }
}


// 7. `fleet diff` across 5 gateways x ~100 providers.
await benchFleet(CLI);

verdict();
