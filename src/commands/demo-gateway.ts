/** `bifrost-tui demo-gateway`: run the demo gateway until SIGINT/SIGTERM. */
import { parseArgs } from 'node:util';
import { DEMO_VERSIONS, NEWEST_DEMO_VERSION, demoVersionOf, startDemoGateway } from '../demo-gateway/index.js';
import type { DemoAuth } from '../demo-gateway/types.js';
import { type CommandIO } from './types.js';
import { EXIT } from '../state/exit-codes.js';
import { describeParseError } from './parse-error.js';
import { parseArgsOptions } from '../state/cli/option-spec.js';
import { allOptions, findCommand, helpText, synopsis } from './help.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function nonNegativeInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`--${name} must be a non-negative integer, got "${raw}"`);
  return Number(raw);
}

function parseAuth(apiKey: string | undefined, basic: string | undefined): DemoAuth {
  if (apiKey !== undefined && basic !== undefined) throw new Error('use either --api-key or --basic, not both');
  if (apiKey !== undefined) {
    if (apiKey === '') throw new Error('--api-key must not be empty');
    return { kind: 'bearer', token: apiKey };
  }
  if (basic !== undefined) {
    const i = basic.indexOf(':');
    if (i <= 0) throw new Error('--basic must be USER:PASS');
    return { kind: 'basic', username: basic.slice(0, i), password: basic.slice(i + 1) };
  }
  return { kind: 'none' };
}

/** Waits for SIGINT/SIGTERM (or `signal`, for tests). */
function untilStopped(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
    if (signal?.aborted) done();
    else signal?.addEventListener('abort', done);
  });
}

/** Runs the demo gateway; returns 0 after a clean shutdown, 2 on bad arguments. `signal` stops it (tests). */
export async function runDemoGatewayCommand(argv: string[], io: CommandIO, signal?: AbortSignal): Promise<number> {
  let opts;
  try {
    const spec = findCommand(['demo-gateway'])!;
    let values: Record<string, string | boolean | undefined>;
    try {
      values = parseArgs({ args: argv, options: parseArgsOptions(allOptions(spec)), strict: true }).values as typeof values;
    } catch (err) {
      throw new Error(describeParseError(err, synopsis(['demo-gateway'], spec)[0], 'bifrost-tui demo-gateway'), { cause: err });
    }
    if (values.help) {
      io.stdout.write(helpText(['demo-gateway']));
      return EXIT.ok;
    }
    const port = nonNegativeInt('port', str(values.port), 0);
    if (port > 65535) throw new Error(`--port must be at most 65535, got ${port}`);
    const versionText = str(values['gateway-version']);
    const version = versionText === undefined ? NEWEST_DEMO_VERSION : demoVersionOf(versionText);
    if (!version) throw new Error(`--gateway-version must be one of ${DEMO_VERSIONS.join(', ')}, got "${versionText}"`);
    if ((values['auth-bypassed'] || str(values['setup-token']) !== undefined) && version !== '2.2') {
      throw new Error('--auth-bypassed and --setup-token play v2.2 behaviours: use them with --gateway-version 2.2');
    }
    const setupToken = str(values['setup-token']);
    if (setupToken === '') throw new Error('--setup-token must not be empty');
    opts = {
      version,
      ...(str(values['reported-version']) !== undefined ? { reportedVersion: str(values['reported-version']) } : {}),
      authBypassed: values['auth-bypassed'] === true,
      ...(setupToken !== undefined ? { setupToken } : {}),
      port,
      host: str(values.host) ?? '127.0.0.1',
      auth: parseAuth(str(values['api-key']), str(values.basic)),
      extraProviders: nonNegativeInt('providers', str(values.providers), 0),
      saveDelayMs: nonNegativeInt('save-delay', str(values['save-delay']), 0),
    };
  } catch (err) {
    io.stderr.write(`bifrost-tui demo-gateway: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  let gateway;
  try {
    gateway = await startDemoGateway(opts);
  } catch (err) {
    io.stderr.write(`bifrost-tui demo-gateway: cannot listen on ${opts.host}:${opts.port}: ${(err as Error).message}\n`);
    return EXIT.gateway;
  }
  io.stdout.write(`demo gateway (Bifrost ${gateway.version}) listening on ${gateway.url}\n`);
  await untilStopped(signal);
  await gateway.close();
  return EXIT.ok;
}
