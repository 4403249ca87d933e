import { describe, expect, it } from 'vitest';
import type { Provider } from '../../../src/api/wire.js';
import { buildBody, dirtyCount } from '../../../src/state/provider/edit-model.js';
import { reduceFormScreen, type FormScreenAction } from '../../../src/state/form-screen/form-screen-reducer.js';
import { hasUnsavedWork } from '../../../src/state/form-screen/form-screen-steps.js';
import { initialFormScreen, type FormScreenState } from '../../../src/state/form-screen/form-screen-state.js';
import { draftOf } from '../../../src/ui/screens/form/use-form-controller.js';
import type { Draft } from '../../../src/state/local-types.js';
import { withoutTypedSecrets } from '../../../src/state/form-screen/draft-secrets.js';
import { CUSTOM_PROVIDER, OPENAI_PROVIDER, cloneFixture } from '../../fixtures/providers.js';
import { changesSince } from '../../../src/state/write-rules/conflict.js';

const RETRIES = 'network_config.max_retries';
const TIMEOUT = 'network_config.default_request_timeout_in_seconds';
const CONC = 'concurrency_and_buffer_size.concurrency';

const run = (s: FormScreenState, ...actions: FormScreenAction[]): FormScreenState => actions.reduce(reduceFormScreen, s);

/** The pipeline's answer when its re-check right before the write found `theirs` (null: deleted) instead of the reviewed copy. */
function recheckFound(s: FormScreenState, theirs: Provider | null): FormScreenAction {
  if (s.mode.kind !== 'saving') throw new Error('not saving');
  const { review } = s.mode;
  const outcome = theirs === null
    ? { kind: 'conflict' as const, reason: 'deleted' as const, target: review.target, current: null, theirs: [], overlaps: [] }
    : { kind: 'conflict' as const, reason: 'changed' as const, target: review.target, current: theirs, theirs: changesSince('provider', review.current, theirs), overlaps: [] };
  return { type: 'write-finished', at: '00:00:00', outcome };
}

function loaded(provider: Provider = OPENAI_PROVIDER, opts: { readOnly?: boolean; viewport?: number; draft?: Draft; isNew?: boolean } = {}): FormScreenState {
  const s = initialFormScreen(provider.name ?? 'x', opts.readOnly ?? false, opts.viewport ?? 10);
  return run(s, { type: 'load-started' }, { type: 'load-succeeded', provider, isNew: opts.isNew ?? false, ...(opts.draft ? { draft: opts.draft } : {}) });
}

const rowIndex = (s: FormScreenState, id: string): number => s.rows.findIndex((r) => (r.type === 'section' ? `section:${r.section}` : r.fieldId) === id);
const focused = (s: FormScreenState): string | undefined => {
  const r = s.rows[s.cursor];
  return r && (r.type === 'section' ? `section:${r.section}` : r.fieldId);
};
function focus(s: FormScreenState, id: string): FormScreenState {
  const i = rowIndex(s, id);
  if (i < 0) throw new Error(`no row ${id}`);
  const next = run(s, { type: 'move', delta: i - s.cursor });
  expect(focused(next)).toBe(id);
  return next;
}
/** Focus, Enter, replace the text, Enter: what typing a value does. */
function typeInto(s: FormScreenState, id: string, text: string): FormScreenState {
  return run(focus(s, id), { type: 'activate' }, { type: 'line', op: { type: 'clear-before' } }, { type: 'line', op: { type: 'end' } },
    { type: 'line', op: { type: 'clear-before' } }, { type: 'line', op: { type: 'insert', text } }, { type: 'commit-edit' });
}
const row = (s: FormScreenState, id: string) => {
  const r = s.rows[rowIndex(s, id)];
  if (!r || r.type !== 'field') throw new Error(`no field row ${id}`);
  return r;
};
/** A copy of the provider as a later GET would return it, changed by `change`. */
function fetched(p: Provider, change: (c: Record<string, any>) => void = () => undefined): Provider {
  const c = cloneFixture(p) as Record<string, any>;
  change(c);
  return c as Provider;
}

describe('form screen: loading', () => {
  it('load-succeeded builds the rows and focuses the first one', () => {
    const s = loaded();
    expect(s.phase).toBe('ready');
    expect(focused(s)).toBe('section:network');
    expect(s.rows.filter((r) => r.type === 'section').map((r) => (r.type === 'section' ? r.title : ''))).toEqual(['Network', 'Concurrency', 'Proxy', 'Raw data', 'OpenAI', 'Other fields']);
  });

  it('a failed first load is an error phase; a failed reload keeps the form and says why', () => {
    const failed = run(initialFormScreen('openai'), { type: 'load-started' }, { type: 'load-failed', message: '404 Not Found' });
    expect(failed.phase).toBe('error');
    expect(failed.loadError).toBe('404 Not Found');
    const edited = typeInto(loaded(), RETRIES, '5');
    const reloadFailed = run(edited, { type: 'load-started' }, { type: 'load-failed', message: 'connection refused' });
    expect(reloadFailed.phase).toBe('ready');
    expect(reloadFailed.message).toEqual({ text: 'connection refused', role: 'error' });
    expect(reloadFailed.form.edits).toBe(edited.form.edits);
  });

  it('a new (unconfigured) provider says that saving creates it', () => {
    const s = loaded({ name: 'mistral', concurrency_and_buffer_size: { concurrency: 1000, buffer_size: 5000 } }, { isNew: true });
    expect(s.isNew).toBe(true);
    expect(s.message?.text).toMatch(/mistral is not configured on this gateway yet: saving creates it/);
  });
});

describe('form screen: cursor, sections, collapse', () => {
  it('moves are clamped; page and first/last keep the cursor inside the window', () => {
    const s = loaded();
    expect(run(s, { type: 'move', delta: -3 }).cursor).toBe(0);
    const last = run(s, { type: 'last' });
    expect(last.cursor).toBe(s.rows.length - 1);
    expect(last.scrollTop).toBe(s.rows.length - 10);
    expect(run(last, { type: 'move', delta: 5 }).cursor).toBe(s.rows.length - 1);
    const paged = run(s, { type: 'page', direction: 1 });
    expect(paged.cursor).toBe(9);
    expect(run(paged, { type: 'page', direction: 1 }).scrollTop).toBeLessThanOrEqual(18);
    expect(run(paged, { type: 'page', direction: 1 }).cursor).toBe(18);
    expect(run(last, { type: 'first' })).toMatchObject({ cursor: 0, scrollTop: 0 });
    const small = run(last, { type: 'viewport', height: 4 });
    expect(small.cursor - small.scrollTop).toBeLessThan(4);
  });

  it('Tab/Shift+Tab and 1-7 jump to a section: its header at the top of the window, the cursor on its first field', () => {
    const s = loaded();
    const next = run(s, { type: 'section-jump', direction: 1 });
    expect(focused(next)).toBe('concurrency_and_buffer_size.concurrency');
    expect(next.scrollTop).toBe(rowIndex(s, 'section:concurrency'));
    expect(focused(run(next, { type: 'move', delta: 1 }, { type: 'section-jump', direction: -1 }))).toBe('network_config.base_url');
    expect(focused(run(s, { type: 'section-jump', direction: -1 }))).toBe('section:network');
    expect(focused(run(s, { type: 'section-index', index: 2 }))).toBe('proxy_config.type');
    // numbers are fixed: 6 is OpenAI even where section 5 (Custom provider) is absent
    const six = run(s, { type: 'section-index', index: 5 });
    expect(six.rows[six.cursor - 1]).toMatchObject({ type: 'section', section: 'openai' });
    expect(six.cursor - 1).toBeGreaterThanOrEqual(six.scrollTop);
    const five = run(s, { type: 'section-index', index: 4 });
    expect(five.cursor).toBe(s.cursor);
    expect(five.message?.text).toBe('no Custom provider section on a built-in provider');
    const end = run(s, { type: 'last' });
    expect(run(end, { type: 'section-jump', direction: 1 })).toBe(end);
  });

  it('z on a field collapses its section onto the header; z again expands; other sections keep their rows', () => {
    const s = focus(loaded(), RETRIES);
    const collapsed = run(s, { type: 'toggle-section' });
    expect(focused(collapsed)).toBe('section:network');
    expect(collapsed.rows.some((r) => r.type === 'field' && r.section === 'network')).toBe(false);
    expect(collapsed.rows.length).toBe(s.rows.length - 13);
    const header = collapsed.rows[0]!;
    expect(header.type === 'section' && header.collapsed && header.fieldCount).toBe(13);
    const expanded = run(collapsed, { type: 'toggle-section' });
    expect(focused(expanded)).toBe('section:network');
    expect(expanded.rows).toHaveLength(s.rows.length);
  });

  it('keeps the focused field when rows above it appear or disappear', () => {
    const s = focus(loaded(CUSTOM_PROVIDER), 'send_back_raw_request');
    const withProxy = run(s, { type: 'set-field-text', fieldId: 'proxy_config.type', text: 'http' });
    expect(rowIndex(withProxy, 'proxy_config.url')).toBeGreaterThan(0);
    expect(focused(withProxy)).toBe('send_back_raw_request');
    const collapsedAbove = run(focus(withProxy, 'section:network'), { type: 'toggle-section' }, { type: 'section-index', index: 3 });
    expect(focused(collapsedAbove)).toBe('send_back_raw_request');
    const undone = run(collapsedAbove, { type: 'undo' });
    expect(rowIndex(undone, 'proxy_config.url')).toBe(-1);
    expect(focused(undone)).toBe('send_back_raw_request');
  });
});

describe('form screen: activating a field', () => {
  it('a toggle flips (and flipping back is no change)', () => {
    const s = focus(loaded(), 'send_back_raw_response');
    const off = run(s, { type: 'activate' });
    expect(row(off, 'send_back_raw_response')).toMatchObject({ display: 'off', dirty: true });
    expect(off.mode.kind).toBe('browse');
    expect(dirtyCount(run(off, { type: 'activate' }).form)).toBe(0);
  });

  it('an enum cycles through its options', () => {
    const s = focus(loaded(CUSTOM_PROVIDER), 'proxy_config.type');
    const seen = [1, 2, 3, 4].map((n) => row(run(s, ...Array<FormScreenAction>(n).fill({ type: 'activate' })), 'proxy_config.type').display);
    expect(seen).toEqual(['http', 'socks5', 'environment', 'none']);
  });

  it('text and number fields open an inline editor pre-filled with the current value', () => {
    const s = run(focus(loaded(), RETRIES), { type: 'activate' });
    expect(s.mode).toMatchObject({ kind: 'edit', fieldId: RETRIES, secret: false, editor: { text: '2', cursor: 1 } });
    const url = run(focus(loaded(), 'network_config.base_url'), { type: 'activate' });
    expect(url.mode).toMatchObject({ kind: 'edit', editor: { text: 'https://api.openai.com' } });
    const pass = run(focus(loaded(), 'proxy_config.password'), { type: 'activate' });
    expect(pass.mode).toMatchObject({ kind: 'edit', secret: true, editor: { text: '' } }); // a redacted secret never pre-fills
  });

  it('maps, flags and PEM fields open their editors', () => {
    const headers = run(focus(loaded(), 'network_config.extra_headers'), { type: 'activate' });
    expect(headers.mode.kind === 'map' && headers.mode.map.entries.map((e) => e.key)).toEqual(['X-Org-Team', 'Authorization']);
    const flags = run(focus(loaded(CUSTOM_PROVIDER), 'custom_provider_config.allowed_requests'), { type: 'activate' });
    expect(flags.mode.kind === 'flags' && flags.mode.grid.model.mode).toBe('only');
    const pem = run(focus(loaded(), 'network_config.ca_cert_pem'), { type: 'activate' });
    expect(pem.mode).toMatchObject({ kind: 'pem', fieldId: 'network_config.ca_cert_pem' });
  });

  it('a status message goes once it stops being true: the next cursor move or section jump clears it', () => {
    const ro = run(focus(loaded(CUSTOM_PROVIDER), 'custom_provider_config.base_provider_type'), { type: 'activate' });
    expect(ro.message?.text).toMatch(/read-only/);
    for (const a of [{ type: 'move', delta: 1 }, { type: 'move', delta: -1 }, { type: 'first' }, { type: 'last' }, { type: 'section-jump', direction: 1 }] as FormScreenAction[]) {
      expect(run(ro, a).message).toBeUndefined();
    }
    const nothing = run(loaded(), { type: 'undo' });
    expect(nothing.message?.text).toBe('nothing to undo');
    expect(run(nothing, { type: 'move', delta: 1 }).message).toBeUndefined();
    // a missing section's message is the answer to that very key, so it is shown
    expect(run(nothing, { type: 'section-index', index: 4 }).message?.text).toBe('no Custom provider section on a built-in provider');
  });

  it('read-only and unknown fields explain themselves instead of editing; a header toggles its section', () => {
    const ro = run(focus(loaded(CUSTOM_PROVIDER), 'custom_provider_config.base_provider_type'), { type: 'activate' });
    expect(ro.mode.kind).toBe('browse');
    expect(ro.message?.text).toMatch(/Base provider type is read-only/);
    const other = run(focus(loaded(CUSTOM_PROVIDER), 'other:future_setting'), { type: 'activate' });
    expect(other.mode.kind).toBe('browse');
    expect(other.message?.text).toMatch(/not editable here; it is sent back unchanged/);
    const header = run(loaded(), { type: 'activate' });
    expect(header.rows[0]).toMatchObject({ type: 'section', collapsed: true });
  });

  it('map done commits the map; an emptied map removes the field from the body', () => {
    const s = run(focus(loaded(), 'network_config.extra_headers'), { type: 'activate' },
      { type: 'map', action: { type: 'map-delete' } }, { type: 'map', action: { type: 'map-delete' } }, { type: 'map-done' });
    expect(s.mode.kind).toBe('browse');
    const nc = buildBody(s.form).network_config as Record<string, unknown>;
    expect('extra_headers' in nc).toBe(false);
    expect(row(s, 'network_config.extra_headers')).toMatchObject({ display: '(none)', dirty: true });
  });

  it('flags done in "all" mode removes allowed_requests (absent = everything allowed)', () => {
    const s = run(focus(loaded(CUSTOM_PROVIDER), 'custom_provider_config.allowed_requests'), { type: 'activate' },
      { type: 'flags', action: { type: 'flags-mode' } }, { type: 'flags-done' });
    const cpc = buildBody(s.form).custom_provider_config as Record<string, unknown>;
    expect('allowed_requests' in cpc).toBe(false);
    expect(cpc.request_path_overrides).toEqual({ chat_completion: '/v2/chat/completions' });
    expect(row(s, 'custom_provider_config.allowed_requests').display).toMatch(/all allowed/);
  });

  it('Esc while typing keeps the old value', () => {
    const s = run(focus(loaded(), RETRIES), { type: 'activate' }, { type: 'line', op: { type: 'insert', text: '9' } }, { type: 'cancel' });
    expect(s.mode.kind).toBe('browse');
    expect(s.form.edits.size).toBe(0);
  });
});

describe('form screen: committing text', () => {
  it('text that does not parse is kept as typed, with its error, and counts as unsaved', () => {
    const s = typeInto(loaded(), RETRIES, 'lots');
    expect(s.mode.kind).toBe('browse');
    const r = row(s, RETRIES);
    expect(r.display).toBe('lots');
    expect(r.error).toMatch(/Max retries/);
    expect(hasUnsavedWork(s)).toBe(true);
    // Enter again shows what was typed, not the old value
    expect(run(s, { type: 'activate' }).mode).toMatchObject({ kind: 'edit', editor: { text: 'lots' } });
  });

  it('an out-of-range number parses but is flagged', () => {
    const s = typeInto(loaded(), RETRIES, '11');
    expect(row(s, RETRIES).error).toMatch(/0–10/);
    expect(row(s, RETRIES).display).toBe('11');
  });
});

describe('form screen: save flow', () => {
  it('refuses to save with errors: jumps to the first error (opening its section) and says how many', () => {
    let s = typeInto(loaded(), CONC, '0');
    s = typeInto(s, RETRIES, 'lots');
    s = run(focus(s, 'section:network'), { type: 'toggle-section' }, { type: 'last' }, { type: 'save-requested' });
    expect(s.mode.kind).toBe('browse');
    expect(focused(s)).toBe(RETRIES);
    expect(s.message).toMatchObject({ role: 'error' });
    expect(s.message?.text).toMatch(/^2 errors to fix before saving \(n: next error\): Max retries/);
    expect(focused(run(s, { type: 'next-error' }))).toBe(CONC);
    expect(focused(run(s, { type: 'next-error' }, { type: 'next-error' }))).toBe(RETRIES);
  });

  it('with nothing changed there is nothing to save (also after typing the loaded value again)', () => {
    for (const s of [loaded(), typeInto(loaded(), RETRIES, '2')]) {
      const next = run(s, { type: 'save-requested' });
      expect(next.mode.kind).toBe('browse');
      expect(next.message?.text).toMatch(/nothing to save/);
    }
  });

  it('a read-only profile refuses to save', () => {
    const s = run(typeInto(loaded(OPENAI_PROVIDER, { readOnly: true }), RETRIES, '5'), { type: 'save-requested' });
    expect(s.mode.kind).toBe('browse');
    expect(s.message).toEqual({ text: 'read-only profile: saving is disabled', role: 'warn' });
  });

  it('checks the gateway first; unchanged there → a review of exactly my change', () => {
    const s = run(typeInto(loaded(), RETRIES, '5'), { type: 'save-requested' });
    expect(s.mode.kind).toBe('checking');
    // status, hash and a default filled in for a 0 are not changes by anyone
    const fresh = fetched(OPENAI_PROVIDER, (c) => {
      c.provider_status = 'error';
      c.config_hash = 'ffff';
    });
    const review = run(s, { type: 'fresh-fetched', fresh });
    expect(review.mode.kind).toBe('review');
    if (review.mode.kind !== 'review') return;
    expect(review.mode.overwrite).toBe(false);
    expect(review.mode.review.changes.map((d) => [d.path, d.before, d.after])).toEqual([[RETRIES, 2, 5]]);
    // Keys are ignored while checking
    expect(run(s, { type: 'save-requested' })).toBe(s);
  });

  it('someone else changed the provider → conflict listing their changes and the fields both sides changed', () => {
    const s = run(typeInto(loaded(), RETRIES, '5'), { type: 'save-requested' });
    const fresh = fetched(OPENAI_PROVIDER, (c) => {
      c.network_config.max_retries = 3;
      c.network_config.default_request_timeout_in_seconds = 600;
    });
    const c = run(s, { type: 'fresh-fetched', fresh });
    expect(c.mode.kind).toBe('conflict');
    if (c.mode.kind !== 'conflict') return;
    expect(c.mode.changes.map((d) => d.path).sort()).toEqual([TIMEOUT, RETRIES].sort());
    expect(c.mode.overlaps).toEqual([RETRIES]);
    expect(run(c, { type: 'cancel' }).form.edits).toBe(s.form.edits);
  });

  it('someone else changing one explicit value to another (a default included) is a conflict, not my change', () => {
    const base = fetched(OPENAI_PROVIDER, (c) => {
      c.network_config.default_request_timeout_in_seconds = 300;
    });
    const s = run(typeInto(loaded(base), RETRIES, '5'), { type: 'save-requested' });
    const fresh = fetched(base, (c) => {
      c.network_config.default_request_timeout_in_seconds = 30;
    });
    const c = run(s, { type: 'fresh-fetched', fresh });
    expect(c.mode.kind).toBe('conflict');
    if (c.mode.kind !== 'conflict') return;
    expect(c.mode.changes.map((d) => [d.path, d.before, d.after])).toEqual([[TIMEOUT, 300, 30]]);
    const r = run(c, { type: 'conflict-reapply' });
    expect(r.mode.kind === 'review' && r.mode.review.changes.map((d) => d.path)).toEqual([RETRIES]);
  });

  it('reload and re-apply: the review shows only my change and the body keeps theirs', () => {
    const s = run(typeInto(loaded(), RETRIES, '5'), { type: 'save-requested' });
    const fresh = fetched(OPENAI_PROVIDER, (c) => {
      c.network_config.default_request_timeout_in_seconds = 600;
    });
    const r = run(s, { type: 'fresh-fetched', fresh }, { type: 'conflict-reapply' });
    expect(r.mode.kind).toBe('review');
    if (r.mode.kind !== 'review') return;
    expect(r.mode.review.changes.map((d) => d.path)).toEqual([RETRIES]);
    expect(r.form.original).toEqual(fresh);
    const nc = buildBody(r.form).network_config as Record<string, unknown>;
    expect(nc.default_request_timeout_in_seconds).toBe(600);
    expect(nc.max_retries).toBe(5);
  });

  it('overwrite: the review is against the fresh copy and shows their change being reverted', () => {
    const s = run(typeInto(loaded(), RETRIES, '5'), { type: 'save-requested' });
    const fresh = fetched(OPENAI_PROVIDER, (c) => {
      c.network_config.default_request_timeout_in_seconds = 600;
    });
    const o = run(s, { type: 'fresh-fetched', fresh }, { type: 'conflict-overwrite' });
    expect(o.mode.kind).toBe('review');
    if (o.mode.kind !== 'review') return;
    expect(o.mode.overwrite).toBe(true);
    expect(o.mode.review.current).toEqual(fresh);
    expect(o.mode.review.changes.map((d) => [d.path, d.before, d.after]).sort()).toEqual([[TIMEOUT, 600, 120], [RETRIES, 2, 5]].sort());
    // the history backup taken before the PUT is the copy being overwritten, not the stale one loaded
    const saving = run(o, { type: 'review-shown' }, { type: 'review-confirm', at: 1 });
    expect(saving.mode).toMatchObject({ kind: 'saving', startedAt: 1, review: { current: fresh } });
    // the body sent is the one reviewed, not rebuilt
    expect(saving.mode.kind === 'saving' && saving.mode.review.body).toBe(o.mode.review.body);
  });

  it('the re-check right before the PUT found their change: back to the conflict, nothing sent, the edits kept', () => {
    const s = run(typeInto(loaded(), RETRIES, '5'), { type: 'save-requested' }, { type: 'fresh-fetched', fresh: fetched(OPENAI_PROVIDER) }, { type: 'review-shown' }, { type: 'review-confirm', at: 1 });
    const theirs = fetched(OPENAI_PROVIDER, (c) => {
      c.network_config.retry_backoff_initial = 2000;
    });
    const c = run(s, recheckFound(s, theirs));
    expect(c.mode.kind).toBe('conflict');
    if (c.mode.kind !== 'conflict') return;
    expect(c.mode.changes.map((d) => [d.path, d.before, d.after])).toEqual([['network_config.retry_backoff_initial', 500, 2000]]);
    expect(c.message?.text).toBe('openai changed on the gateway while you reviewed: nothing was written');
    expect(c.form.edits).toBe(s.form.edits);
    const r = run(c, { type: 'conflict-reapply' });
    expect(r.mode.kind === 'review' && (r.mode.review.body!.network_config as Record<string, unknown>)).toMatchObject({ retry_backoff_initial: 2000, max_retries: 5 });
    const gone = run(s, recheckFound(s, null));
    expect(gone.mode.kind).toBe('browse');
    expect(gone.message?.text).toMatch(/deleted on the gateway since the review: nothing was written/);
  });

  it('a masked secret that is not the gateway\'s current mask is never sent: the review keeps theirs and says so', () => {
    const base = fetched(OPENAI_PROVIDER, (c) => {
      c.proxy_config = { type: 'http', url: 'http://proxy:3128', username: { value: 'svc-************************rost', env_var: '', from_env: false } };
    });
    const s = run(typeInto(loaded(base), RETRIES, '5'), { type: 'save-requested' });
    const rotated = fetched(base, (c) => {
      c.proxy_config.username = { value: 'svc-************************user', env_var: '', from_env: false };
    });
    const o = run(s, { type: 'fresh-fetched', fresh: rotated }, { type: 'conflict-overwrite' });
    expect(o.mode.kind).toBe('review');
    if (o.mode.kind !== 'review') return;
    expect(o.mode.review.kept).toEqual(['proxy_config.username']);
    expect((o.mode.review.body!.proxy_config as Record<string, unknown>).username).toEqual(rotated.proxy_config!.username);
    expect(o.mode.review.changes.map((d) => d.path)).toEqual([RETRIES]);
  });

  it('a y typed ahead of the review (not drawn yet) does not confirm it', () => {
    const r = run(typeInto(loaded(), RETRIES, '5'), { type: 'save-requested' }, { type: 'fresh-fetched', fresh: fetched(OPENAI_PROVIDER) });
    expect(run(r, { type: 'review-confirm', at: 1 })).toBe(r);
    expect(run(r, { type: 'review-shown' }, { type: 'review-confirm', at: 1 }).mode.kind).toBe('saving');
  });

  it('a provider deleted meanwhile is not re-created by the save', () => {
    const s = run(typeInto(loaded(), RETRIES, '5'), { type: 'save-requested' }, { type: 'fresh-fetched', fresh: null });
    expect(s.mode.kind).toBe('browse');
    expect(s.message?.text).toMatch(/no longer exists on the gateway; not saving/);
    expect(dirtyCount(s.form)).toBe(1);
  });

  it('a new provider (404 again on the check) reviews every field against nothing', () => {
    const s = run(loaded({ name: 'mistral', network_config: {}, concurrency_and_buffer_size: { concurrency: 1000, buffer_size: 5000 }, proxy_config: null }, { isNew: true }),
      { type: 'save-requested' });
    expect(s.mode.kind).toBe('checking');
    const r = run(s, { type: 'fresh-fetched', fresh: null });
    expect(r.mode.kind).toBe('review');
    if (r.mode.kind === 'review') expect(r.mode.review.changes.map((d) => d.path)).toContain(CONC);
    const saving = run(r, { type: 'review-shown' }, { type: 'review-confirm', at: 1 });
    // a create: nothing on the gateway to compare with (the pipeline backs up that nothing was there)
    expect(saving.mode).toMatchObject({ kind: 'saving', startedAt: 1, review: { current: null, plan: { action: 'create' } } });
  });

  it('a new provider that someone else created meanwhile: conflict, and the save then backs up their copy', () => {
    const template = { name: 'mistral', network_config: {}, concurrency_and_buffer_size: { concurrency: 1000, buffer_size: 5000 }, proxy_config: null };
    const s = run(typeInto(loaded(template, { isNew: true }), RETRIES, '4'), { type: 'save-requested' });
    const theirs = { ...template, network_config: { base_url: 'https://mistral.example' }, provider_status: 'active' } as Provider;
    const c = run(s, { type: 'fresh-fetched', fresh: theirs });
    expect(c.mode.kind).toBe('conflict');
    expect(c.isNew).toBe(false);
    const saving = run(c, { type: 'conflict-reapply' }, { type: 'review-shown' }, { type: 'review-confirm', at: 1 });
    expect(saving.mode).toMatchObject({ kind: 'saving', startedAt: 1, review: { current: theirs, plan: { action: 'update' } } });
    expect(buildBody(saving.form).network_config).toEqual({ base_url: 'https://mistral.example', max_retries: 4 });
  });

  it('confirm → saving; a failed save keeps every edit (invalid text included) and says why in one line', () => {
    let s = typeInto(loaded(), RETRIES, '5');
    s = typeInto(s, TIMEOUT, '600');
    const edits = s.form.edits;
    s = run(s, { type: 'save-requested' }, { type: 'fresh-fetched', fresh: fetched(OPENAI_PROVIDER) }, { type: 'review-shown' }, { type: 'review-confirm', at: 123 });
    expect(s.mode).toMatchObject({ kind: 'saving', startedAt: 123, review: { current: fetched(OPENAI_PROVIDER), body: buildBody(s.form) } });
    expect(run(s, { type: 'save-requested' })).toBe(s);
    const failed = run(s, { type: 'save-failed', message: '400 Bad Request: Concurrency must be greater than 0' });
    expect(failed.mode.kind).toBe('browse');
    expect(failed.form.edits).toBe(edits);
    expect(failed.message).toEqual({ text: 'save failed, nothing lost: 400 Bad Request: Concurrency must be greater than 0', role: 'error' });
    // and saving again goes through the same checks
    expect(run(failed, { type: 'save-requested' }).mode.kind).toBe('checking');
  });

  it('a successful save loads the copy the confirming read returned, with its status', () => {
    const s = run(typeInto(loaded(), RETRIES, '5'), { type: 'save-requested' }, { type: 'fresh-fetched', fresh: fetched(OPENAI_PROVIDER) }, { type: 'review-shown' }, { type: 'review-confirm', at: 1 });
    if (s.mode.kind !== 'saving') throw new Error('not saving');
    const saved = fetched(OPENAI_PROVIDER, (c) => {
      c.network_config.max_retries = 5;
      c.provider_status = 'active';
    });
    const ok = run(s, { type: 'write-finished', at: '14:00:00', outcome: { kind: 'written', review: s.mode.review, response: saved, confirmed: saved, notes: [] } });
    expect(ok.mode.kind).toBe('browse');
    expect(ok.form.edits.size).toBe(0);
    expect(row(ok, RETRIES)).toMatchObject({ display: '5', dirty: false });
    expect(ok.message).toEqual({ text: 'saved openai at 14:00:00 · status active', role: 'ok' });
    const failing = fetched(saved, (c) => {
      c.provider_status = 'error';
    });
    const warn = run(s, { type: 'write-finished', at: '14:00:00', outcome: { kind: 'written', review: s.mode.review, response: saved, confirmed: failing, notes: [] } });
    expect(warn.message).toEqual({ text: 'saved openai at 14:00:00 · status error', role: 'warn' });
  });

  it('review cancel goes back to the form with the edits', () => {
    let s = typeInto(loaded(), RETRIES, '5');
    s = typeInto(s, TIMEOUT, '600');
    const r = run(s, { type: 'save-requested' }, { type: 'fresh-fetched', fresh: fetched(OPENAI_PROVIDER) });
    expect(r.mode.kind === 'review' && r.mode.review.changes).toHaveLength(2);
    const back = run(r, { type: 'cancel' });
    expect(back.mode.kind).toBe('browse');
    expect(back.form.edits).toBe(s.form.edits);
  });
});

describe('form screen: drafts', () => {
  /** A draft as the controller writes it and the store reads it back (through JSON). */
  function draftFrom(s: FormScreenState, pending?: { fieldId: string; text: string }): Draft {
    return JSON.parse(JSON.stringify({ ...draftOf(s), ...(pending ? { pending } : {}) })) as Draft;
  }

  it('a draft is offered before anything else; restore brings back every field, invalid text included', () => {
    let before = typeInto(loaded(), RETRIES, '5');
    before = typeInto(before, CONC, 'many');
    before = run(focus(before, 'send_back_raw_request'), { type: 'activate' });
    const offered = loaded(OPENAI_PROVIDER, { draft: draftFrom(before) });
    expect(offered.mode.kind).toBe('draft');
    expect(offered.form.edits.size).toBe(0);
    const restored = run(offered, { type: 'draft-restore' });
    expect(restored.mode.kind).toBe('browse');
    expect(restored.message).toEqual({ text: 'draft restored (3 changed fields)', role: 'ok' });
    expect(row(restored, RETRIES)).toMatchObject({ display: '5', dirty: true });
    expect(row(restored, CONC)).toMatchObject({ display: 'many', dirty: true });
    expect(row(restored, 'send_back_raw_request')).toMatchObject({ display: 'on', dirty: true });
    expect(buildBody(restored.form)).toEqual(buildBody(before.form));
    // the restore is one undo step
    expect(run(restored, { type: 'undo' }).form.edits.size).toBe(0);
    expect(dirtyCount(run(restored, { type: 'undo' }, { type: 'redo' }).form)).toBe(3);
  });

  describe('typed secrets are not kept in drafts', () => {
    const PASSWORD = 'proxy_config.password';
    const HEADERS = 'network_config.extra_headers';
    /** The draft as the store writes it: JSON, without typed secrets. */
    const stored = (s: FormScreenState, pending?: { fieldId: string; text: string }): Draft => withoutTypedSecrets(draftFrom(s, pending));

    it('a typed proxy password is left out and noted; restoring asks for it again in its field', () => {
      const before = typeInto(typeInto(loaded(), RETRIES, '5'), PASSWORD, 'hunter2-typed');
      const draft = stored(before);
      expect(JSON.stringify(draft)).not.toContain('hunter2');
      expect(draft.withheld).toEqual([{ fieldId: PASSWORD }]);
      const offered = loaded(OPENAI_PROVIDER, { draft });
      const restored = run(offered, { type: 'draft-restore' });
      expect(restored.mode).toMatchObject({ kind: 'edit', fieldId: PASSWORD, editor: { text: '' }, secret: true });
      expect(restored.message?.text).toContain('type again: Proxy password');
      // the gateway's password is left alone until it is typed again
      expect(buildBody(restored.form).proxy_config).toMatchObject({ password: OPENAI_PROVIDER.proxy_config!.password });
      expect(buildBody(restored.form).network_config).toMatchObject({ max_retries: 5 });
      const retyped = run(restored, { type: 'line', op: { type: 'insert', text: 'hunter2-typed' } }, { type: 'commit-edit' });
      expect(buildBody(retyped.form)).toEqual(buildBody(before.form));
    });

    it('the text being typed into a secret field when the draft is written is left out too', () => {
      const draft = stored(typeInto(loaded(), RETRIES, '5'), { fieldId: PASSWORD, text: 'half-typ' });
      expect(JSON.stringify(draft)).not.toContain('half-typ');
      expect(draft.pending).toBeUndefined();
      expect(draft.withheld).toEqual([{ fieldId: PASSWORD }]);
    });

    it('an env reference is not a secret and stays in the draft', () => {
      const draft = stored(typeInto(loaded(), PASSWORD, 'env.PROXY_PASS'));
      expect(draft.withheld).toBeUndefined();
      expect(JSON.stringify(draft)).toContain('env.PROXY_PASS');
    });

    it('a changed secret-named header keeps the gateway value in the draft; the other headers are kept', () => {
      const before = run(
        focus(loaded(), HEADERS),
        { type: 'set-field-text', fieldId: HEADERS, text: 'X-Org-Team: infra\nAuthorization: Bearer typed-token-42' },
      );
      const draft = stored(before);
      expect(JSON.stringify(draft)).not.toContain('typed-token-42');
      expect(draft.withheld).toEqual([{ fieldId: HEADERS, header: 'Authorization' }]);
      const restored = run(loaded(OPENAI_PROVIDER, { draft }), { type: 'draft-restore' });
      expect((buildBody(restored.form).network_config as { extra_headers?: unknown }).extra_headers).toEqual({
        'X-Org-Team': 'infra',
        Authorization: OPENAI_PROVIDER.network_config!.extra_headers!.Authorization,
      });
      expect(restored.message?.text).toContain('type again: Extra headers Authorization');
    });
  });

  it('restore reopens the field that was being typed into, with the typed text', () => {
    const before = typeInto(loaded(), RETRIES, '5');
    const draft = draftFrom(before, { fieldId: TIMEOUT, text: '45' });
    const restored = run(loaded(OPENAI_PROVIDER, { draft }), { type: 'draft-restore' });
    expect(restored.mode).toMatchObject({ kind: 'edit', fieldId: TIMEOUT, editor: { text: '45', cursor: 2 } });
    expect(focused(restored)).toBe(TIMEOUT);
    const committed = run(restored, { type: 'commit-edit' });
    expect(buildBody(committed.form).network_config).toMatchObject({ max_retries: 5, default_request_timeout_in_seconds: 45 });
  });

  it('restore onto a provider the gateway changed since: their change kept, mine re-applied, overlap named', () => {
    const before = typeInto(loaded(), RETRIES, '5');
    const now = fetched(OPENAI_PROVIDER, (c) => {
      c.network_config.max_retries = 3;
      c.network_config.default_request_timeout_in_seconds = 600;
    });
    const restored = run(loaded(now, { draft: draftFrom(before) }), { type: 'draft-restore' });
    expect(restored.message?.role).toBe('warn');
    expect(restored.message?.text).toMatch(/gateway also changed network_config\.max_retries/);
    expect(buildBody(restored.form).network_config).toMatchObject({ max_retries: 5, default_request_timeout_in_seconds: 600 });
  });

  it('discard starts from the gateway copy with no edits', () => {
    const draft = draftFrom(typeInto(loaded(), RETRIES, '5'));
    const s = run(loaded(OPENAI_PROVIDER, { draft }), { type: 'draft-discard' });
    expect(s.mode.kind).toBe('browse');
    expect(s.form.edits.size).toBe(0);
    expect(s.message?.text).toBe('draft discarded');
  });
});

describe('form screen: leaving', () => {
  it('asks only when something would be lost: a changed field or text that did not parse', () => {
    const clean = loaded();
    expect(run(clean, { type: 'leave-requested', then: 'back' })).toBe(clean);
    const same = typeInto(loaded(), RETRIES, '2');
    expect(run(same, { type: 'leave-requested', then: 'back' }).mode.kind).toBe('browse');
    expect(run(typeInto(loaded(), RETRIES, '5'), { type: 'leave-requested', then: 'quit' }).mode).toEqual({ kind: 'leave', then: 'quit' });
    // an invalid text on a field whose loaded value equals the parse of nothing still counts
    expect(run(typeInto(loaded(), RETRIES, 'x'), { type: 'leave-requested', then: 'back' }).mode.kind).toBe('leave');
  });

  it('from the leave prompt, s starts the save and Esc keeps editing', () => {
    const s = run(typeInto(loaded(), RETRIES, '5'), { type: 'leave-requested', then: 'back' });
    expect(run(s, { type: 'save-requested' }).mode.kind).toBe('checking');
    expect(run(s, { type: 'cancel' }).mode.kind).toBe('browse');
  });
});

describe('form screen: undo, revert, reset', () => {
  it('u undoes, Ctrl+R redoes, x reverts the focused field, D resets to the gateway default, X reverts all', () => {
    let s = typeInto(loaded(), RETRIES, '5');
    s = typeInto(s, TIMEOUT, '600');
    expect(dirtyCount(s.form)).toBe(2);
    const undone = run(s, { type: 'undo' });
    expect(row(undone, TIMEOUT).dirty).toBe(false);
    expect(row(run(undone, { type: 'redo' }), TIMEOUT).display).toBe('600 s');
    expect(dirtyCount(run(s, { type: 'revert-field' }).form)).toBe(1); // cursor is on the timeout
    const reset = run(s, { type: 'reset-field' });
    expect(row(reset, TIMEOUT).display).toBe('default (300 s)');
    expect(buildBody(reset.form).network_config).toMatchObject({ default_request_timeout_in_seconds: 0 });
    const all = run(s, { type: 'revert-all' });
    expect(dirtyCount(all.form)).toBe(0);
    expect(dirtyCount(run(all, { type: 'undo' }).form)).toBe(2);
    expect(run(loaded(), { type: 'redo' }).message?.text).toBe('nothing to redo');
  });
});
