/**
 * A second writer on the gateway for the monkey test: another HTTP client
 * (its own undici connection, marked by its bearer token) that, when told,
 * reads a provider and PUTs it back with a random field changed, a secret
 * rotated or an unknown field added. Every write that landed is recorded,
 * so the test can check afterwards that none was overwritten without the
 * user being shown: the ones the gateway answered, and the ones whose answer
 * was lost (a truncated reply) that `landed` finds on the gateway.
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
}

export interface ConcurrentWriter {
  readonly changes: WriterChange[];
  /** Attempts one write to `name`; resolves when the gateway answered (never rejects). */
  act(name: string, moment: WriterChange['moment']): Promise<void>;
  close(): Promise<void>;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Whether the gateway now holds `value` at `path` of provider `name` (asked after a write went unanswered). */
export type LandedProbe = (name: string, path: string, value: unknown) => boolean;

export function concurrentWriter(url: string, r: () => number, landed: LandedProbe): ConcurrentWriter {
  const client: GatewayClient = createClient({ baseUrl: url, auth: { kind: 'bearer', token: 'concurrent-writer' }, timeoutMs: 3000, getRetries: 0 });
  const changes: WriterChange[] = [];
  let n = 0;
  return {
    changes,
    async act(name, moment) {
      // Draw every random number up front: what is drawn must not depend on how the gateway answers.
      const kind = r();
      // `unset`: what the gateway may read an unset value back as (CONTRACT §11.9: 0 and its defaults).
      const number = pick(r, [
        { path: 'network_config.max_retries', values: [0, 1, 4, 7, 10], unset: [0] },
        { path: 'network_config.default_request_timeout_in_seconds', values: [30, 60, 90, 300, 600], unset: [300, 30] },
        { path: 'network_config.retry_backoff_max', values: [5000, 10000, 20000], unset: [5000, 10000] },
      ]);
      const which = r();
      const id = ++n;
      let got: Record<string, unknown>;
      try {
        got = (await client.getProvider(name)) as Record<string, unknown>;
      } catch {
        return;
      }
      let change: Omit<WriterChange, 'at' | 'moment' | 'name'>;
      let edits: Edit[];
      if (kind < 0.45) {
        const [section, field] = number.path.split('.') as [string, string];
        const current = (got[section] as Record<string, unknown> | null | undefined)?.[field];
        // Always a change: never the value there, nor over an unset value one it may read back as.
        const unset = current === undefined || current === null || Number(current) === 0;
        const candidates = number.values.filter((v) => v !== Number(current) && !(unset && number.unset.includes(v)));
        const value = candidates[Math.floor(which * candidates.length)]!;
        change = { path: number.path, value, secret: false };
        edits = [{ path: number.path.split('.'), value }];
      } else if (kind < 0.75) {
        // Rotate a secret the gateway masks 4+24+4 (so the old mask is no longer its current one).
        const username = `svc-rotated-${id}-${name}`;
        const proxy = got.proxy_config as Record<string, unknown> | null | undefined;
        change = { path: 'proxy_config.username', value: username, secret: true };
        edits = proxy && proxy.type && proxy.type !== 'none'
          ? [{ path: ['proxy_config', 'username'], value: username }]
          : [{ path: ['proxy_config'], value: { type: 'http', url: 'http://proxy.writer.example:3128', username, password: `pw-${id}-not-a-mask` } }];
      } else {
        change = { path: `x_writer_field_${id}`, value: id, secret: false };
        edits = [{ path: [`x_writer_field_${id}`], value: id }];
      }
      try {
        await client.updateProvider(name, buildUpdateBody(got, edits));
      } catch {
        // Refused or faulted: nothing changed, unless the write landed and only its answer was lost.
        if (!landed(name, change.path, change.value)) return;
      }
      changes.push({ ...change, name, moment, at: performance.now() });
    },
    close: () => client.close(),
  };
}
