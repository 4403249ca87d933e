/** Commands the app names (undo of a delete, a restore) carry the connection, so each runs as printed. */
import { describe, expect, it } from 'vitest';
import { connectionWordsOf, rerunLineOn } from '../../src/connection/connection-info.js';
import { gatewayKey } from '../../src/store/state-dir.js';

describe('rerunLineOn', () => {
  it('names the profile (its URL and key), the overriding URL as well, or the URL alone; quoted for sh', () => {
    const url = 'http://127.0.0.1:8080';
    expect(rerunLineOn({ profile: 'prod-us', url, gatewayKey: gatewayKey('prod-us', url) }, ['providers', 'restore', 'groq', '--at', '20261206T120000000Z']))
      .toBe('bifrost-tui providers restore groq --at 20261206T120000000Z --profile prod-us');
    // --url over a profile: history is keyed by the URL, so the command needs both.
    expect(connectionWordsOf({ profile: 'prod-us', url, gatewayKey: gatewayKey(undefined, url) })).toEqual(['--profile', 'prod-us', '--url', url]);
    expect(rerunLineOn({ url, gatewayKey: gatewayKey(undefined, url) }, ['providers', 'history', "it's"])).toBe(`bifrost-tui providers history 'it'\\''s' --url ${url}`);
  });
});
