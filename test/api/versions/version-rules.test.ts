/** The version table (VERSIONS.md): parsing releases, picking a line, and the sub-rules inside a line. */
import { describe, expect, it } from 'vitest';
import {
  formatGatewayVersion, lineOf, parseRelease, type GatewayVersion,
} from '../../../src/api/versions/gateway-version.js';
import { LINE_RULES, rulesFor, rulesForRelease, SUB_RULES } from '../../../src/api/versions/version-rules.js';

const reported = (text: string): GatewayVersion => {
  const r = parseRelease(text)!;
  return { line: lineOf(r), release: r, reported: text, via: 'reported' };
};

describe('releases and lines', () => {
  it.each([
    ['v1.4.23', 'v1.4'], ['1.4.0', 'v1.4'], ['v1.3.9', 'v1.4'], ['v1.5.2', 'v1.5'], ['v1.6.4', 'v1.6'], ['v1.9.0', 'v1.6'],
    ['v2.0.0-prerelease3', 'v2'], ['v2.2.6', 'v2'], ['v3.0.1', 'v2'],
  ])('%s is the %s line', (text, line) => {
    expect(lineOf(parseRelease(text)!)).toBe(line);
  });

  it.each(['v1.0.0', 'vunknown', 'unknown', '', 'dev', 'v1.5', 'latest'])('%j names no release (a dev build or not a version)', (text) => {
    expect(parseRelease(text)).toBeUndefined();
  });

  it('is shown as reported, or as a probed line with + when newer lines were not ruled out', () => {
    expect(formatGatewayVersion(reported('v1.5.2'))).toBe('v1.5.2');
    expect(formatGatewayVersion({ line: 'v1.4', via: 'probed', reported: 'v1.0.0' })).toBe('v1.4 (probed)');
    expect(formatGatewayVersion({ line: 'v1.6', via: 'probed', candidates: ['v1.6', 'v2'] })).toBe('v1.6+ (probed)');
  });
});

describe('the rules of each line', () => {
  it('v1.4: keys live in the provider and go back whole; [] is every model; no key routes; /api/version behind auth', () => {
    const r = rulesFor(reported('v1.4.23'));
    expect(r).toMatchObject({
      keysLive: 'in-provider', providerPutKeys: 'echo-whole', keyPut: 'none', secretShape: 'env-var',
      models: { empty: 'all', wildcard: 'nothing', absent: 'all' }, routes: { keyRoutes: false, versionNeedsAuth: true },
    });
    expect(r.readOnlyProviderFields).not.toContain('keys');
    expect(r.errors.badJson).toBe('Invalid JSON: ');
  });

  it('v1.5: keys never sent; EnvVar; ["*"] all, [] none; key PUT replaces; duplicate name 500', () => {
    expect(rulesFor(reported('v1.5.2'))).toMatchObject({
      providerPutKeys: 'never-send', secretShape: 'env-var', secretShapesAccepted: ['env-var'], vaultReferences: false,
      models: { empty: 'none', wildcard: 'all' }, keyPut: 'full-replace', duplicateKeyNameStatus: 500, maskRestore: 'equal-to-current',
    });
  });

  it('v1.6: SecretVar (EnvVar still accepted); placeholder restore; 409; Invalid request payload; keys rejected', () => {
    expect(rulesFor(reported('v1.6.4'))).toMatchObject({
      secretShape: 'secret-var', secretShapesAccepted: ['secret-var', 'env-var'], vaultReferences: true, maskRestore: 'any-placeholder',
      duplicateKeyNameStatus: 409, errors: { badJson: 'Invalid request payload', keysRejected: 'keys are not accepted on this endpoint' },
      routes: { refreshModels: false }, omittedBlock: 'cleared',
    });
  });

  it('v2.2.6: omitted blocks kept, key PUT patches, refresh routes, gates and the setup token', () => {
    const r = rulesFor(reported('v2.2.6'));
    expect(r).toMatchObject({ omittedBlock: 'kept', keyPut: 'patch', routes: { refreshModels: true }, setupToken: true });
    expect(r.optionalBlocks).toEqual(['proxy_config', 'openai_config', 'prompt_cache', 'injected_tools']);
    expect(r.gates?.providerFields).toContain('proxy_config.url');
    expect(r.gates?.keyDialTargets).toContain('azure_key_config.endpoint');
  });

  it('inside v2: omitted blocks are kept from v2.1.0 and key PUT patches from v2.2.6 only', () => {
    expect(rulesFor(reported('v2.0.3'))).toMatchObject({ omittedBlock: 'cleared', keyPut: 'full-replace' });
    expect(rulesFor(reported('v2.1.0'))).toMatchObject({ omittedBlock: 'kept', keyPut: 'full-replace' });
    expect(rulesFor(reported('v2.2.5'))).toMatchObject({ keyPut: 'full-replace' });
    expect(rulesFor(reported('v2.2.6'))).toMatchObject({ keyPut: 'patch' });
  });

  it('inside v1.4: pricing_overrides from 1.4.8 and openai_config from 1.4.17 are cleared when omitted', () => {
    expect(rulesFor(reported('v1.4.7')).optionalBlocks).toEqual(['proxy_config']);
    expect(rulesFor(reported('v1.4.8')).optionalBlocks).toEqual(['proxy_config', 'pricing_overrides']);
    expect(rulesFor(reported('v1.4.23')).optionalBlocks).toEqual(['proxy_config', 'pricing_overrides', 'openai_config']);
  });

  it('server defaults and plain key fields: 30 s and 60 s idle on the older core, 300 s, 120 s and keep-alive on v2; v2 shows endpoints plain', () => {
    expect(rulesFor(reported('v1.4.23')).networkDefaults).toMatchObject({ default_request_timeout_in_seconds: 30, stream_idle_timeout_in_seconds: 60 });
    expect(rulesFor(reported('v1.5.2')).networkDefaults.keep_alive_timeout_in_seconds).toBeUndefined();
    expect(rulesFor(reported('v2.2.6')).networkDefaults).toMatchObject({ default_request_timeout_in_seconds: 300, keep_alive_timeout_in_seconds: 30 });
    expect(rulesFor(reported('v2.2.6')).plainKeyFields).toContain('azure_key_config.endpoint');
    expect(rulesFor(reported('v1.6.4')).plainKeyFields).toEqual([]);
  });

  it('a probed version (no release) gets the line\'s base rules: the safe side', () => {
    expect(rulesFor({ line: 'v2', via: 'probed' })).toBe(LINE_RULES.v2);
    expect(rulesFor({ line: 'v2', via: 'probed' }).keyPut).toBe('full-replace');
  });

  it('every sub-rule names a release of its own line', () => {
    for (const sub of SUB_RULES) expect(lineOf(sub.from)).toBe(sub.line);
    expect(rulesForRelease('v1.5', { major: 1, minor: 5, patch: 8 })).toBe(LINE_RULES['v1.5']);
    // allow_private_network arrives in v1.5.9: a push of it to v1.5.2 is said, to v1.5.9 sent.
    expect(LINE_RULES['v1.5'].networkFieldsAbsent).toContain('allow_private_network');
    expect(rulesForRelease('v1.5', { major: 1, minor: 5, patch: 9 }).networkFieldsAbsent).not.toContain('allow_private_network');
  });
});
