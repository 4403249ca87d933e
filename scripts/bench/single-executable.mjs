/**
 * The single executable next to the bundled CLI: built fresh from the
 * bundle `npm run bench` just made (scripts/package.mjs), then start-up to
 * the provider list of both, interleaved so drift in machine load hits both
 * alike, and its size.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { startGatewayProcess } from './gateway.mjs';
import { timeToText } from './measure.mjs';
import { figure, median, ms } from './stats.mjs';

const MIB = 1024 * 1024;

export async function benchSingleExecutable(cli, env, runs) {
  execFileSync(process.execPath, ['scripts/package.mjs'], { stdio: 'ignore' });
  const exe = path.resolve(`dist/bifrost-tui-${process.platform}-${process.arch}${process.platform === 'win32' ? '.exe' : ''}`);
  const gw = await startGatewayProcess(cli, 0);
  const noCache = { ...env, BIFROST_TUI_CODE_CACHE: '0' };
  const sides = {
    cli: { argv: [process.execPath, cli, '--url', gw.url], env, times: [] },
    exe: { argv: [exe, '--url', gw.url], env, times: [] },
    exeCold: { argv: [exe, '--url', gw.url], env: noCache, times: [] },
  };
  try {
    // One untimed run each warms the file cache and writes the code caches.
    for (const side of Object.values(sides)) await timeToText(side.argv, ' configured', side.env);
    for (let i = 0; i < runs; i++) {
      for (const side of Object.values(sides)) side.times.push(await timeToText(side.argv, ' configured', side.env));
    }
  } finally {
    await gw.close();
  }
  const line = (t) => `${ms(median(t))} (min ${ms(Math.min(...t))}, max ${ms(Math.max(...t))})`;
  figure(`start-up to provider list, single executable ${path.basename(exe)} (median of ${runs})`, line(sides.exe.times));
  figure(`start-up to provider list, node dist/cli.js, interleaved with it (median of ${runs})`, line(sides.cli.times));
  figure(`start-up to provider list, single executable without the code cache (its first run; median of ${runs})`, line(sides.exeCold.times));
  figure('single executable size', `${(statSync(exe).size / MIB).toFixed(1)} MiB`);
}
