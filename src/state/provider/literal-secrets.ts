/**
 * A provider as data (`providers get -o json|yaml`, `export`) with the
 * secrets a gateway showed plain masked the way the gateway masks them
 * (VERSIONS.md §2: v1.4 and v1.5 show a literal proxy URL and user name;
 * any line shows extra headers as they are). A reference stays a reference
 * and a value already masked stays as it is; so the data is still a valid
 * document for `apply`, where such a mask keeps the gateway's secret.
 */
import { isRedacted, isSecretName, isSecretPath, redactLikeGateway } from '../../api/secrets.js';
import { cloneJson } from '../../api/update-body.js';
import { isPlainObject } from '../json.js';
import { envVarRef, isEnvVarObject } from './env-var.js';

function masked(v: unknown): unknown {
  if (typeof v === 'string') return envVarRef(v) !== undefined || isRedacted(v) ? v : redactLikeGateway(v);
  if (isEnvVarObject(v) && envVarRef(v) === undefined && typeof v.value === 'string' && !isRedacted(v.value)) return { ...v, value: redactLikeGateway(v.value) };
  return v;
}

/** A copy of `provider` with every literal secret (proxy fields, the CA PEM, secret-named headers) masked like the gateway masks. */
export function maskLiteralSecrets<T>(provider: T): T {
  if (!isPlainObject(provider)) return provider;
  const copy = cloneJson(provider) as Record<string, unknown>;
  for (const block of ['network_config', 'proxy_config']) {
    const b = copy[block];
    if (!isPlainObject(b)) continue;
    for (const [k, v] of Object.entries(b)) if (isSecretPath(`${block}.${k}`)) b[k] = masked(v);
    const headers = b.extra_headers;
    if (block === 'network_config' && isPlainObject(headers)) {
      for (const [h, v] of Object.entries(headers)) if (isSecretName(h)) headers[h] = masked(v);
    }
  }
  return copy as T;
}
