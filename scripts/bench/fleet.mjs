/**
 * `fleet diff` across 5 gateways x ~100 providers: the gateways are read in
 * parallel, so with a different answer delay on each, the time follows the
 * slowest gateway, not their sum.
 */
import { execFileSync } from 'node:child_process';
import { startGatewayProcess } from './gateway.mjs';
import { isolatedEnv } from './measure.mjs';
import { figure, median, ms } from './stats.mjs';

export async function benchFleet(CLI) {
  const delays = [400, 800, 1200, 1600, 2000];
  const gws = await Promise.all(delays.map(() => startGatewayProcess(CLI, 95)));
  const fleetEnv = { ...process.env, ...isolatedEnv() };
  try {
    gws.forEach((gw, i) => execFileSync(process.execPath, [CLI, 'profiles', 'add', `gw${i + 1}`, '--url', gw.url], { env: fleetEnv, stdio: 'ignore' }));
    const run = () => {
      const t0 = performance.now();
      try {
        execFileSync(process.execPath, [CLI, 'fleet', 'diff'], { env: fleetEnv, stdio: 'ignore' });
      } catch (err) {
        // 1: something differs; 9: the same secret mask on two gateways cannot be verified (exit-codes.ts).
        if (![0, 1, 9].includes(err.status)) throw err;
      }
      return performance.now() - t0;
    };
    run();
    const plain = Array.from({ length: 5 }, run);
    for (const [i, gw] of gws.entries()) {
      await fetch(`${gw.url}/__demo/faults`, { method: 'POST', body: JSON.stringify({ method: 'GET', path: '/api/providers', latencyMs: delays[i] }) });
    }
    const slow = Array.from({ length: 5 }, run);
    const slowest = Math.max(...delays);
    const sum = delays.reduce((a, b) => a + b, 0);
    figure('fleet diff, 5 gateways x 101 providers (median of 5, whole command)', ms(median(plain)));
    figure(`fleet diff with answer delays ${delays.join('/')} ms (median of 5)`, `${ms(median(slow))}; over the no-delay run: ${ms(median(slow) - median(plain))}`,
      `extra ≈ slowest (${slowest} ms), not the sum (${sum} ms)`, median(slow) - median(plain) < (slowest + sum) / 2);
  } finally {
    await Promise.all(gws.map((gw) => gw.close()));
  }
}
