import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Removes a temp dir that an app killed with its terminal may still be writing to: on the hangup it
 * keeps the half-typed value as a draft, and on a loaded machine that takes a while. Retries until the
 * writes stop (up to 30 s) instead of failing on ENOTEMPTY.
 */
export async function removeTempDir(dir: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      rmSync(dir, { recursive: true, force: true });
      return;
    } catch (err) {
      if (Date.now() - start > timeoutMs) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Temp dirs for the app's config and state (never the user's), made per test and removed by `removeAll`
 * after the test's apps were killed. A dir is forgotten before it is removed, so the next test always gets
 * a fresh one, even while a killed app is still writing its draft to the old one.
 */
export function appDirs(prefix: string) {
  const made: string[] = [];
  return {
    /** A new dir and the environment that points the app at it. */
    create(): { dir: string; env: Record<string, string> } {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      made.push(dir);
      return { dir, env: { BIFROST_TUI_CONFIG_DIR: join(dir, 'config'), BIFROST_TUI_STATE_DIR: join(dir, 'state') } };
    },
    async removeAll(): Promise<void> {
      for (const dir of made.splice(0)) await removeTempDir(dir);
    },
  };
}
