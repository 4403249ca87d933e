/** The app as one script: the entry's own bytes when it loads no other file (merged: []), else all of them merged. */
export function selfContainedApp(entry: string): Promise<{ source: string; merged: string[] }>;
