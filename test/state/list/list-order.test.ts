/** The provider list's filter (name, base type, status, note) and sort (a column, a direction) (issue 22). */
import { describe, expect, it } from 'vitest';
import type { Provider } from '../../../src/api/wire.js';
import { summarizeProvider, type ProviderSummary } from '../../../src/api/provider-summary.js';
import { focusedRow, initialListState, listReducer, type ListAction, type ListState } from '../../../src/state/list/list-reducer.js';
import { NAME_ORDER, nextSortColumn, reverseSort, sortProviders, SORT_COLUMNS } from '../../../src/state/list/list-order.js';

const p = (name: string, extra: Partial<Provider> = {}): ProviderSummary => summarizeProvider({ name, provider_status: 'active', ...extra });
const run = (state: ListState, ...actions: ListAction[]): ListState => actions.reduce(listReducer, state);
const loaded = (providers: ProviderSummary[], viewport = 5): ListState => run(initialListState(viewport), { type: 'load-succeeded', providers, at: 1000 });
const names = (s: ListState): string[] => s.rows.map((r) => r.name);

const data = [
  p('acme-llm', { custom_provider_config: { base_provider_type: 'openai' }, concurrency_and_buffer_size: { concurrency: 200, buffer_size: 1000 }, network_config: { base_url: 'https://llm.acme.example.com' } }),
  p('anthropic', { concurrency_and_buffer_size: { concurrency: 500, buffer_size: 2000 } }),
  p('azure', { provider_status: 'error', concurrency_and_buffer_size: { concurrency: 1000, buffer_size: 5000 } }),
  p('groq', { provider_status: undefined, concurrency_and_buffer_size: { concurrency: 100, buffer_size: 500 } }),
  p('ollama', { status: 'list_models_failed', concurrency_and_buffer_size: { concurrency: 16, buffer_size: 64 } }),
  p('openai', { provider_status: 'initializing', network_config: { base_url: 'https://api.openai.com' } }),
];

describe('the list filter matches the status badge and the note as well as names', () => {
  it('/error keeps the providers whose status is error; /active the active ones', () => {
    expect(names(run(loaded(data), { type: 'filter-change', text: 'error' }))).toEqual(['azure']);
    expect(names(run(loaded(data), { type: 'filter-change', text: 'ACTIVE' }))).toEqual(['acme-llm', 'anthropic', 'ollama']);
  });

  it('a status without one matches as unknown, any other status by its word, the note by its text', () => {
    expect(names(run(loaded(data), { type: 'filter-change', text: 'unknown' }))).toEqual(['groq']);
    expect(names(run(loaded(data), { type: 'filter-change', text: 'initializ' }))).toEqual(['openai']);
    expect(names(run(loaded(data), { type: 'filter-change', text: 'models_failed' }))).toEqual(['ollama']);
  });

  it('names and base types still match; a built-in not set up matches "not set up"', () => {
    expect(names(run(loaded(data), { type: 'filter-change', text: 'openai' }))).toEqual(['acme-llm', 'openai']);
    const s = run(loaded(data), { type: 'toggle-unconfigured' }, { type: 'filter-change', text: 'not set' });
    expect(s.rows.length).toBeGreaterThan(0);
    expect(s.rows.every((r) => r.provider === undefined)).toBe(true);
  });

  it('a provider loaded again with another status matches by its new status', () => {
    let s = run(loaded(data), { type: 'filter-change', text: 'error' });
    s = run(s, { type: 'refresh-succeeded', providers: data.map((d) => (d.name === 'groq' ? { ...d, providerStatus: 'error' } : d)), at: 2000 });
    expect(names(s)).toEqual(['azure', 'groq']);
  });
});

describe('the list sorts by a column, either way', () => {
  it('opens by name, ascending (the gateway\'s order); s cycles NAME, KIND, STATUS, CONC/BUF, BASE URL and back', () => {
    let sort = NAME_ORDER;
    const seen: string[] = [];
    for (let i = 0; i < SORT_COLUMNS.length + 1; i++) {
      seen.push(sort.column);
      sort = nextSortColumn(reverseSort(sort));
      expect(sort.descending).toBe(false);
    }
    expect(seen).toEqual(['name', 'kind', 'status', 'conc', 'url', 'name']);
  });

  it('status ascending puts trouble first: error, other statuses, unknown, active; ties by name', () => {
    const s = run(loaded(data), { type: 'sort' }, { type: 'sort' });
    expect(s.sort).toEqual({ column: 'status', descending: false });
    expect(names(s)).toEqual(['azure', 'openai', 'groq', 'acme-llm', 'anthropic', 'ollama']);
    expect(names(run(s, { type: 'sort', reverse: true }))).toEqual(['acme-llm', 'anthropic', 'ollama', 'groq', 'openai', 'azure']);
  });

  it('CONC/BUF sorts by the concurrency as a number (16 before 100 before 1000); none sorts first', () => {
    expect(sortProviders(data, { column: 'conc', descending: false }).map((x) => x.name)).toEqual(['openai', 'ollama', 'groq', 'acme-llm', 'anthropic', 'azure']);
    expect(sortProviders(data, { column: 'conc', descending: true }).map((x) => x.name)).toEqual(['azure', 'anthropic', 'acme-llm', 'groq', 'ollama', 'openai']);
  });

  it('KIND and BASE URL sort by the text the column shows; ties by name', () => {
    expect(sortProviders(data, { column: 'kind', descending: true }).map((x) => x.name)).toEqual(['acme-llm', 'anthropic', 'azure', 'groq', 'ollama', 'openai']);
    expect(sortProviders(data, { column: 'url', descending: false }).map((x) => x.name)).toEqual(['anthropic', 'azure', 'groq', 'ollama', 'openai', 'acme-llm']);
  });

  it('the focused provider stays focused through a sort and a filter, and the filter keeps the sort', () => {
    let s = run(loaded(data), { type: 'select', name: 'groq' }, { type: 'sort' }, { type: 'sort' });
    expect(focusedRow(s)?.name).toBe('groq');
    expect(s.cursor).toBe(2);
    s = run(s, { type: 'sort', reverse: true }, { type: 'filter-change', text: 'n' });
    expect(focusedRow(s)?.name).toBe('groq');
    expect(names(s)).toEqual(['acme-llm', 'anthropic', 'groq', 'openai']);
  });

  it('a refresh keeps the sort; built-ins not set up follow the configured ones, by name (reversed with the name sort)', () => {
    let s = run(loaded(data), { type: 'sort', reverse: true }, { type: 'toggle-unconfigured' });
    expect(names(s).slice(0, 6)).toEqual(['openai', 'ollama', 'groq', 'azure', 'anthropic', 'acme-llm']);
    const builtins = names(s).slice(6);
    expect(builtins).toEqual([...builtins].sort().reverse());
    s = run(s, { type: 'refresh-succeeded', providers: [...data, p('bedrock')], at: 2000 });
    expect(names(s).slice(0, 7)).toEqual(['openai', 'ollama', 'groq', 'bedrock', 'azure', 'anthropic', 'acme-llm']);
  });

  it('sorts 10,006 providers into a new array, the input untouched', () => {
    const many = Array.from({ length: 10_006 }, (_, i) => p(`p-${String(i).padStart(5, '0')}`, { provider_status: i % 17 === 5 ? 'error' : 'active' }));
    const sorted = sortProviders(many, { column: 'status', descending: false });
    expect(sorted).toHaveLength(10_006);
    expect(sorted.slice(0, 2).map((x) => x.name)).toEqual(['p-00005', 'p-00022']);
    expect(many[0]!.name).toBe('p-00000');
  });
});
