/**
 * The provider list read as it arrives gives what the whole reply parsed at
 * once gives: the same summaries, the same first error, and a refusal of
 * exactly the texts JSON.parse refuses, wherever the chunks are cut.
 * Seeded, so a failure names a replayable case.
 */
import { describe, expect, it } from 'vitest';
import { providerSummaryStream, summarizeProviderList } from '../../src/api/provider-summary.js';
import { JsonStreamSyntaxError } from '../../src/api/json-stream.js';
import { seededRandom } from '../helpers/seeded-random.js';


const STRINGS = ['openai', 'a"b', 'back\\slash', 'üñí', '漢字', '🙂', '\u2028', 'x\ny', '{[]}', '', 'active', 'error', 'list_models_failed'];

function randomValue(r: () => number, depth: number): unknown {
  const pick = r();
  if (depth > 3 || pick < 0.35) {
    const k = Math.floor(r() * 6);
    return [null, true, false, Math.floor(r() * 1e6) / (r() < 0.5 ? 1 : 100), -3e-7, STRINGS[Math.floor(r() * STRINGS.length)]][k];
  }
  if (pick < 0.6) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 4); i > 0; i--) o[STRINGS[Math.floor(r() * STRINGS.length)]!] = randomValue(r, depth + 1);
  return o;
}

function randomProvider(r: () => number, i: number): unknown {
  if (r() < 0.03) return randomValue(r, 3);
  const p: Record<string, unknown> = { name: r() < 0.02 ? 5 : `p-${i}` };
  if (r() < 0.8) p.network_config = r() < 0.05 ? 'x' : { base_url: r() < 0.05 ? 1 : `https://p${i}.example.com`, extra: randomValue(r, 1) };
  if (r() < 0.7) p.concurrency_and_buffer_size = { concurrency: Math.floor(r() * 100), buffer_size: r() < 0.05 ? '5' : 10 };
  if (r() < 0.3) p.proxy_config = r() < 0.3 ? null : { type: ['none', 'http'][Math.floor(r() * 2)] };
  if (r() < 0.3) p.custom_provider_config = { base_provider_type: r() < 0.05 ? null : 'openai', is_key_less: r() < 0.5 };
  if (r() < 0.9) p.provider_status = STRINGS[Math.floor(r() * STRINGS.length)];
  if (r() < 0.2) p.status = 'list_models_failed';
  if (r() < 0.3) p.unknown_field = randomValue(r, 1);
  return p;
}

/** A reply text: usually the gateway's shape, with whitespace, duplicates and odd members now and then. */
function randomReply(r: () => number): string {
  const ws = (): string => ['', ' ', '\n  ', '\t', '\r\n'][Math.floor(r() * 5)]!;
  if (r() < 0.05) return JSON.stringify(randomValue(r, 0));
  if (r() < 0.03) return `{"error":{"message":"nope"}}`;
  const members: string[] = [];
  const count = Math.floor(r() * 12);
  const list = (): string => (r() < 0.1 ? 'null' : `[${ws()}${Array.from({ length: count }, (_, i) => JSON.stringify(randomProvider(r, i), null, r() < 0.2 ? 2 : undefined)).join(`${ws()},${ws()}`)}${ws()}]`);
  members.push(`"providers"${ws()}:${ws()}${list()}`);
  if (r() < 0.5) members.push(`"total":${ws()}${r() < 0.1 ? '"7"' : count}`);
  if (r() < 0.2) members.push(`"provid\\u0065rs":${list()}`);
  if (r() < 0.2) members.push(`"extra":${JSON.stringify(randomValue(r, 0))}`);
  if (r() < 0.3) members.reverse();
  return `${ws()}{${ws()}${members.join(`${ws()},${ws()}`)}${ws()}}${ws()}`;
}

/** A text JSON.parse may refuse: a character removed, doubled or replaced. */
function mutate(r: () => number, text: string): string {
  const at = Math.floor(r() * text.length);
  const c = ['"', '}', ']', ',', ':', '\\', 'x', '{'][Math.floor(r() * 8)]!;
  const k = r();
  if (k < 0.33) return text.slice(0, at) + text.slice(at + 1);
  if (k < 0.66) return text.slice(0, at) + c + text.slice(at);
  return text.slice(0, at) + c + text.slice(at + 1);
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

function whole(text: string): Outcome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: text.trim() === '' ? 'empty body' : 'body is not JSON' };
  }
  // The client tells a reply that is not a provider list at all (no `providers` member) as not Bifrost.
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !('providers' in json)) return { ok: false, error: 'not a provider list' };
  try {
    return { ok: true, value: summarizeProviderList(json) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

function streamed(text: string, r: () => number): Outcome {
  const s = providerSummaryStream();
  try {
    for (let i = 0; i < text.length; ) {
      const n = 1 + Math.floor(r() * (r() < 0.3 ? 4 : 200));
      s.reader.push(text.slice(i, i + n));
      i += n;
    }
    s.reader.end();
    if (!s.identified()) return { ok: false, error: 'not a provider list' };
    return { ok: true, value: s.result() };
  } catch (err) {
    if (err instanceof JsonStreamSyntaxError) return { ok: false, error: err.message };
    return { ok: false, error: (err as Error).message };
  }
}

describe('the provider list read as it arrives', () => {
  it('gives what JSON.parse and the summaries of the whole reply give, for 3,000 seeded replies cut anywhere (lists, other JSON, broken text)', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const r = seededRandom(seed);
      let text = randomReply(r);
      if (r() < 0.4) text = mutate(r, text);
      const want = whole(text);
      const got = streamed(text, r);
      expect(got, `seed ${seed}: ${JSON.stringify(text).slice(0, 300)}`).toEqual(want);
    }
  });

  it('reads a 2,000-provider list pushed in 64 KiB pieces', () => {
    const providers = Array.from({ length: 2000 }, (_, i) => ({ name: `bench-${i}`, network_config: { base_url: `https://b${i}.example.com` }, provider_status: 'active' }));
    const text = JSON.stringify({ providers, total: providers.length });
    const s = providerSummaryStream();
    for (let i = 0; i < text.length; i += 65536) s.reader.push(text.slice(i, i + 65536));
    s.reader.end();
    expect(s.result()).toEqual(summarizeProviderList(JSON.parse(text)));
  });
});
