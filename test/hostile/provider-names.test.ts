/** Provider names `.` and `..` would be resolved by the gateway's router to other paths: refused before any request. */
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { ApiError } from '../../src/api/api-error.js';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { setup, type Harness } from '../commands/providers-harness.js';

let h: Harness | undefined;
let gw: DemoGateway | undefined;
afterEach(async () => {
  await h?.close();
  await gw?.close();
  h = undefined;
  gw = undefined;
});

describe('dot names', () => {
  for (const name of ['.', '..']) {
    it(`providers get/set/history refuse "${name}" with exit 2 and send nothing`, async () => {
      h = await setup();
      const before = h.gw.requests.length;
      for (const argv of [['get', name], ['set', name, 'network_config.max_retries=3', '--yes'], ['export', name], ['history', name]]) {
        const r = await h.run(argv);
        expect(r.code, argv.join(' ')).toBe(2);
        expect(r.stderr).toContain(`invalid provider name "${name}"`);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      }
      expect(h.gw.requests.slice(before)).toEqual([]);
    });

    it(`the client (used by the TUI) refuses "${name}" without a request`, async () => {
      gw = await startDemoGateway({ port: 0 });
      const client = createClient({ baseUrl: gw.url, auth: { kind: 'none' } });
      for (const call of [() => client.getProvider(name), () => client.updateProvider(name, {}), () => client.deleteProvider(name), () => client.listKeys(name)]) {
        const err = await call().then(() => undefined, (e: unknown) => e);
        expect(err).toBeInstanceOf(ApiError);
        expect((err as ApiError).message).toContain(`invalid provider name "${name}"`);
      }
      expect(gw.requests).toEqual([]);
      await client.close();
    });
  }
});
