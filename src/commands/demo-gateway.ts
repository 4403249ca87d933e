/** `bifrost-tui demo-gateway`: run the demo gateway until SIGINT/SIGTERM. */
import { parseArgs } from 'node:util';
import { DEMO_VERSIONS, NEWEST_DEMO_VERSION, demoVersionOf, startDemoGateway } from '../demo-gateway/index.js';
import type { DemoAuth } from '../demo-gateway/types.js';
import { type CommandIO } from './types.js';
import { EXIT } from '../state/exit-codes.js';
import { describeParseError, usageLine } from './parse-error.js';

export const DEMO_GATEWAY_USAGE = `Usage: bifrost-tui demo-gateway [options]

Runs an in-memory stand-in of the Bifrost management API (seeded providers,
redaction, validation, upstream error messages) until Ctrl+C.

Options:
  --port N            port to listen on (default 0: a free port, printed)
  --host HOST         address to bind (default 127.0.0.1)
  --api-key KEY       require "Authorization: Bearer KEY" on /api/*
  --basic USER:PASS   require Basic auth (and allow POST /api/session/login)
  --providers N       add N generated providers bench-00001... (load tests)
  --save-delay MS     simulated model-discovery delay on PUT/POST (default 0)
  --gateway-version V the Bifrost line to play: ${DEMO_VERSIONS.join(', ')} (default ${NEWEST_DEMO_VERSION});
                      1.4 keeps keys inside providers, 1.5 has key routes and
                      {value, env_var, from_env} secrets, 1.6 {value, ref, type},
                      2.2 keeps omitted blocks and patches keys
  --reported-version T what GET /api/version answers instead (e.g. v1.0.0, a dev
                      build the client must probe)
  --auth-bypassed     2.2: dashboard auth is off, so base URL, proxy, TLS and key
                      endpoint changes answer 403 (an admin session is needed)
  --setup-token T     2.2: locked until setup; /api calls need X-Bifrost-Setup-Token T
  -h, --help          show this help

Test-only routes: POST /__demo/faults with a DemoFault JSON (e.g.
{"path":"/api/providers","status":503,"message":"down","times":1}),
GET /__demo/faults to list them, DELETE /__demo/faults to clear them.
`;

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
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'api-key': { type: 'string' },
        basic: { type: 'string' },
        providers: { type: 'string' },
        'save-delay': { type: 'string' },
        'gateway-version': { type: 'string' },
        'reported-version': { type: 'string' },
        'auth-bypassed': { type: 'boolean' },
        'setup-token': { type: 'string' },
        // Accepted like on every subcommand; this command is the demo gateway already.
        demo: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout.write(DEMO_GATEWAY_USAGE);
      return EXIT.ok;
    }
    const port = nonNegativeInt('port', values.port, 0);
    if (port > 65535) throw new Error(`--port must be at most 65535, got ${port}`);
    const versionText = values['gateway-version'];
    const version = versionText === undefined ? NEWEST_DEMO_VERSION : demoVersionOf(versionText);
    if (!version) throw new Error(`--gateway-version must be one of ${DEMO_VERSIONS.join(', ')}, got "${versionText}"`);
    if ((values['auth-bypassed'] || values['setup-token'] !== undefined) && version !== '2.2') {
      throw new Error('--auth-bypassed and --setup-token play v2.2 behaviours: use them with --gateway-version 2.2');
    }
    if (values['setup-token'] === '') throw new Error('--setup-token must not be empty');
    opts = {
      version,
      ...(values['reported-version'] !== undefined ? { reportedVersion: values['reported-version'] } : {}),
      authBypassed: values['auth-bypassed'] === true,
      ...(values['setup-token'] !== undefined ? { setupToken: values['setup-token'] } : {}),
      port,
      host: values.host ?? '127.0.0.1',
      auth: parseAuth(values['api-key'], values.basic),
      extraProviders: nonNegativeInt('providers', values.providers, 0),
      saveDelayMs: nonNegativeInt('save-delay', values['save-delay'], 0),
    };
  } catch (err) {
    io.stderr.write(`bifrost-tui demo-gateway: ${describeParseError(err, usageLine(DEMO_GATEWAY_USAGE), 'bifrost-tui demo-gateway')}\n`);
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
