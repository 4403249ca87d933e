/** The monkey's save check must catch what it is there to catch. */
import { describe, expect, it } from 'vitest';
import { checkSaveAgainstReview, changedLeaves, reviewBefore, storedMasks, type ReviewFrame } from './review-check.js';

const GATEWAY_COPY = {
  name: 'openai',
  network_config: { base_url: 'https://api.openai.com', max_retries: 2, extra_headers: { 'X-Org': 'a' } },
  proxy_config: null,
  send_back_raw_request: false,
  provider_status: 'active',
};

const review = (...lines: string[]): ReviewFrame => ({
  at: 0,
  text: [
    'bifrost-tui  http://127.0.0.1:1 · auth none › openai        1 changed',
    `Review: saving openai changes ${lines.length} field${lines.length === 1 ? '' : 's'} on the gateway`,
    ...lines.map((l) => `  ${l}`),
    'The complete object is sent (PUT); fields not listed go back unchanged. y saves, Esc goes back.',
  ].join('\n'),
});

const body = (change: (b: any) => void): Record<string, unknown> => {
  const b = structuredClone(GATEWAY_COPY) as any;
  delete b.name;
  delete b.provider_status;
  change(b);
  return b;
};

describe('checkSaveAgainstReview', () => {
  it('accepts a body that is the gateway copy plus exactly the listed change', () => {
    const sent = body((b) => (b.network_config.max_retries = 3));
    expect(checkSaveAgainstReview(review('~ network_config.max_retries: 2 → 3'), 'openai', GATEWAY_COPY, sent).problems).toEqual([]);
  });

  it('catches a change the review did not list', () => {
    const sent = body((b) => {
      b.network_config.max_retries = 3;
      b.send_back_raw_request = true;
    });
    expect(checkSaveAgainstReview(review('~ network_config.max_retries: 2 → 3'), 'openai', GATEWAY_COPY, sent).problems).toEqual([
      'openai: the body changes send_back_raw_request, which the review did not list',
    ]);
  });

  it('excuses only what another writer changed after the last re-check (no client could list it)', () => {
    // They set send_back_raw_request after the app's last read; the PUT built on that read reverts it.
    const theirs = { ...GATEWAY_COPY, send_back_raw_request: true };
    const sent = body((b) => (b.network_config.max_retries = 3));
    const shown = review('~ network_config.max_retries: 2 → 3');
    expect(checkSaveAgainstReview(shown, 'openai', theirs, sent, ['send_back_raw_request']).problems).toEqual([]);
    expect(checkSaveAgainstReview(shown, 'openai', theirs, sent, ['network_config.base_url']).problems).toEqual([
      'openai: the body changes send_back_raw_request, which the review did not list',
    ]);
  });

  it('catches a listed change that was not sent, or sent with another value', () => {
    expect(checkSaveAgainstReview(review('~ network_config.max_retries: 2 → 3'), 'openai', GATEWAY_COPY, body(() => undefined)).problems).toHaveLength(2);
    const other = checkSaveAgainstReview(review('~ network_config.max_retries: 2 → 3'), 'openai', GATEWAY_COPY, body((b) => (b.network_config.max_retries = 4))).problems;
    expect(other).toEqual(['openai: review showed "~ network_config.max_retries: 2 → 3" but the gateway received "~ network_config.max_retries: 2 → 4"']);
  });

  it('checks a removal, and a line cut short by a narrow terminal by its start', () => {
    const removed = body((b) => delete b.network_config.extra_headers['X-Org']);
    expect(checkSaveAgainstReview(review('- network_config.extra_headers.X-Org: "a"'), 'openai', GATEWAY_COPY, removed).problems).toEqual([]);
    const url = body((b) => (b.network_config.base_url = 'https://llm.example.com/v1/very/long'));
    expect(checkSaveAgainstReview(review('~ network_config.base_url: "https://api.openai.com" → "https://llm.exa…'), 'openai', GATEWAY_COPY, url).problems).toEqual([]);
  });

  it('says when it could not check the whole body (a review cut short, or no gateway copy)', () => {
    const sent = body((b) => (b.network_config.max_retries = 3));
    expect(checkSaveAgainstReview(review('~ network_config.max_retries: 2 → 3'), 'openai', GATEWAY_COPY, sent).complete).toBe(true);
    const cut = { at: 0, text: review('~ network_config.max_retries: 2 → 3').text.replace('changes 1 field', 'changes 3 fields') + '\n  … 2 more (j/k scroll)' };
    expect(checkSaveAgainstReview(cut, 'openai', GATEWAY_COPY, sent).complete).toBe(false);
    expect(checkSaveAgainstReview(review('~ network_config.max_retries: 2 → 3'), 'openai', undefined, sent).complete).toBe(false);
  });

  it('walks objects that appear where null was, and ignores read-only fields', () => {
    expect(changedLeaves({ proxy_config: null, status: 'x' }, { proxy_config: { type: 'http', url: 'u' } })).toEqual(['proxy_config.type', 'proxy_config.url']);
  });

  it('matches a PUT only with a review drawn by the app run that sent it (a quit app draws nothing)', () => {
    const drawn = (at: number, name: string): ReviewFrame => ({ at, text: review('~ network_config.max_retries: 2 → 3').text.replace('saving openai', `saving ${name}`) });
    const reviews = [drawn(10, 'openai'), drawn(20, 'groq'), drawn(40, 'openai')];
    expect(reviewBefore(reviews, [0], 'openai', 30)).toBe(reviews[0]);
    expect(reviewBefore(reviews, [0], 'openai', 50)).toBe(reviews[2]);
    expect(reviewBefore(reviews, [0], 'openai', 5)).toBeUndefined();
    // Relaunched at 25 (the user quit and started it again): the review of the run before does not count.
    expect(reviewBefore(reviews, [0, 25], 'openai', 30)).toBeUndefined();
    expect(reviewBefore(reviews, [0, 25], 'openai', 50)).toBe(reviews[2]);
  });
});

describe('storedMasks', () => {
  it('finds a secret stored as a mask, in objects and in objects inside lists', () => {
    const mask = `sk-p${'*'.repeat(24)}Qe1A`;
    expect(storedMasks({ keys: [{ value: mask, models: ['gpt-4o'] }], proxy_config: { password: '****' } })).toEqual(['keys.0.value', 'proxy_config.password']);
    expect(storedMasks({ keys: [{ value: { value: '<redacted>', env_var: '' } }] })).toEqual(['keys.0.value.value']);
  });

  it('reads a "*" in a model allow-list as the wildcard it is, not a mask', () => {
    expect(storedMasks({ keys: [{ value: 'sk-plain-secret', models: ['*'], blacklisted_models: ['*'] }] })).toEqual([]);
  });
});
