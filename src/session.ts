/**
 * Turns flags, environment and (later) profiles into a live Session: the
 * client and what the header shows. Effects live here, not in the UI.
 */
import { createHash } from 'node:crypto';
import { createClient } from './api/client.js';
import type { Auth } from './api/types.js';
import { EXIT, type ExitCode } from './commands/types.js';
import type { Services } from './ui/services.js';

export interface SessionFlags {
  url?: string;
  apiKey?: string;
  profile?: string;
  demo?: boolean;
  timeout?: string;
}

export type OpenResult =
  | { ok: true; services: Services; close: () => Promise<void> }
  | { ok: false; code: ExitCode; message: string };

/** A filesystem-safe key for drafts and history of this gateway. */
export function gatewayKeyFor(profile: string | undefined, url: string): string {
  if (profile) return `profile-${profile.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  return `url-${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;
}

export async function openSession(flags: SessionFlags, env: NodeJS.ProcessEnv): Promise<OpenResult> {
  const timeoutMs = flags.timeout ? Number(flags.timeout) : undefined;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    return { ok: false, code: EXIT.usage, message: `--timeout must be a positive number of milliseconds, got "${flags.timeout}"` };
  }
  const closers: Array<() => Promise<void>> = [];
  let url = flags.url ?? env.BIFROST_URL;
  const apiKey = flags.apiKey ?? env.BIFROST_API_KEY;
  if (flags.demo) {
    const { startDemoGateway } = await import('./demo-gateway/index.js');
    const gw = await startDemoGateway({ port: 0, saveDelayMs: 800 });
    closers.push(() => gw.close());
    url = gw.url;
  }
  if (!url) {
    return {
      ok: false,
      code: EXIT.usage,
      message: 'no gateway given: use --url URL (or BIFROST_URL), --profile NAME, or --demo to try the embedded demo gateway',
    };
  }
  try {
    new URL(url);
  } catch {
    return { ok: false, code: EXIT.usage, message: `not a valid URL: "${url}"` };
  }
  const auth: Auth = apiKey ? { kind: 'bearer', token: apiKey } : { kind: 'none' };
  const client = createClient({ baseUrl: url, auth, timeoutMs });
  closers.push(() => client.close());
  const services: Services = {
    session: {
      client,
      connection: {
        url,
        authMode: auth.kind,
        label: flags.demo ? 'DEMO' : undefined,
        color: flags.demo ? 'magenta' : undefined,
        readOnly: false,
        gatewayKey: flags.demo ? 'demo' : gatewayKeyFor(undefined, url),
        secret: apiKey,
      },
    },
    now: () => Date.now(),
  };
  return {
    ok: true,
    services,
    close: async () => {
      for (const c of closers.reverse()) await c().catch(() => undefined);
    },
  };
}
