/**
 * A running process named by more than its PID: PIDs are reused, so a lock
 * or a draft that names only a PID would count as held by whatever unrelated
 * process gets that number next. Where the system tells a process's start
 * time (Linux: /proc/PID/stat), the pair (PID, start time) names exactly one
 * process; elsewhere the PID alone is what there is.
 */
import fs from 'node:fs';

/** A process's start time in clock ticks since boot (Linux), as text; undefined where it cannot be read. */
export function processStartTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = fields[19]; // field 22 of the whole line
  return start && /^\d+$/.test(start) ? start : undefined;
}

/** Clock ticks per second of /proc/PID/stat (USER_HZ: 100 on every Linux architecture Node runs on). */
const USER_HZ = 100;

/**
 * When a process started, in ms since the epoch (Linux: boot time plus its
 * start in ticks); undefined where it cannot be read. Boot time is given in
 * whole seconds, so this may be up to a second early, never late.
 */
export function processStartedAtMs(pid: number): number | undefined {
  const start = processStartTime(pid);
  if (start === undefined) return undefined;
  let btime: number | undefined;
  try {
    const m = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'));
    btime = m ? Number(m[1]) : undefined;
  } catch {
    btime = undefined;
  }
  return btime === undefined ? undefined : btime * 1000 + (Number(start) * 1000) / USER_HZ;
}

let ownStart: string | undefined | null = null;
/** This process's start time (read once). */
export function ownStartTime(): string | undefined {
  if (ownStart === null) ownStart = processStartTime(process.pid);
  return ownStart;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when the process `pid` that started at `start` is still running on
 * this machine. A live PID with another start time is another process (the
 * PID was reused); without a recorded start time only the PID is checked.
 */
export function processAlive(pid: number, start: string | undefined): boolean {
  if (!pidAlive(pid)) return false;
  if (start === undefined) return true;
  const now = processStartTime(pid);
  return now === undefined || now === start;
}
