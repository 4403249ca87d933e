/**
 * Jumping between form sections. Section numbers are fixed (1 Network … 7 Other fields, as the help
 * says), whatever sections a provider shows; a jump scrolls the section's header to the top of the
 * window and puts the cursor on its first field, so Enter edits that field instead of collapsing.
 */
import { SECTIONS } from '../provider/descriptors.js';
import type { SectionId } from '../provider/types.js';
import type { FormScreenState } from './form-screen-state.js';

/** Why a section is absent, in the words the status line uses. */
function absentReason(id: SectionId): string {
  switch (id) {
    case 'custom': return 'no Custom provider section on a built-in provider';
    case 'openai': return 'no OpenAI section: it is only shown for OpenAI and OpenAI-based providers';
    case 'other': return 'no Other fields section: every field of this provider is known to the form';
    default: return `no ${SECTIONS.find((s) => s.id === id)?.title ?? id} section on this provider`;
  }
}

/** Header at the top of the window, cursor on the first field (the header itself when collapsed). */
export function showSection(s: FormScreenState, header: number): FormScreenState {
  const row = s.rows[header];
  if (!row || row.type !== 'section') return s;
  const first = s.rows[header + 1];
  const cursor = first && first.type !== 'section' ? header + 1 : header;
  const scrollTop = Math.max(0, Math.min(header, s.rows.length - s.viewport));
  return { ...s, cursor, scrollTop, message: undefined };
}

/** `1`-`7`: the section with that fixed number (0-based `index`), or a message saying it is not there. */
export function jumpToSectionNumber(s: FormScreenState, index: number): FormScreenState {
  const id = SECTIONS[index]?.id;
  if (!id) return s;
  const header = s.rows.findIndex((r) => r.type === 'section' && r.section === id);
  if (header < 0) return { ...s, message: { text: absentReason(id), role: 'muted' } };
  return showSection(s, header);
}

/** Tab / Shift+Tab: the next or previous section shown, relative to the focused row's section. */
export function jumpToAdjacentSection(s: FormScreenState, direction: 1 | -1): FormScreenState {
  const headers = s.rows.flatMap((r, i) => (r.type === 'section' ? [i] : []));
  const current = s.rows[s.cursor]?.section;
  const at = headers.findIndex((i) => (s.rows[i] as { section: SectionId }).section === current);
  const target = headers[at + direction];
  return target === undefined ? s : showSection(s, target);
}
