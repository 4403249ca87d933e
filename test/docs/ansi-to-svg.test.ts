/** The ANSI -> SVG converter behind `npm run media`. */
import { describe, expect, it } from 'vitest';
import { PALETTE, ansiToSvg, parseAnsi } from '../../scripts/media/ansi-to-svg.mjs';

const ESC = '\x1b';

describe('ansi-to-svg', () => {
  it('parses combined SGR parameters and carries the style across lines, as tmux emits it', () => {
    const rows = parseAnsi(`${ESC}[0;1;7m${ESC}[36mA${ESC}[39mB\nC${ESC}[0mD\n`);
    expect(rows).toHaveLength(2);
    expect(rows[0]![0]!.style).toMatchObject({ bold: true, inverse: true, fg: PALETTE[6] });
    expect(rows[0]![1]!.style).toMatchObject({ bold: true, inverse: true, fg: null });
    expect(rows[1]![0]!.style).toMatchObject({ bold: true, inverse: true });
    expect(rows[1]![1]!.style).toMatchObject({ bold: false, inverse: false });
  });

  it('maps 30-37, 90-97 and 40-47 to the palette and ignores other escapes', () => {
    const [row] = parseAnsi(`${ESC}[31mr${ESC}[92mg${ESC}[45mm${ESC}[?25l${ESC}]0;title\x07x`);
    expect(row!.map((c) => c.ch).join('')).toBe('rgmx');
    expect(row![0]!.style.fg).toBe(PALETTE[1]);
    expect(row![1]!.style.fg).toBe(PALETTE[10]);
    expect(row![2]!.style.bg).toBe(PALETTE[5]);
  });

  it('draws inverse as swapped colours, dim as opacity, and escapes XML', () => {
    const svg = ansiToSvg(`${ESC}[7m<a & b>${ESC}[0m ${ESC}[2m"dim"\n`, { columns: 20, rows: 2, title: 'x < y' });
    expect(svg).toContain('<title>x &lt; y</title>');
    expect(svg).toContain('&lt;a &amp; b&gt;');
    expect(svg).toContain('&quot;dim&quot;</text>');
    expect(svg).toMatch(/<rect x="14" y="14" width="58.8" height="18" fill="#c8ccd4"\/>/);
    expect(svg).toMatch(/opacity="0.6">&quot;dim/);
    expect(svg).not.toMatch(/<text[^>]*>\s*<\/text>/);
  });
});
