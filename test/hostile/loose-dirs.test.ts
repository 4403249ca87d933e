/**
 * Config and state directories that another local user can write to (mode 0777, or owned by someone
 * else) are not used: a planted history entry is never restored, a planted draft never offered, a
 * planted profile never read. One line names the directory and how to fix it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { draftService } from '../../src/app/local-services.js';
import { openDraftStore } from '../../src/store/draft-store.js';
import { openProfileStore } from '../../src/store/profile-store.js';
import { setup, type Harness } from '../commands/providers-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('directories others can write to', () => {
  it('restore refuses a state dir writable by everyone: the planted entry is not sent', async () => {
    h = await setup();
    expect((await h.run(['set', 'openai', 'network_config.max_retries=5', '--yes'])).code).toBe(0);
    const stateDir = path.join(h.dir, 'state');
    // Another user plants a version of openai pointing at their own server.
    const providerDir = path.join(stateDir, 'history', fs.readdirSync(path.join(stateDir, 'history'))[0]!, 'openai');
    const [real] = fs.readdirSync(providerDir);
    const planted = JSON.parse(fs.readFileSync(path.join(providerDir, real!), 'utf8')) as { id: string; object: { network_config: { base_url: string } } };
    planted.id = '29990101T000000000Z';
    planted.object.network_config.base_url = 'https://evil.example';
    fs.chmodSync(stateDir, 0o777);
    fs.writeFileSync(path.join(providerDir, '29990101T000000000Z.json'), JSON.stringify(planted));
    const puts = h.puts().length;
    const r = await h.run(['restore', 'openai', '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`bifrost-tui: ${stateDir}: is writable by everyone (mode 777); not used (chmod 700 it)\n`);
    expect(h.puts()).toHaveLength(puts);
    const list = await h.run(['history', 'openai']);
    expect(list.code).toBe(3);
    expect(list.stdout).not.toContain('29990101');
  });

  it('a group-writable folder inside the state dir is refused too', async () => {
    h = await setup();
    const stateDir = path.join(h.dir, 'state');
    const store = openDraftStore({ dir: stateDir });
    store.saveDraft('gw', 'openai', { original: { name: 'openai' }, edits: [], savedAt: new Date(0).toISOString() }, 'elsewhere_1_abcd');
    const folder = path.dirname(store.draftPath('gw', 'openai', 'elsewhere_1_abcd'));
    fs.chmodSync(folder, 0o770);
    expect(() => draftService(openDraftStore({ dir: stateDir })).unrecovered('gw', 'openai')).toThrow(`${folder}: is writable by its group (mode 770); not used (chmod 700 it)`);
  });

  it('profiles in a config dir writable by everyone are not read', async () => {
    h = await setup();
    const configDir = path.join(h.dir, 'config');
    fs.chmodSync(configDir, 0o777);
    expect(() => openProfileStore({ dir: configDir })).toThrow(`${configDir}: is writable by everyone (mode 777); not used (chmod 700 it)`);
  });

  it.runIf(process.getuid?.() === 0)('a state dir owned by another user is refused (run as root)', async () => {
    h = await setup();
    const stateDir = path.join(h.dir, 'state');
    fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    fs.chownSync(stateDir, 65534, 65534);
    const r = await h.run(['history', 'openai']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`bifrost-tui: ${stateDir}: belongs to another user (uid 65534, you are 0); not used (set BIFROST_TUI_CONFIG_DIR or BIFROST_TUI_STATE_DIR to a directory of yours)\n`);
  });
});
