// Renders a terminal screen captured with `tmux capture-pane -p -e` as an SVG:
// a monospace grid on a dark background. Understands SGR only (colours 30-37,
// 90-97, 40-47, 100-107, 256/true colour, bold, dim, italic, underline,
// inverse and their resets); any other escape sequence is dropped. tmux emits
// attribute changes relative to the previous cell, across line ends too, so
// the style is carried from line to line.

/** Dark theme, indexes 0-15 as in the terminal's 16-colour palette. */
export const PALETTE = [
  '#1e2127', '#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2', '#c8ccd4',
  '#5c6370', '#ff7a85', '#b5e890', '#ffd68a', '#7cc3ff', '#de8ef5', '#6fd6e3', '#ffffff',
];
const DEFAULT_FG = '#c8ccd4';
const DEFAULT_BG = '#1b1e24';

const FONT_SIZE = 14;
const CELL_W = 8.4; // 0.6em: the advance of common monospace fonts
const CELL_H = 18;
const PAD = 14;

/** @typedef {{ fg: string|null, bg: string|null, bold: boolean, dim: boolean, italic: boolean, underline: boolean, inverse: boolean }} Style */

/** @returns {Style} */
const plain = () => ({ fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false });

function xterm256(n) {
  if (n < 16) return PALETTE[n];
  if (n < 232) {
    const i = n - 16;
    const step = (v) => (v === 0 ? 0 : 55 + v * 40);
    const [r, g, b] = [Math.floor(i / 36), Math.floor(i / 6) % 6, i % 6].map(step);
    return hex(r, g, b);
  }
  const v = 8 + (n - 232) * 10;
  return hex(v, v, v);
}

function hex(r, g, b) {
  return `#${[r, g, b].map((v) => Math.max(0, Math.min(255, v)).toString(16).padStart(2, '0')).join('')}`;
}

/** Applies one SGR parameter list to `s` (mutates). */
function applySgr(s, params) {
  const p = params.length === 0 ? [0] : params;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === 0) Object.assign(s, plain());
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 7) s.inverse = true;
    else if (c === 22) s.bold = s.dim = false;
    else if (c === 23) s.italic = false;
    else if (c === 24) s.underline = false;
    else if (c === 27) s.inverse = false;
    else if (c >= 30 && c <= 37) s.fg = PALETTE[c - 30];
    else if (c >= 90 && c <= 97) s.fg = PALETTE[c - 90 + 8];
    else if (c === 39) s.fg = null;
    else if (c >= 40 && c <= 47) s.bg = PALETTE[c - 40];
    else if (c >= 100 && c <= 107) s.bg = PALETTE[c - 100 + 8];
    else if (c === 49) s.bg = null;
    else if (c === 38 || c === 48) {
      let colour = null;
      if (p[i + 1] === 5 && p[i + 2] !== undefined) {
        colour = xterm256(p[i + 2]);
        i += 2;
      } else if (p[i + 1] === 2 && p[i + 4] !== undefined) {
        colour = hex(p[i + 2], p[i + 3], p[i + 4]);
        i += 4;
      }
      if (c === 38) s.fg = colour;
      else s.bg = colour;
    }
  }
}

/**
 * Parses captured text into rows of cells `{ ch, style }`.
 * @param {string} text
 * @returns {Array<Array<{ ch: string, style: Style }>>}
 */
export function parseAnsi(text) {
  const rows = [];
  let row = [];
  let style = plain();
  // CSI (ESC [ params final), OSC (ESC ] ... BEL/ST), other two-byte escapes.
  const re = /\x1b\[([0-9;:?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\r|\n|[^\x1b\r\n]/gu;
  for (const m of text.matchAll(re)) {
    const tok = m[0];
    if (m[2] !== undefined) {
      if (m[2] === 'm' && !m[1].startsWith('?')) {
        const params = m[1] === '' ? [] : m[1].split(/[;:]/).map((v) => (v === '' ? 0 : Number(v)));
        style = { ...style };
        applySgr(style, params);
      }
    } else if (tok === '\n') {
      rows.push(row);
      row = [];
    } else if (tok === '\r' || tok.startsWith('\x1b')) {
      // ignored
    } else {
      row.push({ ch: tok, style });
    }
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** Escapes text for XML content and attributes. */
export function escapeXml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);
}

function colours(style) {
  let fg = style.fg ?? DEFAULT_FG;
  let bg = style.bg;
  if (style.inverse) {
    [fg, bg] = [bg ?? DEFAULT_BG, fg];
  }
  return { fg, bg };
}

const sameLook = (a, b) => {
  const ca = colours(a);
  const cb = colours(b);
  return ca.fg === cb.fg && ca.bg === cb.bg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline;
};

/**
 * Renders a captured screen as an SVG document.
 * @param {string} ansi   output of `tmux capture-pane -p -e`
 * @param {{ columns: number, rows: number, title?: string }} opts
 * @returns {string}
 */
export function ansiToSvg(ansi, { columns, rows, title = 'terminal' }) {
  const grid = parseAnsi(ansi).slice(0, rows);
  const width = Math.round(columns * CELL_W + 2 * PAD);
  const height = Math.round(rows * CELL_H + 2 * PAD);
  const rects = [];
  const texts = [];
  grid.forEach((cells, y) => {
    const line = cells.slice(0, columns);
    // Backgrounds: merge neighbouring cells of one colour.
    for (let x = 0; x < line.length; ) {
      const { bg } = colours(line[x].style);
      let end = x + 1;
      while (end < line.length && colours(line[end].style).bg === bg) end++;
      if (bg) rects.push(`<rect x="${fmt(PAD + x * CELL_W)}" y="${fmt(PAD + y * CELL_H)}" width="${fmt((end - x) * CELL_W)}" height="${CELL_H}" fill="${bg}"/>`);
      x = end;
    }
    // Text: runs of one look; each run is pinned to its grid columns with textLength.
    for (let x = 0; x < line.length; ) {
      const style = line[x].style;
      let end = x + 1;
      while (end < line.length && sameLook(line[end].style, style)) end++;
      const run = line.slice(x, end).map((c) => c.ch).join('');
      const trimmed = run.replace(/ +$/, '');
      const lead = trimmed.length - trimmed.trimStart().length;
      const body = trimmed.trimStart();
      if (body !== '' || (style.underline && run !== '')) {
        const text = body === '' ? run : body;
        const col = x + (body === '' ? 0 : lead);
        const n = [...text].length;
        const { fg } = colours(style);
        const attrs = [
          `x="${fmt(PAD + col * CELL_W)}"`,
          `y="${fmt(PAD + y * CELL_H + CELL_H * 0.75)}"`,
          `textLength="${fmt(n * CELL_W)}"`,
          fg !== DEFAULT_FG ? `fill="${fg}"` : '',
          style.bold ? 'font-weight="bold"' : '',
          style.dim ? 'opacity="0.6"' : '',
          style.italic ? 'font-style="italic"' : '',
          style.underline ? 'text-decoration="underline"' : '',
        ].filter(Boolean);
        texts.push(`<text ${attrs.join(' ')}>${escapeXml(text)}</text>`);
      }
      x = end;
    }
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" rx="8" fill="${DEFAULT_BG}"/>`,
    `<g font-family="ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace" font-size="${FONT_SIZE}" fill="${DEFAULT_FG}" xml:space="preserve" style="white-space: pre">`,
    ...rects,
    ...texts,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

function fmt(n) {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
