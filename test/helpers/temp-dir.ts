import { rmSync } from 'node:fs';

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
