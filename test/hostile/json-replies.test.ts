/**
 * Replies a hostile gateway can send: nesting thousands of levels deep, 130,000 providers, and
 * `__proto__` members. Each is read with a documented bound (one line, exit 7) or kept as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/api/json-limits.js';
import { setup, type Harness } from '../commands/providers-harness.js';
import { nested, startHostileGateway, type HostileGateway } from './hostile-gateway.js';

let h: Harness | undefined;
let gw: HostileGateway | undefined;
afterEach(async () => {
  await h?.close();
  await gw?.close();
  h = undefined;
  gw = undefined;
});

const OPENAI = '"network_config":{"base_url":"https://api.openai.com","max_retries":1},"provider_status":"active"';

async function hostile(): Promise<{ h: Harness; gw: HostileGateway; run: (argv: string[], stdin?: string) => ReturnType<Harness['run']> }> {
  h = await setup();
  gw = await startHostileGateway();
  const url = gw.url;
  return { h, gw, run: (argv, stdin) => h!.run([...argv, '--url', url], { noUrl: true, ...(stdin === undefined ? {} : { stdin }) }) };
}

describe('deeply nested replies', () => {
  it(`an unknown field nested 5000 levels deep: get, export, list --json and set each say so in one line, exit 7, nothing sent`, async () => {
    const { gw, run } = await hostile();
    gw.setProvider('openai', `{"name":"openai",${OPENAI},"x_deep":${nested(5000)}}`);
    for (const argv of [['get', 'openai'], ['export', 'openai'], ['list', '--json'], ['set', 'openai', 'network_config.max_retries=3', '--yes']]) {
      const r = await run(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 7 });
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^bifrost-tui: unexpected reply to GET /api/providers(/openai)?: JSON nested deeper than ${MAX_JSON_DEPTH} levels\\n$`));
    }
    expect(gw.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it(`nesting up to ${MAX_JSON_DEPTH} levels is read, shown, exported and sent back unchanged`, async () => {
    const { gw, run } = await hostile();
    // The provider object is level 1, so its field may nest MAX - 1 levels.
    const deep = nested(MAX_JSON_DEPTH - 1);
    gw.setProvider('openai', `{"name":"openai",${OPENAI},"x_deep":${deep}}`);
    const get = await run(['get', 'openai']);
    expect(get.code).toBe(0);
    expect(get.stdout).toContain(`x_deep${'.a'.repeat(MAX_JSON_DEPTH - 1)}: 1`);
    const exported = await run(['export', 'openai']);
    expect(exported.code).toBe(0);
    expect(JSON.stringify((JSON.parse(exported.stdout) as { x_deep: unknown }).x_deep)).toBe(deep.replace(/\s/g, ''));
    const set = await run(['set', 'openai', 'network_config.max_retries=3', '--yes']);
    expect(set.code).toBe(0);
    const put = gw.requests.find((r) => r.method === 'PUT')!;
    expect(JSON.stringify((JSON.parse(put.body) as { x_deep: unknown }).x_deep)).toBe(deep);
  });

  it('130,000 providers: providers list prints them all', async () => {
    const { gw, run } = await hostile();
    const many = Array.from({ length: 130_000 }, (_, i) => `{"name":"p${i}","network_config":{"base_url":"https://x.example"},"provider_status":"active"}`);
    gw.setRaw('/api/providers', `{"providers":[${many.join(',')}]}`);
    const r = await run(['list']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(130_001);
  }, 60_000);

  it('a provider document nested too deep is refused in one line before anything is read from the gateway', async () => {
    const { h, gw, run } = await hostile();
    gw.setProvider('openai', `{"name":"openai",${OPENAI}}`);
    const file = path.join(h.dir, 'deep.json');
    fs.writeFileSync(file, `{"x_deep":${nested(5000)}}`);
    const r = await run(['apply', 'openai', '-f', file, '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`bifrost-tui: ${file} is not valid JSON: nested deeper than ${MAX_JSON_DEPTH} levels\n`);
    expect(gw.requests).toEqual([]);
  });
});

describe('__proto__ members from the gateway', () => {
  const PROVIDER = `{"name":"openai",${OPENAI.replace('"max_retries":1', '"max_retries":1,"__proto__":{"pinned":true}')},"__proto__":{"x_owner":"team-a"}}`;

  it('get shows them, export and --json keep them', async () => {
    const { gw, run } = await hostile();
    gw.setProvider('openai', PROVIDER);
    const get = await run(['get', 'openai']);
    expect(get.code).toBe(0);
    expect(get.stdout).toContain('__proto__.x_owner: "team-a"');
    expect(get.stdout).toContain('network_config.__proto__.pinned: true');
    const exported = JSON.parse((await run(['export', 'openai'])).stdout) as Record<string, unknown>;
    expect(Object.hasOwn(exported, '__proto__')).toBe(true);
    expect(exported['__proto__']).toEqual({ x_owner: 'team-a' });
    expect(Object.getPrototypeOf(exported)).toBe(Object.prototype);
  });

  it('set sends them back as received (a PUT without them would delete them)', async () => {
    const { gw, run } = await hostile();
    gw.setProvider('openai', PROVIDER);
    const r = await run(['set', 'openai', 'network_config.max_retries=3', '--yes']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const put = gw.requests.find((q) => q.method === 'PUT')!;
    expect(put.body).toContain('"__proto__":{"x_owner":"team-a"}');
    expect(put.body).toContain('"__proto__":{"pinned":true}');
    expect(put.body).toContain('"max_retries":3');
  });

  it('apply with a file holding __proto__ members sends them as members, never as a prototype', async () => {
    const { h, gw, run } = await hostile();
    gw.setProvider('openai', `{"name":"openai",${OPENAI.replace('"max_retries":1', '"max_retries":1,"__proto__":{"max_retries":1}')},"__proto__":{"x_owner":"team-a"}}`);
    const file = path.join(h.dir, 'doc.json');
    fs.writeFileSync(file, '{"network_config":{"__proto__":{"max_retries":9}},"__proto__":{"x_owner":"team-b"}}');
    const r = await run(['apply', 'openai', '-f', file, '--yes']);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    const body = JSON.parse(gw.requests.find((q) => q.method === 'PUT')!.body) as Record<string, Record<string, unknown>>;
    expect(body['__proto__']).toEqual({ x_owner: 'team-b' });
    expect(body.network_config!['__proto__']).toEqual({ max_retries: 9 });
    expect(body.network_config!.max_retries).toBe(1);
    // Nothing reached Object.prototype.
    expect(({} as Record<string, unknown>).x_owner).toBeUndefined();
  });
});
