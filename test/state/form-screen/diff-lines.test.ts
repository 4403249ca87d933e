import { describe, expect, it } from 'vitest';
import { diffObjects } from '../../../src/state/provider/diff.js';
import { diffDocLines, wrapText } from '../../../src/state/form-screen/diff-lines.js';

describe('review lines: every value in full', () => {
  it('a change that fits stays on one line', () => {
    const lines = diffDocLines(diffObjects({ network_config: { max_retries: 2 } }, { network_config: { max_retries: 9 } }), 80);
    expect(lines).toEqual([{ text: '  ~ network_config.max_retries: 2 → 9', kind: 'changed' }]);
  });

  it('a long value wraps onto lines that fit, and nothing is cut', () => {
    const url = `https://api.example.com/${'x'.repeat(150)}`;
    const lines = diffDocLines(diffObjects({ network_config: { base_url: 'https://a' } }, { network_config: { base_url: url } }), 40);
    for (const l of lines) expect(Array.from(l.text).length).toBeLessThanOrEqual(40);
    expect(lines.map((l) => l.text.trim()).join('')).toContain(`now: "${url}"`);
    expect(lines.some((l) => l.text.startsWith(' ') && l.text.trim().startsWith('~ network_config.base_url'))).toBe(true);
  });

  it('maps and arrays are indented JSON lines; secrets inside stay masked', () => {
    const after = { name: 'openai', pricing_overrides: [{ model: 'gpt-4o', input_cost_per_token: 0.0000025 }], network_config: { extra_headers: { Authorization: 'Bearer sk-verysecretvalue1234' } } };
    const lines = diffDocLines(diffObjects({ name: 'openai' }, after), 100).map((l) => l.text);
    expect(lines.slice(0, 4)).toEqual(['  + pricing_overrides:', '      [', '        {', '          "model": "gpt-4o",']);
    expect(lines.join('\n')).not.toContain('verysecretvalue');
  });

  it('wrapping never starts a continuation with a stray space beyond the indent', () => {
    expect(wrapText('abcdefghij', 4, '  ')).toEqual(['abcd', '  ef', '  gh', '  ij']);
  });
});
