/**
 * Test support: loads the upstream OpenAPI YAML in test/fixtures/bifrost-openapi (vendored),
 * finds every `example`/`examples` value, and builds sample instances from the
 * schemas (the upstream files carry almost no object examples, so samples are
 * what actually exercises our zod schemas against the spec's shapes).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const OPENAPI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/bifrost-openapi');

type Json = unknown;
type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(entry)) out.push(full);
  }
  return out.sort();
}

const docs = new Map<string, Json>();
/** The parsed YAML document at an absolute path. */
export function loadDoc(file: string): Json {
  let doc = docs.get(file);
  if (doc === undefined) {
    doc = parseYaml(readFileSync(file, 'utf8')) as Json;
    docs.set(file, doc);
  }
  return doc;
}

/** Every YAML file under the OpenAPI folder, as absolute paths. */
export function openapiFiles(): string[] {
  return yamlFiles(OPENAPI_DIR);
}

/** One `example` or `examples` value found in the YAML. */
export interface FoundExample {
  /** File relative to the OpenAPI folder. */
  file: string;
  /** JSON-pointer-ish path to the node that holds the example. */
  at: string[];
  value: Json;
}

/** Walks every file for `example:` values and `examples:` (a list, or a map of `{value}` objects). */
export function findExamples(): FoundExample[] {
  const found: FoundExample[] = [];
  const walk = (node: Json, at: string[], file: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, [...at, String(i)], file));
      return;
    }
    if (!isNode(node)) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'example') found.push({ file, at, value: child });
      else if (key === 'examples' && Array.isArray(child)) child.forEach((v) => found.push({ file, at, value: v }));
      else if (key === 'examples' && isNode(child)) {
        for (const ex of Object.values(child)) if (isNode(ex) && 'value' in ex) found.push({ file, at, value: ex.value });
      } else walk(child, [...at, key], file);
    }
  };
  for (const file of openapiFiles()) walk(loadDoc(file), [], relative(OPENAPI_DIR, file));
  return found;
}

/** Resolves a `$ref` relative to `fromFile`. The path files point at `openapi.yaml`, kept here as an excerpt. */
export function resolveRef(ref: string, fromFile: string): { node: Json; file: string } {
  const [filePart, pointer = ''] = ref.split('#');
  let file = filePart ? resolve(dirname(fromFile), filePart) : fromFile;
  if (file.endsWith('/openapi.yaml')) file = file.replace(/openapi\.yaml$/, 'openapi.excerpt.yaml');
  let node: Json = loadDoc(file);
  for (const seg of pointer.split('/').filter(Boolean)) {
    node = isNode(node) ? node[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  if (node === undefined) throw new Error(`unresolved $ref ${ref} from ${fromFile}`);
  return { node, file };
}

/** A schema by name from a file under the OpenAPI folder, e.g. ('schemas/management/providers.yaml', 'ProviderResponse'). */
export function schemaRef(file: string, name: string): { node: Json; file: string } {
  const abs = join(OPENAPI_DIR, file);
  return { node: (loadDoc(abs) as Node)[name], file: abs };
}

/**
 * A sample instance with every declared property filled. `branch` picks the
 * `oneOf`/`anyOf` alternative (clamped), so each EnvVar form can be tried.
 */
export function sampleFrom(schema: Json, file: string, branch = 0, depth = 0): Json {
  if (depth > 12 || !isNode(schema)) return null;
  if (typeof schema.$ref === 'string' && !schema.properties && !schema.type) {
    const { node, file: f } = resolveRef(schema.$ref, file);
    return sampleFrom(node, f, branch, depth + 1);
  }
  const alts = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (Array.isArray(alts) && alts.length) return sampleFrom(alts[Math.min(branch, alts.length - 1)], file, branch, depth + 1);
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (schema.example !== undefined) return schema.example;
  switch (schema.type) {
    case 'string':
      return 'sample';
    case 'integer':
      return 7;
    case 'number':
      return 0.5;
    case 'boolean':
      return true;
    case 'array':
      return [sampleFrom(schema.items, file, branch, depth + 1)];
  }
  if (schema.type === 'object' || isNode(schema.properties) || schema.additionalProperties) {
    const out: Node = {};
    if (isNode(schema.properties)) {
      for (const [k, v] of Object.entries(schema.properties)) out[k] = sampleFrom(v, file, branch, depth + 1);
    }
    if (isNode(schema.additionalProperties)) out['x-extra'] = sampleFrom(schema.additionalProperties, file, branch, depth + 1);
    if (typeof schema.$ref === 'string') Object.assign(out, sampleFrom({ $ref: schema.$ref }, file, branch, depth + 1));
    return out;
  }
  return null;
}

/** Each 2xx/error JSON response body schema declared in a paths file: `{operationId, status, schema, file}`. */
export function responseBodies(pathsFile: string): { op: string; status: string; schema: Json; media: Node; file: string }[] {
  const abs = join(OPENAPI_DIR, pathsFile);
  const out: { op: string; status: string; schema: Json; media: Node; file: string }[] = [];
  for (const item of Object.values(loadDoc(abs) as Node)) {
    if (!isNode(item)) continue;
    for (const op of Object.values(item)) {
      if (!isNode(op) || !isNode(op.responses)) continue;
      for (const [status, raw] of Object.entries(op.responses)) {
        let resp: Json = raw;
        let file = abs;
        if (isNode(resp) && typeof resp.$ref === 'string') {
          try {
            ({ node: resp, file } = resolveRef(resp.$ref, abs));
          } catch {
            continue; // e.g. components/responses/NotFound, absent from the older openapi.yaml excerpt
          }
        }
        const media = isNode(resp) && isNode(resp.content) ? resp.content['application/json'] : undefined;
        if (isNode(media)) out.push({ op: String(op.operationId), status, schema: media.schema, media, file });
      }
    }
  }
  return out;
}
