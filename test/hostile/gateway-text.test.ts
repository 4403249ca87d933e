/** Escape and control characters in gateway text are shown visibly in human output and messages; JSON stays exact. */
import { afterEach, describe, expect, it } from 'vitest';
import { setup, type Harness } from '../commands/providers-harness.js';
import { HOSTILE, seedHostile } from './hostile-seed.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('hostile gateway text in subcommands', () => {
  it('providers list and get show controls visibly; --json keeps them exact', async () => {
    h = await setup();
    await seedHostile(h.gw.url);
    const list = await h.run(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toMatch(RAW_CONTROL);
    expect(list.stdout).toContain('evil^[]0;PWNED^G');
    expect(list.stdout).toContain('^[]52;c;');
    const get = await h.run(['get', 'openai']);
    expect(get.code).toBe(0);
    expect(get.stdout + get.stderr).not.toMatch(RAW_CONTROL);
    expect(get.stdout).toContain('^[[2J');
    expect(get.stdout).toContain('x_hostile');
    const json = (JSON.parse((await h.run(['list', '--json'])).stdout) as { providers: { name: string; description: string | null }[] }).providers;
    expect(json.find((p) => p.name.startsWith('evil'))!.name).toBe(HOSTILE.name);
    expect(json.find((p) => p.name === 'openai')!.description).toBe(HOSTILE.description);
  });

  it('a gateway error message with escapes is one visible line', async () => {
    h = await setup();
    h.gw.addFault({ method: 'GET', path: '/api/providers', status: 500, message: HOSTILE.description });
    const r = await h.run(['list']);
    expect(r.code).toBe(7);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).toContain('^[]0;PWNED^G');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
