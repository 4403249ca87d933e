/**
 * The fleet screen's direct write: the one `fleet push` and `apply -f DIR`
 * make (`writePlanned`: re-read right before, backup in the history, then
 * the PUT or the POST of a new provider), on the named profile.
 */
import { Writable } from 'node:stream';
import { exitFor, type ProvidersDeps } from '../commands/command-context.js';
import { profileCtx } from '../commands/fleet-gateways.js';
import { writePlanned } from '../commands/providers-dir.js';
import type { Services } from '../ui/services.js';

const discard = (): Writable => new Writable({ write: (_chunk, _enc, done) => done() });

export function fleetWriter(env: NodeJS.ProcessEnv, deps: ProvidersDeps = {}): NonNullable<Services['fleetWrite']> {
  return async (profile, plan) => {
    const io = { stdout: discard(), stderr: discard(), stdin: process.stdin, env, isTTY: false };
    const ctx = profileCtx(io, deps, profile, { yes: true });
    try {
      await writePlanned(ctx, plan);
    } catch (err) {
      throw new Error(ctx.scrub(exitFor(err).message), { cause: err });
    } finally {
      await ctx.close().catch(() => undefined);
    }
  };
}
