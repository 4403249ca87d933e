/**
 * A second writer on the gateway for the monkey test: another HTTP client
 * (its own undici connection, marked by its bearer token) that, when told,
 * reads a provider and PUTs it back with a random field changed (to another
 * value, back to its default, to 0, or unset), a secret rotated or an
 * unknown field added. Every write that landed is recorded with what the
 * gateway stores afterwards, so the test can check that none was overwritten
 * without the user being shown: the ones the gateway answered, and the ones
 * whose answer was lost (a truncated reply) that `stored` finds on the gateway.
 */
import { createClient } from '../../src/api/client.js';
import type { GatewayClient } from '../../src/api/types.js';
import { buildUpdateBody, type Edit } from '../../src/api/update-body.js';

/** The Authorization header of the writer's requests (the demo gateway without auth ignores it). */
export const WRITER_AUTH = 'Bearer concurrent-writer';

export interface WriterChange {
  name: string;
  path: string;
  /** The value written (for a secret: the plain text the gateway now stores). */
  value: unknown;
  /** When the gateway accepted it (performance.now()). */
  at: number;
  /**
   * When it happened: between key batches, while a review was up, between the save's check and its
   * review, or between the confirmed save's last re-check and its PUT (the window no client can close:
   * the gateway has no version check).
   */
  moment: 'form' | 'review' | 'check' | 'recheck';
  secret: boolean;
  /** A number set back to its default, to 0, or unset (the changes a lenient conflict rule would miss). */
  reset?: 'default' | 'zero' | 'unset';
  /** The block the write put in whole (a proxy where there was none): all of its fields changed with `path`. */
  block?: string;
}

export interface ConcurrentWriter {
  readonly changes: WriterChange[];
  /** Attempts one write to `name`; resolves when the gateway answered (never rejects). */
  act(name: string, moment: WriterChange['moment']): Promise<void>;
  close(): Promise<void>;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** What the gateway stores at `path` of provider `name` (a secret as its plain text). */
export type StoredProbe = (name: string, path: string) => unknown;

export function concurrentWriter(url: string, r: () => number, stored: StoredProbe): ConcurrentWriter {
  const client: GatewayClient = createClient({ baseUrl: url, auth: { kind: 'bearer', token: 'concurrent-writer' }, timeoutMs: 3000, getRetries: 0 });
  const changes: WriterChange[] = [];
  let n = 0;
  return {
    changes,
    async act(name, moment) {
      // Draw every random number up front: what is drawn must not depend on how the gateway answers.
      const kind = r();
      // Numbers: another value, or a reset the app must see as a change too (CONTRACT §11.9 makes these easy to miss):
      // back to the gateway default, 0, or unset (left out of the block).
      const number = pick(r, [
        { path: 'network_config.max_retries', values: [0, 1, 4, 7, 10], def: 0 },
        { path: 'network_config.default_request_timeout_in_seconds', values: [30, 60, 90, 300, 600], def: 300 },
        { path: 'network_config.retry_backoff_max', values: [5000, 10000, 20000], def: 5000 },
        { path: 'network_config.retry_backoff_initial', values: [250, 500, 2000], def: 500 },
        { path: 'network_config.stream_idle_timeout_in_seconds', values: [30, 120, 600], def: 120 },
      ]);
      const mode = pick(r, ['value', 'value', 'default', 'zero', 'unset'] as const);
      const which = r();
      const id = ++n;
      let got: Record<string, unknown>;
      try {
        got = (await client.getProvider(name)) as Record<string, unknown>;
      } catch {
        return;
      }
      let change: { path: string; secret: boolean; reset?: WriterChange['reset'] };
      let edits: Edit[];
      if (kind < 0.45) {
        const [section, field] = number.path.split('.') as [string, string];
        const block = got[section] as Record<string, unknown> | null | undefined;
        const current = block?.[field];
        const set = current !== undefined && current !== null && Number(current) !== 0;
        // Always a change: never the value there (the test records what the gateway stores after it).
        const reset = (mode === 'default' && Number(current) !== number.def) || ((mode === 'zero' || mode === 'unset') && set) ? mode : undefined;
        const value = (() => {
          if (reset === 'default') return number.def;
          if (reset === 'zero' || reset === 'unset') return reset === 'zero' ? 0 : undefined;
          const candidates = number.values.filter((v) => v !== Number(current ?? 0));
          return candidates[Math.floor(which * candidates.length)]!;
        })();
        change = { path: number.path, secret: false, ...(reset ? { reset } : {}) };
        edits = [value === undefined ? { path: number.path.split('.'), remove: true } : { path: number.path.split('.'), value }];
      } else if (kind < 0.75) {
        // Rotate a secret the gateway masks 4+24+4 (so the old mask is no longer its current one).
        const username = `svc-rotated-${id}-${name}`;
        const proxy = got.proxy_config as Record<string, unknown> | null | undefined;
        const has = Boolean(proxy && proxy.type && proxy.type !== 'none');
        change = { path: 'proxy_config.username', secret: true, ...(has ? {} : { block: 'proxy_config' }) };
        edits = has
          ? [{ path: ['proxy_config', 'username'], value: username }]
          : [{ path: ['proxy_config'], value: { type: 'http', url: 'http://proxy.writer.example:3128', username, password: `pw-${id}-not-a-mask` } }];
      } else {
        change = { path: `x_writer_field_${id}`, secret: false };
        edits = [{ path: [`x_writer_field_${id}`], value: id }];
      }
      const before = stored(name, change.path);
      try {
        await client.updateProvider(name, buildUpdateBody(got, edits));
      } catch {
        // Refused or faulted: nothing changed, unless the write landed and only its answer was lost (found below).
      }
      const after = stored(name, change.path);
      if (JSON.stringify(after) === JSON.stringify(before)) return;
      changes.push({ ...change, value: after, name, moment, at: performance.now() });
    },
    close: () => client.close(),
  };
}
