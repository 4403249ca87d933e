/**
 * The provider list as the list screen reads it: one flat object per
 * provider holding only the fields the list shows, read straight from the
 * parsed reply.
 *
 * The list never sends a provider back (opening one GETs it again, through
 * the full loose schema of wire.ts), so it need not keep the objects whole;
 * and with 10,006 providers the full schema's parse allocated ~80 MB and
 * took ~150 ms on every load and every background refresh (npm run bench,
 * heap sampling), for ~4 MB of objects the list did not draw. The fields
 * read here are checked with the same types as ProviderSchema; the others
 * are left to the full parse of whoever needs them.
 */
import { fail, isObject, optionalBoolean, optionalNumber, optionalObject, optionalString } from './reply-shape.js';
import { jsonObjectStream, type JsonStreamReader } from './json-stream.js';

/** What the list shows of one configured provider. */
export interface ProviderSummary {
  name: string;
  /** `provider_status`: the runtime status (active, error, …). */
  providerStatus?: string;
  /** `status`: the gateway's operational note (e.g. list_models_failed). */
  status?: string;
  description?: string;
  /** `network_config.base_url`. */
  baseUrl?: string;
  concurrency?: number;
  bufferSize?: number;
  /** `proxy_config.type`. */
  proxyType?: string;
  /** Has a `custom_provider_config`. */
  custom: boolean;
  /** `custom_provider_config.base_provider_type`. */
  baseType?: string;
  /** `custom_provider_config.is_key_less`. */
  keyless: boolean;
}

/** One provider object of the list reply, at `path` (for messages). */
export function summarizeProvider(raw: unknown, path = 'provider'): ProviderSummary {
  if (!isObject(raw)) fail(path, 'object', raw);
  const name = raw.name;
  if (typeof name !== 'string') fail(`${path}.name`, 'string', name);
  const network = optionalObject(raw, 'network_config', path);
  const conc = optionalObject(raw, 'concurrency_and_buffer_size', path);
  const proxy = optionalObject(raw, 'proxy_config', path);
  const custom = optionalObject(raw, 'custom_provider_config', path);
  let baseType: string | undefined;
  if (custom) {
    baseType = custom.base_provider_type as string;
    if (typeof baseType !== 'string') fail(`${path}.custom_provider_config.base_provider_type`, 'string', baseType);
  }
  // Every field in one literal, in one order: all summaries share one shape, their fields stored inline.
  return {
    name,
    providerStatus: optionalString(raw, 'provider_status', path),
    status: optionalString(raw, 'status', path),
    description: optionalString(raw, 'description', path),
    baseUrl: network && optionalString(network, 'base_url', `${path}.network_config`),
    concurrency: conc && optionalNumber(conc, 'concurrency', `${path}.concurrency_and_buffer_size`),
    bufferSize: conc && optionalNumber(conc, 'buffer_size', `${path}.concurrency_and_buffer_size`),
    proxyType: proxy && optionalString(proxy, 'type', `${path}.proxy_config`),
    custom: custom !== undefined,
    baseType,
    keyless: custom !== undefined && optionalBoolean(custom, 'is_key_less', `${path}.custom_provider_config`) === true,
  };
}

/**
 * `GET /api/providers` as summaries: `{providers: [...] | null, total?}`.
 * `onProvider` sees each raw provider object first (the client notes a
 * gateway that lists keys inside its providers). Throws ListShapeError.
 */
export function summarizeProviderList(json: unknown, onProvider?: (raw: unknown) => void): ProviderSummary[] {
  if (!isObject(json)) fail('(root)', 'object', json);
  const list = json.providers;
  let out: ProviderSummary[] = [];
  if (list !== undefined && list !== null) {
    if (!Array.isArray(list)) fail('providers', 'array', list);
    out = new Array<ProviderSummary>(list.length);
    for (let i = 0; i < list.length; i++) {
      onProvider?.(list[i]);
      out[i] = summarizeProvider(list[i], `providers.${i}`);
    }
  }
  // Checked after the providers, as the full schema orders its members.
  if (json.total !== undefined && typeof json.total !== 'number') fail('total', 'number', json.total);
  return out;
}

/**
 * The same summaries, read from the reply's text as it arrives (see json-stream.ts): each provider is
 * parsed, summarized and dropped before the next one, so the list is never held whole. `result()` after
 * the reader's `end()`, when `identified()` (an object with a `providers` member); both throw
 * ReplyShapeError, the reader also JsonStreamSyntaxError.
 */
export function providerSummaryStream(onProvider?: (raw: unknown) => void): { reader: JsonStreamReader; result(): ProviderSummary[]; identified(): boolean } {
  let list: ProviderSummary[] = [];
  // A provider list at all: an object with a `providers` member (as the client identifies the route's reply).
  let identified = false;
  // A later member of the same name replaces an earlier one (as in JSON.parse), so a member's error
  // counts only if no later one replaces it: kept per member, thrown by `result`.
  const errors = new Map<string, unknown>();
  const check = (member: string, read: () => void): void => {
    try {
      read();
    } catch (err) {
      if (!errors.has(member)) errors.set(member, err);
    }
  };
  const reader = jsonObjectStream({
    arrayMember: 'providers',
    restart: () => {
      identified = true;
      list = [];
      errors.delete('providers');
    },
    element: (raw, i) => {
      if (errors.has('providers')) return;
      onProvider?.(raw);
      check('providers', () => void list.push(summarizeProvider(raw, `providers.${i}`)));
    },
    member: (key, value) => {
      if (key === 'providers') identified = true;
      errors.delete(key);
      if (key === 'providers') check(key, () => fail('providers', 'array', value));
      if (key === 'total') check(key, () => void (typeof value === 'number' || fail('total', 'number', value)));
    },
    notObject: () => {
      identified = false;
    },
  });
  return {
    reader,
    identified: () => identified,
    result() {
      // In the full schema's order of members.
      for (const member of ['providers', 'total']) if (errors.has(member)) throw errors.get(member);
      return list;
    },
  };
}
