/**
 * Loads the upstream OpenAPI YAML (vendored in test/fixtures/bifrost-openapi) into ajv so
 * responses can be validated against the operation they answer.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import YAML from 'yaml';

export const OPENAPI_DIR = fileURLToPath(new URL('../fixtures/bifrost-openapi/', import.meta.url));

const FILES = [
  'openapi.excerpt.yaml',
  'paths/management/providers.yaml',
  'paths/management/session.yaml',
  'schemas/management/providers.yaml',
  'schemas/management/common.yaml',
  'schemas/management/session.yaml',
  'schemas/inference/common.yaml',
] as const;

const idOf = (file: string): string => pathToFileURL(OPENAPI_DIR + file).href;
const COMMON = idOf('schemas/inference/common.yaml');

type Doc = Record<string, any>;

/** The YAML files, parsed, keyed by their path under the openapi folder. */
export function loadDocs(): Record<string, Doc> {
  return Object.fromEntries(FILES.map((f) => [f, YAML.parse(readFileSync(OPENAPI_DIR + f, 'utf8')) as Doc]));
}

/**
 * The one deliberate deviation (CONTRACT.md §5.2): the spec types
 * `proxy_config.url/username/password/ca_cert_pem` as strings, but the server
 * holds them as secrets and sends objects: `{value, env_var, from_env}` up to
 * v1.5, `{value, ref, type}` from v1.6 (VERSIONS.md §4).
 */
function patchProxyEnvVar(schemas: Doc): void {
  const props = schemas.ProxyConfig.properties as Doc;
  for (const f of ['url', 'username', 'password', 'ca_cert_pem']) {
    if (props[f]?.type !== 'string') throw new Error(`spec changed: ProxyConfig.${f} is no longer a plain string`);
    props[f] = {
      oneOf: [
        { type: 'string' },
        {
          type: 'object',
          required: ['value', 'env_var', 'from_env'],
          properties: { value: { type: 'string' }, env_var: { type: 'string' }, from_env: { type: 'boolean' } },
          additionalProperties: false,
        },
        {
          type: 'object',
          required: ['value', 'type'],
          properties: { value: { type: 'string' }, ref: { type: 'string' }, type: { enum: ['plain_text', 'env', 'vault'] } },
          additionalProperties: false,
        },
      ],
    };
  }
}

/** Where each route template lives in the path files (the keys routes are not mounted in the older excerpt). */
const EXTRA_MOUNTS: Record<string, string> = {
  '/api/providers/{provider}/keys': './paths/management/providers.yaml#/provider-keys',
  '/api/providers/{provider}/keys/{key_id}': './paths/management/providers.yaml#/provider-key-by-id',
};

export interface SpecValidator {
  /** Validates a response body for the operation; throws when the spec declares no such response. */
  validate(template: string, method: string, status: number, body: unknown): ErrorObject[];
  /** Validates against one named schema, e.g. `schemas/inference/common.yaml#/BifrostError`. */
  validateSchema(ref: string, body: unknown): ErrorObject[];
}

export function specValidator(): SpecValidator {
  const docs = loadDocs();
  patchProxyEnvVar(docs['schemas/management/providers.yaml']!);
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  for (const [file, doc] of Object.entries(docs)) if (file !== 'openapi.excerpt.yaml') ajv.addSchema(doc, idOf(file));

  const mounts: Record<string, string> = { ...EXTRA_MOUNTS };
  for (const [template, item] of Object.entries(docs['openapi.excerpt.yaml']!.paths as Doc)) mounts[template] = (item as Doc).$ref;
  const compiled = new Map<string, ValidateFunction>();
  const run = (ref: string, body: unknown): ErrorObject[] => {
    let v = compiled.get(ref);
    if (!v) {
      v = ajv.compile({ $ref: ref });
      compiled.set(ref, v);
    }
    return v(body) ? [] : [...(v.errors ?? [])];
  };

  return {
    validate(template, method, status, body) {
      const mount = mounts[template];
      if (!mount) throw new Error(`no spec mount for ${template}`);
      const [file = '', pointer = ''] = mount.replace(/^\.\//, '').split('#/');
      const op = docs[file]?.[pointer]?.[method.toLowerCase()] as Doc | undefined;
      const response = op?.responses?.[String(status)] as Doc | undefined;
      if (!response) throw new Error(`spec declares no ${status} for ${method} ${template}`);
      if (typeof response.$ref === 'string') {
        // `../../openapi.yaml#/components/responses/X` does not resolve locally; each X
        // (BadRequest, InternalError, NotFound) is a BifrostError body (openapi/README.md).
        const m = /openapi\.yaml#\/components\/responses\/(BadRequest|InternalError|NotFound)$/.exec(response.$ref);
        if (!m) throw new Error(`unexpected response $ref ${response.$ref}`);
        return run(`${COMMON}#/BifrostError`, body);
      }
      const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
      return run(`${idOf(file)}#/${esc(pointer)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`, body);
    },
    validateSchema(ref, body) {
      const [file = '', pointer = ''] = ref.split('#/');
      return run(`${idOf(file)}#/${pointer}`, body);
    },
  };
}
