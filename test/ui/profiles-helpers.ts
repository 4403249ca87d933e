/** Shared set-up of the profiles component tests: a temp-dir store, two demo gateways, the real profiles service. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '../../src/api/client.js';
import { startDemoGateway, defaultSeed, type DemoGateway } from '../../src/demo-gateway/index.js';
import { createProfilesService, type EdgeProfilesService } from '../../src/app/profiles-service.js';
import { connectionInfo } from '../../src/connection/connection-info.js';
import { openProfileStore, type ProfileStore } from '../../src/store/profile-store.js';
import { resolveConnection } from '../../src/connection/secret-source.js';
import type { Profile } from '../../src/state/local-types.js';
import type { Services } from '../../src/ui/services.js';

export const KEY_A = 'sk-bf-alpha-Secret-Key-0001';
export const KEY_B = 'sk-bf-bravo-Secret-Key-7788';

export interface Fixture {
  dir: string;
  store: ProfileStore;
  a: DemoGateway;
  b: DemoGateway;
  service: EdgeProfilesService;
  close(): Promise<void>;
}

/** Gateway A has the default seed and needs KEY_A; B has only `bravo-llm` and needs KEY_B. */
export async function fixture(): Promise<Fixture> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bt-prof-'));
  const a = await startDemoGateway({ port: 0, auth: { kind: 'bearer', token: KEY_A } });
  const seedB = defaultSeed().filter((p) => p.name === 'acme-llm').map((p) => ({ ...p, name: 'bravo-llm' }));
  const b = await startDemoGateway({ port: 0, auth: { kind: 'bearer', token: KEY_B }, seed: seedB });
  const store = openProfileStore({ dir });
  store.upsert({ name: 'alpha', url: a.url, auth: 'bearer', secret: { source: 'stored', value: KEY_A }, label: 'ALPHA', color: 'green' });
  store.upsert({ name: 'bravo', url: b.url, auth: 'bearer', secret: { source: 'stored', value: KEY_B }, label: 'PROD', color: 'red', readOnly: true });
  const service = createProfilesService({ store, env: {} });
  return {
    dir, store, a, b, service,
    async close() {
      await service.close();
      await Promise.all([a.close(), b.close()]);
      rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    },
  };
}

/** Services connected through profile `name`, the way openSession builds them. */
export async function servicesFor(f: Fixture, name: string, override?: Partial<Profile>): Promise<Services> {
  const profile = { ...(f.store.get(name) as Profile), ...override };
  const opts = await resolveConnection(profile, {}, {});
  const session = f.service.sessionFor(opts, connectionInfo(profile, opts), createClient(opts));
  return { session, now: () => 1_000_000, profiles: f.service };
}

/** Every frame joined, for leak assertions. */
export function allText(frames: readonly string[]): string {
  return frames.join('\n');
}
