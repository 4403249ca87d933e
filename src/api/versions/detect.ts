/**
 * Finding a gateway's version (VERSIONS.md §1, §7.1): `GET /api/version`,
 * and when that names no release (`v1.0.0`, `vunknown`, absent, refused)
 * side-effect-free probes, cheapest first. Never a write: the malformed-PUT
 * probe of §1 is not used (nothing a client does differs between the lines
 * it would tell apart; see `candidates`).
 */
import { reportedVersion, type GatewayVersion, type VersionLine } from './gateway-version.js';
import { secretObjectShape } from './secret-dialect.js';

/** The reads detection may make; the client implements them. */
export interface VersionProbes {
  /** The string `GET /api/version` answered, or undefined when it gave none (absent route, not JSON, an error status). */
  reported(): Promise<string | undefined>;
  /** The provider list (the client may answer from a list it already has). */
  providers(): Promise<readonly Record<string, unknown>[]>;
  /** A provider's keys from its key route; `absent` when the route is not there (v1.4 answers the dashboard). */
  keysOf(provider: string): Promise<readonly unknown[] | 'absent'>;
  /** `GET /api/session/is-auth-enabled`, or undefined when it failed. */
  authStatus(): Promise<Record<string, unknown> | undefined>;
}

const AFTER_V14: readonly VersionLine[] = ['v1.5', 'v1.6', 'v2'];
const SECRET_VAR_LINES: readonly VersionLine[] = ['v1.6', 'v2'];

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Every secret-looking object one level under the given objects (key values, proxy fields, key config fields). */
function secretObjects(objects: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const o of objects) {
    for (const v of Object.values(record(o) ?? {})) {
      if (secretObjectShape(v)) out.push(v);
      else for (const inner of Object.values(record(v) ?? {})) if (secretObjectShape(inner)) out.push(inner);
    }
  }
  return out;
}

/** Narrows the candidate lines by the secret shapes seen: EnvVar objects are v1.5, SecretVar objects v1.6 or later. */
function bySecretShapes(candidates: readonly VersionLine[], objects: readonly unknown[]): readonly VersionLine[] {
  const shapes = new Set(secretObjects(objects).map(secretObjectShape));
  if (shapes.has('secret-var')) return candidates.filter((l) => SECRET_VAR_LINES.includes(l));
  if (shapes.has('env-var')) return candidates.filter((l) => l === 'v1.5');
  return candidates;
}

export async function detectVersion(probes: VersionProbes): Promise<GatewayVersion> {
  const text = await probes.reported();
  const reported = reportedVersion(text);
  if (reported) return reported;
  const probed = (candidates: readonly VersionLine[]): GatewayVersion => ({
    line: candidates[0] ?? 'v1.5',
    via: 'probed',
    ...(text !== undefined ? { reported: text } : {}),
    ...(candidates.length > 1 ? { candidates } : {}),
  });

  const providers = await probes.providers();
  if (providers.some((p) => Array.isArray(p.keys))) return probed(['v1.4']);
  let candidates: readonly VersionLine[] = AFTER_V14;
  if (providers.some((p) => 'ignore_provider_cost' in p)) candidates = ['v2'];
  candidates = bySecretShapes(candidates, providers.map((p) => p.proxy_config));
  if (candidates.length <= 1) return probed(candidates);

  // A provider's key route: the dashboard's HTML on v1.4 (no key routes), else its keys and their secret shapes.
  const keys = await probes.keysOf(typeof providers[0]?.name === 'string' ? providers[0].name : 'openai');
  if (keys === 'absent') return probed(['v1.4']);
  candidates = bySecretShapes(candidates, keys);
  if (candidates.length <= 1) return probed(candidates);

  // The v2.2.6 setup lock adds two fields to the public auth status.
  const status = await probes.authStatus();
  if (status && ('setup_required' in status || 'setup_token_configured' in status)) candidates = candidates.filter((l) => l === 'v2');
  return probed(candidates);
}
