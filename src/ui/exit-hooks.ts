/**
 * Work to do before the process ends on a signal (e.g. SIGHUP when an SSH
 * session drops): screens register a flush, the TUI runner calls them all.
 */
const hooks = new Set<() => void>();

export function registerBeforeExit(flush: () => void): () => void {
  hooks.add(flush);
  return () => {
    hooks.delete(flush);
  };
}

/** Runs every hook; one failing does not stop the others. */
export function runBeforeExit(): void {
  for (const h of [...hooks]) {
    try {
      h();
    } catch {
      // Best effort: the process is going away.
    }
  }
}
