/** The in-memory provider store: stored (unredacted) providers with their keys. */
import type { Provider } from '../api/wire.js';
import { byteOrder, clone, isObject, type JsonObject } from './json.js';

/** A stored provider: the wire object, unredacted, plus its `keys`. */
export type StoredProvider = JsonObject & { name: string };

export class ProviderStore {
  private readonly byName = new Map<string, StoredProvider>();

  constructor(seed: Provider[]) {
    for (const p of seed) this.byName.set(p.name, clone(p) as StoredProvider);
  }

  /** Stored providers in byte order of name (the list handler sorts, §4.1). */
  list(): StoredProvider[] {
    return [...this.byName.values()].sort((a, b) => byteOrder(a.name, b.name));
  }

  get(name: string): StoredProvider | undefined {
    return this.byName.get(name);
  }

  set(provider: StoredProvider): void {
    this.byName.set(provider.name, provider);
  }

  delete(name: string): void {
    this.byName.delete(name);
  }

  /** The stored keys of a provider (a live array). */
  keys(name: string): JsonObject[] {
    const p = this.byName.get(name);
    if (!p) return [];
    if (!Array.isArray(p.keys)) p.keys = [];
    return (p.keys as unknown[]).filter(isObject);
  }

  setKeys(name: string, keys: JsonObject[]): void {
    const p = this.byName.get(name);
    if (p) p.keys = keys;
  }

  /** Every key with its provider name, for `/api/keys` and the unique-name rule. */
  allKeys(): { provider: string; key: JsonObject }[] {
    return this.list().flatMap((p) => this.keys(p.name).map((key) => ({ provider: p.name, key })));
  }
}
