/** Opens a live session for the TUI: resolve the target, create the client. */
import { createClient } from './api/client.js';
import { resolveTarget, TargetError, type ResolveDeps, type TargetFlags } from './connect.js';
import { EXIT, type ExitCode } from './commands/types.js';
import type { Services } from './ui/services.js';

export type OpenResult =
  | { ok: true; services: Services; close: () => Promise<void> }
  | { ok: false; code: ExitCode; message: string; noTarget: boolean };

export async function openSession(flags: TargetFlags, env: NodeJS.ProcessEnv, deps: ResolveDeps = {}): Promise<OpenResult> {
  let target;
  try {
    target = await resolveTarget(flags, env, deps);
  } catch (err) {
    if (err instanceof TargetError) return { ok: false, code: err.code, message: err.message, noTarget: err.noTarget };
    return { ok: false, code: EXIT.gateway, message: (err as Error).message, noTarget: false };
  }
  const client = createClient(target.clientOptions);
  const services: Services = { session: { client, connection: target.connection }, now: () => Date.now() };
  return {
    ok: true,
    services,
    close: async () => {
      await client.close().catch(() => undefined);
      await target.close().catch(() => undefined);
    },
  };
}
