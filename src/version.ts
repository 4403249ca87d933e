import { SUPPORTED_GATEWAY_VERSIONS } from './api/versions/supported-range.js';

/** The package version, injected by the bundler; "dev" when run from source. */
declare const __VERSION__: string | undefined;
export const VERSION: string = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/** What `--version` prints: the app's version and the gateway versions it speaks. */
export function versionLine(): string {
  const { oldest, newest } = SUPPORTED_GATEWAY_VERSIONS;
  return `bifrost-tui ${VERSION} (Bifrost gateways ${oldest} to ${newest})`;
}
