/** Numbers JSON or a timer cannot hold are refused in one line, not sent as null or turned into a 1 ms timeout. */
import { afterEach, describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/state/provider/parsers.js';
import { setup, type Harness } from '../commands/providers-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('numbers', () => {
  it('set max_retries=1e309 is refused (it would be sent as null); nothing is written', async () => {
    h = await setup();
    const r = await h.run(['set', 'openai', 'network_config.max_retries=1e309', '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('bifrost-tui: invalid: Max retries: "1e309" is too large a number\n');
    expect(h.writes()).toEqual([]);
  });

  it('a document with 1e309 is refused; nothing is written', async () => {
    h = await setup();
    const r = await h.run(['apply', 'openai', '-f', '-', '--yes'], { stdin: '{"network_config":{"max_retries":1e309,"x_big":[1e400]}}' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('bifrost-tui: invalid: network_config.max_retries: Infinity is not a number JSON can carry (too large)');
    expect(h.writes()).toEqual([]);
  });

  it('the editor refuses typed numbers past what JSON holds, durations included', () => {
    expect(parseNumber('1e309')).toEqual({ error: '"1e309" is too large a number' });
    expect(parseNumber('9'.repeat(400) + 'h', { durations: true })).toEqual({ error: `"${'9'.repeat(40)}" is too large a number` });
    expect(parseNumber('1e308')).toEqual({ value: 1e308 });
  });

  for (const [given, shown] of [['99999999999999999999', '99999999999999999999'], ['-5', '-5'], ['3600001', '3600001']] as const) {
    it(`--timeout ${given} is one line naming the bounds (exit 2), nothing requested`, async () => {
      h = await setup();
      const before = h.gw.requests.length;
      const r = await h.run(['list', '--timeout', given]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`bifrost-tui: --timeout must be a whole number of milliseconds between 1 and 3600000, got "${shown}" (see --help)\n`);
      expect(h.gw.requests.length).toBe(before);
    });
  }

  it('--timeout 3600000 (the most) works', async () => {
    h = await setup();
    const r = await h.run(['list', '--timeout', '3600000']);
    expect(r.code).toBe(0);
  });
});
