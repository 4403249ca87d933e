/** The connection options every entry point takes: the app and each subcommand group parse them from this one spec. */
import type { TargetFlags } from './target.js';

export const CONNECTION_OPTIONS = {
  profile: { type: 'string' },
  url: { type: 'string' },
  'api-key': { type: 'string' },
  'setup-token': { type: 'string' },
  demo: { type: 'boolean' },
  'gateway-version': { type: 'string' },
  timeout: { type: 'string' },
  'no-color': { type: 'boolean' },
} as const;

/** The target flags out of parsed option values. */
export function targetFlags(values: Readonly<Record<string, unknown>>): TargetFlags {
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  return {
    url: str('url'), apiKey: str('api-key'), setupToken: str('setup-token'), profile: str('profile'), timeout: str('timeout'),
    demo: values.demo === true, gatewayVersion: str('gateway-version'),
  };
}
