import { describe, expect, it } from 'vitest';
import { flattenForDisplay } from '../../src/state/flatten.js';

describe('flattenForDisplay: EnvVar values are one line, read as the form reads them', () => {
  it('shows the reference of every EnvVar shape, never the value behind it', () => {
    const lines = flattenForDisplay({
      proxy_config: {
        url: { value: 'http://proxy', env_var: 'env.PROXY_URL', from_env: true },
        username: { value: 'u', ref: 'env.PROXY_USER', type: 'env' },
        password: { value: '', from_vault: true, vault_var: 'vault.secret/proxy#password' },
      },
    });
    expect(lines.map((l) => `${l.path} = ${l.text}`)).toEqual([
      'proxy_config.url = env.PROXY_URL',
      'proxy_config.username = env.PROXY_USER',
      'proxy_config.password = vault.secret/proxy#password',
    ]);
  });

  it('masks a redacted literal and keeps a plain object a subtree', () => {
    const lines = flattenForDisplay({ network_config: { ca_cert_pem: 'MIIB************************XyZw', extra: { value: 1, other: 2 } } });
    expect(lines.map((l) => l.path)).toEqual(['network_config.ca_cert_pem', 'network_config.extra.value', 'network_config.extra.other']);
    expect(lines[0]!.secret).toBe(true);
    expect(lines[0]!.text).not.toContain('MIIB');
  });
});
