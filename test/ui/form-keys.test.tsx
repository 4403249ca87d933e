/**
 * The form's prompt keys as the keymap binds them: what each does in each mode, what the footer and the
 * `?` help say about them. The PEM prompt's ^E opens $EDITOR, and the footer and the help say so.
 */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { promptLine } from '../../src/ui/keymap.js';
import { scopesFor } from '../../src/ui/screens/form/form-keys.js';
import { Footer } from '../../src/ui/widgets/footer.js';
import { helpLines } from '../../src/ui/widgets/help-overlay.js';
import { formIn, press } from './form-key-states.js';

const ENTER = '\r', ESC = '\x1b', CTRL_C = '\x03', CTRL_S = '\x13', CTRL_E = '\x05', DOWN = '\x1b[B';

describe('the form\'s prompt keys', () => {
  it('editing a field: Enter keeps, Esc and ^C cancel, ^S keeps and saves, ^E goes to the end of the line', () => {
    const s = formIn('edit');
    expect(press(s, ENTER)).toEqual(['commit-edit']);
    expect(press(s, ESC)).toEqual(['cancel']);
    expect(press(s, CTRL_C)).toEqual(['cancel']);
    expect(press(s, CTRL_S)).toEqual(['commit-edit', 'save-requested']);
    expect(press(s, CTRL_E)).toEqual(['line:end']);
  });

  it('the PEM prompt: ^E opens $EDITOR, Enter loads the typed path (nothing typed: nothing), Esc and ^C cancel', () => {
    const s = formIn('pem');
    expect(s.mode.kind).toBe('pem');
    expect(press(s, CTRL_E)).toEqual(['editPemInEditor']);
    expect(press(s, ENTER)).toEqual([]);
    const typed = { ...s, mode: s.mode.kind === 'pem' ? { ...s.mode, editor: { text: '/tmp/ca.pem', cursor: 11 } } : s.mode };
    expect(press(typed, ENTER)).toEqual(['loadPemFile']);
    expect(press(s, ESC)).toEqual(['cancel']);
    expect(press(s, CTRL_C)).toEqual(['cancel']);
    expect(press(s, CTRL_S)).toEqual([]);
  });

  it('a map entry, the request-type filter, the check before the review and the leave prompt', () => {
    const m = formIn('mapEntry');
    expect([ENTER, ESC, CTRL_C].map((k) => press(m, k))).toEqual([['map:map-commit'], ['map:map-cancel'], ['map:map-cancel']]);
    const f = formIn('flagsFilter');
    expect([ENTER, DOWN, ESC, CTRL_C].map((k) => press(f, k)))
      .toEqual([['flags:flags-filter-done'], ['flags:flags-filter-done'], ['flags:flags-filter-clear'], ['flags:flags-filter-clear']]);
    const c = formIn('checking');
    expect(c.mode.kind).toBe('checking');
    expect([ESC, CTRL_C, ENTER].map((k) => press(c, k))).toEqual([['cancel'], ['cancel'], []]);
    const l = formIn('leave');
    expect([ESC, CTRL_C, 'n'].map((k) => press(l, k))).toEqual([['cancel'], ['cancel'], ['cancel']]);
  });

  it('the PEM prompt\'s footer lists ^E $EDITOR; its prompt line comes from the table', () => {
    const s = formIn('pem');
    const footer = render(<Footer scopes={scopesFor(s)} width={100} />);
    expect(footer.lastFrame()).toMatch(/Enter load file\s+\^E \$EDITOR\s+Esc cancel/);
    footer.unmount();
    expect(promptLine('pemPrompt')).toBe('PEM: type a file path and Enter to load it · ^E open in $EDITOR · Esc cancels');
  });

  it('the form\'s ? help shows ^E as "open in $EDITOR" in the PEM prompt, beside the line-editing keys', () => {
    const [help] = press(formIn('browse'), '?');
    const lines = helpLines(help!.replace(/^help:/, '').split(',') as never);
    const pem = lines.findIndex((l) => l.title?.startsWith('PEM field'));
    expect(pem).toBeGreaterThanOrEqual(0);
    const section = lines.slice(pem + 1, lines.findIndex((l, i) => i > pem && l.title));
    expect(section).toContainEqual({ keys: '^E', help: expect.stringMatching(/^open in \$EDITOR/) });
    expect(lines).toContainEqual({ keys: 'End ^E', help: 'end of line (^E opens $EDITOR in the PEM prompt)' });
  });
});
