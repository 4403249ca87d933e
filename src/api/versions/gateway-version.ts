/**
 * Which Bifrost release a gateway runs (VERSIONS.md §1): the text of
 * `GET /api/version`, its release line, and how it is shown. Pure.
 */

/** The release lines whose management APIs differ (VERSIONS.md §0), oldest first. */
export const VERSION_LINES = ['v1.4', 'v1.5', 'v1.6', 'v2'] as const;
export type VersionLine = (typeof VERSION_LINES)[number];

/** A release as numbers. */
export interface Release {
  major: number;
  minor: number;
  patch: number;
}

/** What the client knows about a gateway's version. */
export interface GatewayVersion {
  /** The line whose rules apply. */
  line: VersionLine;
  /** The release, when the gateway reported a usable one. */
  release?: Release;
  /** What `GET /api/version` answered, as sent (`v1.5.2`, `v1.0.0`, `vunknown`); absent when it gave no string. */
  reported?: string;
  /** `reported`: from `/api/version`; `probed`: from side-effect-free reads (VERSIONS.md §1, second table). */
  via: 'reported' | 'probed';
  /**
   * Probed only: every line the probes could not rule out, oldest first (the rules of
   * `line`, the oldest, apply: they are the safe side for a client that always sends
   * complete objects). Absent or one entry: the line is certain.
   */
  candidates?: readonly VersionLine[];
}

/** What a build without a release version reports (`-X main.Version` unset, or the Docker build arg missing). */
const DEV_BUILDS: ReadonlySet<string> = new Set(['v1.0.0', 'vunknown', 'unknown', '']);

const RELEASE_TEXT = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.+-]*)?$/;

/** The release in a `/api/version` text, or undefined for a dev build (`v1.0.0`, `vunknown`) or anything else. */
export function parseRelease(text: string | undefined): Release | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (DEV_BUILDS.has(t.toLowerCase())) return undefined;
  const m = RELEASE_TEXT.exec(t);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
}

/** The line a release belongs to: before 1.5 counts as v1.4, 1.6 to 1.x as v1.6, 2 and later as v2. */
export function lineOf(r: Release): VersionLine {
  if (r.major < 1 || (r.major === 1 && r.minor <= 4)) return 'v1.4';
  if (r.major === 1 && r.minor === 5) return 'v1.5';
  if (r.major === 1) return 'v1.6';
  return 'v2';
}

/** Negative, 0 or positive as `a` is older, the same as, or newer than `b`. */
export function compareRelease(a: Release, b: Release): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** `"1.4.8"` → a Release (for the table's sub-rules). */
export function release(text: string): Release {
  const r = parseRelease(text);
  if (!r) throw new Error(`not a release: ${text}`);
  return r;
}

/** A version reported by `/api/version`, or undefined when the text names no release. */
export function reportedVersion(text: string | undefined): GatewayVersion | undefined {
  const r = parseRelease(text);
  if (!r || text === undefined) return undefined;
  return { line: lineOf(r), release: r, reported: text.trim(), via: 'reported' };
}

/** True when the lines are certain (reported, or probes that left one line). */
export function isCertain(v: GatewayVersion): boolean {
  return v.via === 'reported' || (v.candidates?.length ?? 1) <= 1;
}

/**
 * How a version is shown: `v1.5.2` when reported; `v1.4 (probed)` or
 * `v1.5+ (probed)` when found by probing (`+`: a newer line could not be ruled out).
 */
export function formatGatewayVersion(v: GatewayVersion): string {
  if (v.via === 'reported' && v.release) return `v${v.release.major}.${v.release.minor}.${v.release.patch}`;
  const plus = isCertain(v) ? '' : '+';
  return `${v.line}${plus} (probed)`;
}
