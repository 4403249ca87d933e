/**
 * The config lock under the races that lost writes: a stale lock left by a dead process taken over by
 * several writers at once, and a full disk while the lock is written. Deterministic: another writer is
 * run at every step of the first one's takeover (and a third at every step of the second's), on the
 * real file system, and at no point may two of them hold the lock.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acquireFileLock, withFileLock, type LockHooks, type LockStep } from '../../src/store/file-lock.js';

let dir: string;
let file: string;
beforeEach(() => {
  holders.clear();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-filelock-'));
  file = path.join(dir, 'config.json');
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The PID of a process that has exited (one per test file: spawning one per scenario would dominate the run). */
let dead: number | undefined;
function deadPid(): number {
  dead ??= spawnSync(process.execPath, ['-e', '0']).pid!;
  return dead;
}

function plantStaleLock(pid: number): void {
  fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid, at: new Date().toISOString() }));
}

/** Who holds the lock now, as the test sees it: every acquire adds its name, every release removes it. */
const holders = new Set<string>();

/** Acquires as `name`, failing the test if anyone else holds it at that moment; undefined on a timeout. */
function acquire(name: string, timeoutMs: number, hooks?: LockHooks): (() => void) | undefined {
  let release: () => void;
  try {
    release = acquireFileLock(file, timeoutMs, hooks);
  } catch (err) {
    expect((err as Error).message).toMatch(/locked by process \d+/);
    return undefined;
  }
  expect([...holders], `${name} got the lock while it was held`).toEqual([]);
  holders.add(name);
  return () => {
    holders.delete(name);
    release();
  };
}

/** A hook that runs `act` once, right before the `at`-th step (counting from 0) of its locker. */
function at(index: number, act: () => void): LockHooks & { steps: LockStep[] } {
  const steps: LockStep[] = [];
  return {
    steps,
    beforeStep(step) {
      steps.push(step);
      if (steps.length - 1 === index) act();
    },
  };
}

/** How many hooked steps a lone takeover of a stale lock goes through. */
function takeoverSteps(): number {
  plantStaleLock(deadPid());
  const probe = at(-1, () => undefined);
  acquireFileLock(file, 1000, probe)();
  return probe.steps.length;
}

describe('stale lock takeover', () => {
  it('a second writer taking over at any step of the first one\'s takeover: never two holders, and the lock ends free', () => {
    const n = takeoverSteps();
    expect(n).toBeGreaterThanOrEqual(3);
    for (const keepHolding of [true, false]) {
      for (let i = 0; i < n; i++) {
        holders.clear();
        plantStaleLock(deadPid());
        let releaseB: (() => void) | undefined;
        let bGot = false;
        // B runs to its end while A is paused at step i. B may have to give up (A is mid-takeover and
        // would go on in real life); what it must never do is hold the lock together with A.
        const releaseA = acquire('A', 1, at(i, () => {
          releaseB = acquire('B', 20);
          bGot = releaseB !== undefined;
          if (!keepHolding) releaseB?.();
        }));
        expect(bGot || releaseA !== undefined, `nobody got the lock (step ${i})`).toBe(true);
        // B done and gone: A must get the lock.
        if (!keepHolding && bGot) expect(releaseA, `A never got the lock after B released it (step ${i})`).toBeDefined();
        releaseA?.();
        if (keepHolding) releaseB?.();
        expect(fs.readdirSync(dir)).toEqual([]);
      }
    }
  });

  it('three writers: a third one at any step of the second one\'s takeover, itself at any step of the first\'s', () => {
    const n = takeoverSteps();
    let scenarios = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        holders.clear();
        plantStaleLock(deadPid());
        const released: Array<() => void> = [];
        const releaseA = acquire('A', 1, at(i, () => {
          const releaseB = acquire('B', 1, at(j, () => {
            const releaseC = acquire('C', 20);
            if (releaseC) released.push(releaseC);
          }));
          if (releaseB) released.push(releaseB);
        }));
        if (releaseA) released.push(releaseA);
        // acquire() failed the test if two held it at once; one of them must hold it now.
        expect(holders.size, `scenario ${i}/${j}`).toBe(1);
        for (const r of released) r();
        expect(fs.readdirSync(dir)).toEqual([]);
        scenarios++;
      }
    }
    expect(scenarios).toBe(n * n);
  });

  it('a lock whose PID now belongs to another, unrelated process (PID reuse) is stale', () => {
    // PID 1 is alive, but it did not start at this time.
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: 1, start: '1', host: os.hostname(), token: 'ab'.repeat(16), at: new Date().toISOString() }));
    const release = acquire('A', 1);
    expect(release).toBeDefined();
    release!();
  });

  it('a live holder is waited for, then reported in one line', () => {
    const release = acquire('A', 1000)!;
    expect(() => withFileLock(file, 1, () => undefined)).toThrow(/config\.json\.lock: locked by process \d+ for more than 0\.001 s; nothing was changed/);
    release();
    expect(withFileLock(file, 1, () => 'ok')).toBe('ok');
  });
});

describe('a full disk while taking the lock', () => {
  it('leaves no lock behind: the next writer gets it at once', () => {
    const realWrite = fs.writeFileSync;
    vi.spyOn(fs, 'writeFileSync').mockImplementation((target, data, options) => {
      if (String(target).includes('.lock')) {
        // What the kernel does on ENOSPC: the file is created, the data is not written.
        fs.closeSync(fs.openSync(target as string, 'wx', 0o600));
        throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' });
      }
      return realWrite(target, data, options);
    });
    expect(() => withFileLock(file, 100, () => undefined)).toThrow(/ENOSPC/);
    vi.restoreAllMocks();
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(withFileLock(file, 100, () => 'written')).toBe('written');
  });
});
