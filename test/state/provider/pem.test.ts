import { describe, expect, it } from 'vitest';
import { isValidPem, parseCertificates, summarizePem } from '../../../src/state/provider/pem.js';
import { REDACTED_PEM, TEST_CA_PEM } from '../../fixtures/providers.js';

describe('PEM summary', () => {
  const now = new Date('2030-06-01T00:00:00Z');

  it('summarizes a certificate by CN and expiry date', () => {
    expect(summarizePem(TEST_CA_PEM, now)).toBe('CN=Acme Internal Root CA, expires 2035-01-01');
    expect(parseCertificates(TEST_CA_PEM, now)![0]).toMatchObject({ subject: 'O=Acme Corp, CN=Acme Internal Root CA', expired: false });
  });

  it('flags an expired certificate and counts a bundle', () => {
    expect(summarizePem(TEST_CA_PEM, new Date('2036-01-01T00:00:00Z'))).toBe('CN=Acme Internal Root CA, expires 2035-01-01 (EXPIRED)');
    expect(summarizePem(`${TEST_CA_PEM}\n${TEST_CA_PEM}`, now)).toBe('CN=Acme Internal Root CA, expires 2035-01-01 (+1 more)');
  });

  it('redacted, references, empty and invalid values', () => {
    expect(summarizePem(REDACTED_PEM)).toBe('set, redacted');
    expect(summarizePem({ value: '<REDACTED>', env_var: '', from_env: false })).toBe('set, redacted');
    expect(summarizePem('env.UPSTREAM_CA')).toBe('env.UPSTREAM_CA');
    expect(summarizePem({ value: 'x', ref: 'vault.pki/ca', type: 'vault' })).toBe('vault.pki/ca');
    expect(summarizePem({ value: '', env_var: '', from_env: false })).toBe('not set');
    expect(summarizePem(undefined)).toBe('not set');
    expect(summarizePem('hello')).toBe('not a valid PEM certificate');
    expect(summarizePem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toBe('not a valid PEM certificate');
    expect(isValidPem(TEST_CA_PEM)).toBe(true);
  });
});
