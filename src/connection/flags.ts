/**
 * The connection options every entry point takes: the app and each command
 * parse them from this one table, and --help, the README and shell completion
 * show them from it. A new connection option is one row here (and its use in
 * `targetFlags`).
 */
import type { OptionTable } from '../state/cli/option-spec.js';
import type { TargetFlags } from './target.js';

export const CONNECTION_OPTIONS = {
  profile: { type: 'string', value: 'NAME', help: 'use a stored profile (env BIFROST_PROFILE)', complete: 'profile' },
  url: { type: 'string', value: 'URL', help: 'gateway base URL, e.g. http://localhost:8080 (env BIFROST_URL)' },
  'api-key': {
    type: 'string',
    value: 'KEY',
    help: 'management API key, sent as Bearer; prefer env BIFROST_API_KEY or a profile (hidden from ps at start, but kept by shell history)',
  },
  'setup-token': {
    type: 'string',
    value: 'TOKEN',
    help: 'the setup token of a v2.2.6 gateway locked until setup, sent as X-Bifrost-Setup-Token; prefer env BIFROST_SETUP_TOKEN or a profile',
  },
  demo: { type: 'boolean', help: 'use an embedded demo gateway on 127.0.0.1 (started for this run only)' },
  'gateway-version': { type: 'string', value: 'V', help: 'with --demo: the Bifrost line it plays, 1.4, 1.5, 1.6 or 2.2 (default 2.2)', complete: ['1.4', '1.5', '1.6', '2.2'] },
  timeout: { type: 'string', value: 'MS', help: 'read timeout in milliseconds (writes wait at least 30 s)' },
} as const satisfies OptionTable;

/**
 * `--timeout -5` as `--timeout=-5`: node's parseArgs takes a value starting
 * with `-` for the next option and reports "--timeout needs a value"; joined,
 * the option's own check says what is wrong with -5. Only negative numbers
 * are joined (no option is a dash and a digit).
 */
export function joinNegativeNumbers(argv: readonly string[], options: Readonly<Record<string, { type: string; short?: string }>>): string[] {
  const takesValue = new Set<string>();
  for (const [name, spec] of Object.entries(options)) {
    if (spec.type !== 'string') continue;
    takesValue.add(`--${name}`);
    if (spec.short) takesValue.add(`-${spec.short}`);
  }
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return out.concat(argv.slice(i));
    const next = argv[i + 1];
    if (takesValue.has(arg) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** The target flags out of parsed option values. */
export function targetFlags(values: Readonly<Record<string, unknown>>): TargetFlags {
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  return {
    url: str('url'), apiKey: str('api-key'), setupToken: str('setup-token'), profile: str('profile'), timeout: str('timeout'),
    demo: values.demo === true, gatewayVersion: str('gateway-version'),
  };
}
