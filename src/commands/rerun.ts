/**
 * Commands the CLI prints for the user to run next (undo, "see …"): quoted
 * for a POSIX shell and carrying the connection they were made on (profile,
 * URL, demo, timeout; never a key), so each runs as printed.
 */
import { shellLine } from '../state/cli/shell-quote.js';
import type { Ctx } from './command-context.js';

/** The connection options that reach the gateway this command used. */
export function connectionWords(ctx: Ctx): string[] {
  const words: string[] = [];
  const target = ctx.connected;
  if (ctx.flags.demo === true) words.push('--demo');
  else if (target) {
    const { profile, url } = target.connection;
    const explicitUrl = (typeof ctx.flags.url === 'string' && ctx.flags.url) || ctx.io.env.BIFROST_URL;
    if (profile) words.push('--profile', profile);
    // A URL that overrode the profile's (or the URL alone) is part of where this command went.
    if (!profile || (explicitUrl && url !== target.profile?.url)) words.push('--url', url);
  }
  if (typeof ctx.flags.timeout === 'string') words.push('--timeout', ctx.flags.timeout);
  return words;
}

/** `bifrost-tui WORDS… [connection]`, shell-quoted. `connection`: add the connection options (not for `profiles`). */
export function rerunLine(ctx: Ctx, words: readonly string[], connection = true): string {
  return shellLine(['bifrost-tui', ...words, ...(connection ? connectionWords(ctx) : [])]);
}
