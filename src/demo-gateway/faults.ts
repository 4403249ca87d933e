/** Fault switches: matched per request by method and path prefix, optionally a limited number of times. */
import type { DemoFault } from './types.js';

interface Entry {
  fault: DemoFault;
  remaining: number;
}

export class FaultRegistry {
  private entries: Entry[] = [];

  /** Adds a fault; the returned function removes it. */
  add(fault: DemoFault): () => void {
    if (fault.times !== undefined && fault.times <= 0) return () => {};
    const entry: Entry = { fault: { ...fault }, remaining: fault.times ?? Number.POSITIVE_INFINITY };
    this.entries.push(entry);
    return () => {
      this.entries = this.entries.filter((e) => e !== entry);
    };
  }

  clear(): void {
    this.entries = [];
  }

  list(): DemoFault[] {
    return this.entries.map((e) => ({ ...e.fault }));
  }

  /** The first fault matching this request, consuming one of its `times`. */
  take(method: string, path: string): DemoFault | undefined {
    const entry = this.entries.find(
      (e) => (!e.fault.method || e.fault.method.toUpperCase() === method) && (!e.fault.path || path.startsWith(e.fault.path)),
    );
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.entries = this.entries.filter((e) => e !== entry);
    return entry.fault;
  }
}

const FAULT_KEYS: Record<keyof DemoFault, 'string' | 'number' | 'boolean'> = {
  method: 'string', path: 'string', latencyMs: 'number', status: 'number', message: 'string',
  rawBody: 'string', truncate: 'boolean', reset: 'boolean', hang: 'boolean', times: 'number',
};

/** Parses a DemoFault sent over HTTP (`POST /__demo/faults`); a string describes what is wrong. */
export function parseFault(v: unknown): DemoFault | string {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'body must be a JSON object (a DemoFault)';
  for (const [k, val] of Object.entries(v)) {
    const want = FAULT_KEYS[k as keyof DemoFault];
    if (!want) return `unknown fault field: ${k}`;
    if (typeof val !== want) return `fault field ${k} must be a ${want}`;
  }
  return v as DemoFault;
}
