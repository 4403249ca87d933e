/**
 * The Bifrost gateway versions this client is built for, oldest and newest
 * (VERSIONS.md: the v1.4, v1.5, v1.6 and v2.2 lines). The one place the
 * range is stated: `--version` and the man page print it from here.
 */
export const SUPPORTED_GATEWAY_VERSIONS = { oldest: 'v1.4', newest: 'v2.2' } as const;
