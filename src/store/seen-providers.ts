/**
 * What shell completion knows without asking a gateway: profile names from
 * the config file, and the provider names this machine has seen on one
 * gateway (the last `providers list`, and providers with local backups).
 * Reading never writes and never fails: a missing or broken file is no names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveConfigDir, type DirOptions } from './config-dir.js';
import { ensurePrivateDir, writeFileAtomic } from './fs-util.js';
import { encodeName, resolveStateDir } from './state-dir.js';

/** Files larger than this are not read for completion. */
const MAX_BYTES = 4 * 1024 * 1024;

function readSmallJson(file: string): unknown {
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > MAX_BYTES) return undefined;
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The stored config's profile names and default (read as plain JSON: no migration, no write). */
export function readProfileNames(opts: DirOptions = {}): { names: string[]; defaultProfile?: string; urls: Record<string, string> } {
  const data = readSmallJson(path.join(resolveConfigDir(opts), 'config.json')) as { profiles?: unknown; defaultProfile?: unknown } | undefined;
  const profiles = data && typeof data.profiles === 'object' && data.profiles !== null ? (data.profiles as Record<string, { url?: unknown }>) : {};
  const urls: Record<string, string> = {};
  for (const [name, p] of Object.entries(profiles)) if (typeof p?.url === 'string') urls[name] = p.url;
  return {
    names: Object.keys(profiles).sort(),
    defaultProfile: typeof data?.defaultProfile === 'string' ? data.defaultProfile : undefined,
    urls,
  };
}

function seenFile(dir: string, gateway: string): string {
  return path.join(dir, 'seen', `${encodeName(gateway)}.json`);
}

/** Remembers the provider names a gateway listed (best effort: completion is a convenience). */
export function recordSeenProviders(gateway: string, names: readonly string[], opts: DirOptions = {}): void {
  try {
    const dir = resolveStateDir(opts);
    // Without a home (HOME empty) the state dir would be relative, under the working directory: no cache then.
    if (!path.isAbsolute(dir)) return;
    const file = seenFile(dir, gateway);
    ensurePrivateDir(path.dirname(file));
    writeFileAtomic(file, `${JSON.stringify({ providers: [...names].sort() })}\n`);
  } catch {
    // a read command does not fail because its cache could not be written
  }
}

function decodeName(segment: string): string | undefined {
  if (segment.includes('~')) return undefined; // a long name, stored cut and hashed
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Provider names seen on `gateway`: the last list, and every provider with a local backup. */
export function seenProviderNames(gateway: string, opts: DirOptions = {}): string[] {
  const dir = resolveStateDir(opts);
  const names = new Set<string>();
  const seen = readSmallJson(seenFile(dir, gateway)) as { providers?: unknown } | undefined;
  if (Array.isArray(seen?.providers)) for (const n of seen.providers) if (typeof n === 'string') names.add(n);
  try {
    for (const entry of fs.readdirSync(path.join(dir, 'history', encodeName(gateway)))) {
      const name = decodeName(entry);
      // Key backups live under "<provider>/keys/<id>".
      if (name && !name.includes('/')) names.add(name);
    }
  } catch {
    // no backups on this gateway
  }
  return [...names].sort();
}
