/** Connection profiles, stored with conf in `<config dir>/config.json` (mode 0600). */
import path from 'node:path';
import Conf, { type Options } from 'conf';
import { setOwn } from '../api/json-limits.js';
import type { Profile } from '../state/local-types.js';
import { StoreError, firstLine } from './store-error.js';
import { assertOwnDirs, ensurePrivateDir, FILE_MODE, readStateBytes, tightenFileMode, writeFileAtomic } from './fs-util.js';
import { JsonTooDeep, parseJsonBounded } from '../api/json-limits.js';
import { LOCAL_LIMITS } from '../api/local-file.js';
import { resolveConfigDir, type DirOptions } from './config-dir.js';
import { CONFIG_ROOT_SCHEMA, CONFIG_SCHEMA, CONFIG_VERSION, KNOWN_PROFILE_KEYS } from './profile-schema.js';
import { profileNameProblem } from '../state/profiles/profile-name.js';
import { lockTimeoutMs, withFileLock } from './file-lock.js';

/** The stored data. Other top-level keys (and conf's `__internal__`) are kept as they are. */
export interface StoredConfig extends Record<string, unknown> {
  version?: number;
  defaultProfile?: string;
  profiles?: Record<string, Profile>;
}

/** A conf migration: gets the conf instance, runs before validation. */
export type ConfigMigration = (store: Conf<StoredConfig>) => void;

/** conf `projectVersion` of this build: migrations keyed by a higher version run once on open. */
export const CONFIG_PROJECT_VERSION = '1.0.0';

/** Migrations by project version. 1.0.0 stamps hand-written files with `version: 1`. */
export const CONFIG_MIGRATIONS: Record<string, ConfigMigration> = {
  '1.0.0': (store) => {
    if (!store.has('version')) store.set('version', CONFIG_VERSION);
  },
};

export interface ProfileStoreOptions extends DirOptions {
  /** Override the migrations (tests, or a later schema). */
  migrations?: Record<string, ConfigMigration>;
  projectVersion?: string;
}

/** CRUD over the stored profiles. Every method reads the file fresh, so two processes see each other's changes. */
export interface ProfileStore {
  /** Absolute path of `config.json`. */
  readonly path: string;
  /** Profiles sorted by name. */
  list(): Profile[];
  get(name: string): Profile | undefined;
  /** Creates or replaces a profile (unknown keys of the stored one are kept). The first profile becomes the default. */
  upsert(profile: Profile): Profile;
  /** Returns false when there was no such profile. Removing the default clears the default. */
  remove(name: string): boolean;
  /** Name of the default profile, when it exists. */
  getDefaultName(): string | undefined;
  getDefault(): Profile | undefined;
  setDefault(name: string): void;
  /** No default any more: connecting then needs a URL or a named profile. */
  clearDefault(): void;
}

/**
 * conf writes through `atomically`, which follows a symlinked config.json to
 * wherever it points and opens its temp file without O_EXCL. Every write of
 * this store goes through writeFileAtomic instead: a temp file created
 * exclusively next to config.json, then renamed over it.
 */
class ExclusiveConf<T extends Record<string, unknown>> extends Conf<T> {}
(ExclusiveConf.prototype as unknown as { _write(value: unknown): void })._write = function (this: { path: string; _serialize(v: unknown): string }, value: unknown) {
  writeFileAtomic(this.path, this._serialize(value));
};

/** Turns anything conf throws into a StoreError naming the file. */
function toStoreError(file: string, err: unknown, doing: string): StoreError {
  if (err instanceof StoreError) return err;
  const msg = firstLine(err);
  if (err instanceof SyntaxError || err instanceof JsonTooDeep) {
    return new StoreError(file, `invalid JSON (${msg}); fix or move the file, it was left unchanged`, 'corrupt', { cause: err });
  }
  if (msg.startsWith('Config schema violation:')) {
    const detail = msg.slice('Config schema violation:'.length).trim();
    return doing === 'open'
      ? new StoreError(file, `does not match the profile schema (${detail}); fix or move the file, it was left unchanged`, 'corrupt', { cause: err })
      : new StoreError(file, `${doing} refused: the result would not match the profile schema (${detail})`, 'invalid', { cause: err });
  }
  if (msg.startsWith('Something went wrong during the migration')) {
    return new StoreError(file, `migration failed, file left unchanged: ${msg}`, 'corrupt', { cause: err });
  }
  return new StoreError(file, `${doing} failed: ${msg}`, 'io', { cause: err });
}


/**
 * Opens (creating if needed) the profile store. A corrupt or schema-violating
 * file throws a StoreError and is left byte for byte as it was: conf's
 * migration step may write before it validates, so the original bytes are put
 * back if opening fails.
 */
export function openProfileStore(opts: ProfileStoreOptions = {}): ProfileStore {
  const dir = resolveConfigDir(opts);
  const file = path.join(dir, 'config.json');
  ensurePrivateDir(dir);
  // Ours, and writable by nobody else: another user could otherwise plant profiles (and a key command).
  assertOwnDirs(dir);
  tightenFileMode(file);
  const before = readStateBytes(file, LOCAL_LIMITS.config);
  let parsedBefore: unknown;
  if (before !== undefined) {
    let parsed: unknown;
    try {
      parsed = parseJsonBounded(before.toString('utf8'));
    } catch (err) {
      throw toStoreError(file, err, 'open');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      const what = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
      throw new StoreError(file, `is not a JSON object (found ${what}); fix or move the file, it was left unchanged`, 'corrupt');
    }
    parsedBefore = parsed;
    const version = (parsed as { version?: unknown }).version;
    if (typeof version === 'number' && version > CONFIG_VERSION) {
      throw new StoreError(file, `was written by a newer bifrost-tui (config version ${version}, this one reads up to ${CONFIG_VERSION}); left unchanged`, 'corrupt');
    }
  }
  const options: Options<StoredConfig> = {
    cwd: dir,
    configName: 'config',
    fileExtension: 'json',
    configFileMode: FILE_MODE,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    schema: CONFIG_SCHEMA as unknown as Options<StoredConfig>['schema'],
    rootSchema: CONFIG_ROOT_SCHEMA as Options<StoredConfig>['rootSchema'],
    projectVersion: opts.projectVersion ?? CONFIG_PROJECT_VERSION,
    migrations: (opts.migrations ?? CONFIG_MIGRATIONS) as Options<StoredConfig>['migrations'],
    // conf reads the file itself on every access: nesting bounded like every other JSON from outside.
    deserialize: (text: string) => parseJsonBounded(text) as StoredConfig,
  };
  // …and its size and type are checked before each of those reads (a FIFO or /dev/zero is never read).
  const checkFile = (): Buffer | undefined => readStateBytes(file, LOCAL_LIMITS.config);
  const lockTimeout = lockTimeoutMs(opts.env ?? process.env);
  // conf may write on open (a new file, a pending migration): that is a read-modify-write too, so it
  // runs under the lock. A file already at this version is only read, and compiling the schema
  // (slow on a busy host) is then kept out of the lock.
  const migrated = (parsedBefore as { __internal__?: { migrations?: { version?: unknown } } } | undefined)?.__internal__?.migrations?.version === options.projectVersion;
  const open = (): Conf<StoredConfig> => {
    const original = checkFile();
    try {
      return new ExclusiveConf<StoredConfig>(options);
    } catch (err) {
      const after = checkFile();
      if (original !== undefined && (after === undefined || !after.equals(original))) writeFileAtomic(file, original.toString('utf8'));
      throw toStoreError(file, err, 'open');
    }
  };
  const conf = migrated ? open() : withFileLock(file, lockTimeout, open);

  const read = (): StoredConfig => {
    checkFile();
    try {
      return conf.store;
    } catch (err) {
      throw toStoreError(file, err, 'open');
    }
  };
  // Read, change and write under the lock: a parallel writer's change is never lost.
  const write = (doing: string, change: (data: StoredConfig) => void): void =>
    withFileLock(file, lockTimeout, () => {
      const data = read();
      change(data);
      try {
        conf.store = data;
      } catch (err) {
        throw toStoreError(file, err, doing);
      }
    });
  const profilesOf = (data: StoredConfig): Record<string, Profile> => data.profiles ?? {};
  const checkName = (name: string): void => {
    const problem = profileNameProblem(name);
    if (problem) throw new StoreError(file, problem, 'invalid');
  };
  // The map key is authoritative: a hand edit that renames only the key still works.
  const asProfile = (name: string, p: Profile): Profile => ({ ...structuredClone(p), name });
  const getFrom = (data: StoredConfig, name: string): Profile | undefined => {
    const p = Object.hasOwn(profilesOf(data), name) ? profilesOf(data)[name] : undefined;
    return p ? asProfile(name, p) : undefined;
  };
  const defaultNameOf = (data: StoredConfig): string | undefined => {
    const name = data.defaultProfile;
    return name !== undefined && Object.hasOwn(profilesOf(data), name) ? name : undefined;
  };

  return {
    path: file,
    list() {
      const profiles = profilesOf(read());
      return Object.keys(profiles)
        .sort()
        .map((name) => asProfile(name, profiles[name] as Profile));
    },
    get(name) {
      return getFrom(read(), name);
    },
    upsert(profile) {
      checkName(profile.name);
      let stored: Profile = profile;
      write('saving the profile', (data) => {
        const profiles = { ...profilesOf(data) };
        const old = Object.hasOwn(profiles, profile.name) ? profiles[profile.name] : undefined;
        const kept = Object.fromEntries(Object.entries(old ?? {}).filter(([k]) => !KNOWN_PROFILE_KEYS.has(k)));
        const known = Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined));
        stored = { ...kept, ...known } as Profile;
        setOwn(profiles, profile.name, stored);
        data.profiles = profiles;
        data.version ??= CONFIG_VERSION;
        if (defaultNameOf(data) === undefined) data.defaultProfile = profile.name;
      });
      return asProfile(profile.name, stored);
    },
    remove(name) {
      let existed = false;
      const data = read();
      if (!Object.hasOwn(profilesOf(data), name)) return false;
      write('removing the profile', (d) => {
        const profiles = { ...profilesOf(d) };
        existed = Object.hasOwn(profiles, name);
        delete profiles[name];
        d.profiles = profiles;
        if (d.defaultProfile === name) delete d.defaultProfile;
      });
      return existed;
    },
    getDefaultName() {
      return defaultNameOf(read());
    },
    getDefault() {
      const data = read();
      const name = defaultNameOf(data);
      return name === undefined ? undefined : getFrom(data, name);
    },
    setDefault(name) {
      write('setting the default', (data) => {
        if (!Object.hasOwn(profilesOf(data), name)) throw new StoreError(file, `no profile named "${name}"`, 'not-found');
        data.defaultProfile = name;
      });
    },
    clearDefault() {
      write('clearing the default', (data) => {
        delete data.defaultProfile;
      });
    },
  };
}
