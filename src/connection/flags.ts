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

/** The target flags out of parsed option values. */
export function targetFlags(values: Readonly<Record<string, unknown>>): TargetFlags {
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  return {
    url: str('url'), apiKey: str('api-key'), setupToken: str('setup-token'), profile: str('profile'), timeout: str('timeout'),
    demo: values.demo === true, gatewayVersion: str('gateway-version'),
  };
}
