import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProfileStore } from '../../src/store/profile-store.js';
import { resolveConfigDir } from '../../src/store/config-dir.js';
import { StoreError } from '../../src/store/store-error.js';
import type { Profile } from '../../src/state/local-types.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-profiles-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

const prod: Profile = {
  name: 'prod',
  url: 'https://gw.example.com',
  auth: 'bearer',
  secret: { source: 'stored', value: 'bfst-secret-123456' },
  label: 'PROD',
  color: 'red',
  readOnly: true,
};
const local: Profile = { name: 'local', url: 'http://127.0.0.1:8080', auth: 'none' };

function modeOf(p: string): number {
  return fs.statSync(p).mode & 0o777;
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe('config dir', () => {
  it('honours dir, BIFROST_TUI_CONFIG_DIR, XDG_CONFIG_HOME and ~/.config', () => {
    expect(resolveConfigDir({ dir: '/x/y', env: { BIFROST_TUI_CONFIG_DIR: '/a' } })).toBe('/x/y');
    expect(resolveConfigDir({ env: { BIFROST_TUI_CONFIG_DIR: '/a', XDG_CONFIG_HOME: '/b' } })).toBe('/a');
    expect(resolveConfigDir({ env: { XDG_CONFIG_HOME: '/b', HOME: '/h' } })).toBe('/b/bifrost-tui');
    expect(resolveConfigDir({ env: { XDG_CONFIG_HOME: 'relative', HOME: '/h' } })).toBe('/h/.config/bifrost-tui');
    expect(resolveConfigDir({ env: { HOME: '/h' } })).toBe('/h/.config/bifrost-tui');
  });

  it('creates config.json under XDG_CONFIG_HOME/bifrost-tui with no -nodejs suffix', () => {
    const store = openProfileStore({ env: { XDG_CONFIG_HOME: dir, HOME: dir } });
    expect(store.path).toBe(path.join(dir, 'bifrost-tui', 'config.json'));
    store.upsert(local);
    expect(fs.existsSync(store.path)).toBe(true);
    expect(modeOf(path.join(dir, 'bifrost-tui'))).toBe(0o700);
  });
});

describe('profile store', () => {
  it('creates, reads, updates and deletes profiles; first becomes default', () => {
    const store = openProfileStore({ dir });
    expect(store.list()).toEqual([]);
    expect(store.getDefault()).toBeUndefined();
    store.upsert(prod);
    store.upsert(local);
    expect(store.list().map((p) => p.name)).toEqual(['local', 'prod']);
    expect(store.getDefaultName()).toBe('prod');
    expect(store.get('prod')).toEqual(prod);

    store.upsert({ ...local, url: 'http://127.0.0.1:9090', label: 'DEV' });
    expect(store.get('local')?.url).toBe('http://127.0.0.1:9090');
    expect(store.get('local')?.label).toBe('DEV');

    store.setDefault('local');
    expect(store.getDefault()?.name).toBe('local');
    store.clearDefault();
    expect(openProfileStore({ dir }).getDefaultName()).toBeUndefined();
    store.setDefault('local');
    expect(store.remove('local')).toBe(true);
    expect(store.remove('local')).toBe(false);
    expect(store.getDefaultName()).toBeUndefined();
    // A second process (a new store object) sees the same data.
    expect(openProfileStore({ dir }).list().map((p) => p.name)).toEqual(['prod']);
  });

  it('rejects bad names, unknown defaults and schema-violating profiles without writing', () => {
    const store = openProfileStore({ dir });
    store.upsert(local);
    const bytes = fs.readFileSync(store.path);
    for (const name of ['', 'a b', 'x/y', '..', 'é']) {
      const err = catchError(() => store.upsert({ ...local, name }));
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe('invalid');
    }
    const bad = catchError(() => store.upsert({ ...local, name: 'bad', url: 'ftp://x' }));
    expect((bad as StoreError).message).toMatch(/schema/);
    expect((bad as StoreError).message).toContain(store.path);
    const nf = catchError(() => store.setDefault('nope'));
    expect((nf as StoreError).code).toBe('not-found');
    expect(fs.readFileSync(store.path).equals(bytes)).toBe(true);
  });

  it('accepts names and URLs with dots (no dot-notation)', () => {
    const store = openProfileStore({ dir });
    const p: Profile = { name: 'gw.eu-1.prod', url: 'https://gw.eu-1.example.com:8443/base.path', auth: 'none' };
    store.upsert(p);
    expect(store.get('gw.eu-1.prod')).toEqual(p);
    const raw = JSON.parse(fs.readFileSync(store.path, 'utf8'));
    expect(Object.keys(raw.profiles)).toEqual(['gw.eu-1.prod']);
    expect(store.get('gw')).toBeUndefined();
  });

  it('writes the file with mode 0600 and tightens a looser mode on load', () => {
    const store = openProfileStore({ dir });
    store.upsert(prod);
    expect(modeOf(store.path)).toBe(0o600);
    fs.chmodSync(store.path, 0o644);
    const again = openProfileStore({ dir });
    expect(modeOf(again.path)).toBe(0o600);
    expect(again.get('prod')).toEqual(prod);
  });

  it('keeps unknown keys at the top level and inside profiles across writes', () => {
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        futureTop: { a: 1 },
        profiles: { prod: { ...prod, futureField: 'keep me' } },
        defaultProfile: 'prod',
      }),
      { mode: 0o600 },
    );
    const store = openProfileStore({ dir });
    store.upsert(local);
    store.upsert({ ...prod, label: 'LIVE' }); // replaces known fields only
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(raw.futureTop).toEqual({ a: 1 });
    expect(raw.profiles.prod.futureField).toBe('keep me');
    expect(raw.profiles.prod.label).toBe('LIVE');
    expect(raw.profiles.local).toEqual(local);
  });

  it('an optional field left out of an upsert is removed', () => {
    const store = openProfileStore({ dir });
    store.upsert(prod);
    const { label: _label, ...noLabel } = prod;
    store.upsert(noLabel);
    expect(store.get('prod')?.label).toBeUndefined();
  });
});

describe('corrupted config', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['invalid JSON', '{ "profiles": { "prod": ', /invalid JSON/],
    ['schema violation', JSON.stringify({ profiles: { prod: { name: 'prod', url: 'not a url', auth: 'bearer' } } }), /profile schema/],
    ['wrong auth kind', JSON.stringify({ version: 1, profiles: { p: { name: 'p', url: 'http://x', auth: 'magic' } } }), /profile schema/],
    ['newer version', JSON.stringify({ version: 99, profiles: {} }), /newer bifrost-tui/],
  ];
  for (const [title, text, re] of cases) {
    it(`${title}: clear error naming the file, bytes untouched`, () => {
      const file = path.join(dir, 'config.json');
      fs.writeFileSync(file, text, { mode: 0o600 });
      const before = fs.readFileSync(file);
      const err = catchError(() => openProfileStore({ dir }));
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe('corrupt');
      expect((err as Error).message).toContain(file);
      expect((err as Error).message).toMatch(re);
      expect((err as Error).message).not.toContain('\n');
      expect(fs.readFileSync(file).equals(before)).toBe(true);
      expect(fs.readdirSync(dir)).toEqual(['config.json']);
    });
  }

  it('a file broken while the store is open gives the same error on the next call', () => {
    const store = openProfileStore({ dir });
    store.upsert(local);
    fs.writeFileSync(store.path, 'garbage');
    const err = catchError(() => store.list());
    expect((err as Error).message).toContain(store.path);
    expect(catchError(() => store.upsert(prod))).toBeInstanceOf(StoreError);
    expect(fs.readFileSync(store.path, 'utf8')).toBe('garbage');
  });
});

describe('migrations', () => {
  it('stamps a hand-written file with version 1', () => {
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify({ profiles: { local } }), { mode: 0o600 });
    const store = openProfileStore({ dir });
    expect(store.get('local')).toEqual(local);
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(raw.version).toBe(1);
  });

  it('runs a later migration once when projectVersion goes up', () => {
    openProfileStore({ dir }).upsert({ ...local, label: 'old' });
    let runs = 0;
    const migrations = {
      '1.0.0': () => {},
      '1.1.0': (conf: { get(k: string): unknown; set(k: string, v: unknown): void }) => {
        runs++;
        const profiles = conf.get('profiles') as Record<string, Profile>;
        for (const p of Object.values(profiles)) p.label = p.label?.toUpperCase();
        conf.set('profiles', profiles);
      },
    };
    const store = openProfileStore({ dir, projectVersion: '1.1.0', migrations });
    expect(runs).toBe(1);
    expect(store.get('local')?.label).toBe('OLD');
    openProfileStore({ dir, projectVersion: '1.1.0', migrations });
    expect(runs).toBe(1);
  });

  it('a migration that produces invalid data restores the original bytes', () => {
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify({ profiles: { local } }), { mode: 0o600 });
    const before = fs.readFileSync(file);
    const migrations = {
      '1.0.0': (conf: { set(k: string, v: unknown): void }) => conf.set('profiles', { local: { name: 'local' } }),
    };
    const err = catchError(() => openProfileStore({ dir, migrations }));
    expect((err as Error).message).toContain(file);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
