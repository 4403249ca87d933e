/** The built CLI in a real terminal against the embedded demo gateway: what a person sees. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuiltCli, startTmux, type TmuxSession } from '../helpers/tmux.js';

let session: TmuxSession | undefined;
beforeAll(() => requireBuiltCli());
afterEach(() => session?.kill());

describe('real terminal: provider list', () => {
  it('starts on the demo gateway, navigates, filters, opens a provider, quits and restores the terminal', async () => {
    session = startTmux(`node ${CLI} --demo`, 100, 30);
    const first = await session.waitFor('6 configured');
    expect(session.alternateOn()).toBe(true);
    expect(first).toContain('DEMO');
    expect(first).toMatch(/› acme-llm\s+custom \(openai\)\s+● active/);
    expect(first).toContain('✖ error');
    // Every line fits and the frame starts at the top line (no drift between redraws).
    expect(first.split('\n')[0]).toMatch(/^bifrost-tui/);

    session.send('j', 'j', 'j', 'j');
    const onOllama = await session.waitFor('› ollama');
    expect(onOllama).toContain('list_models_failed');
    expect(onOllama.split('\n')[0]).toMatch(/^bifrost-tui/);

    session.type('/gr');
    await session.waitFor('1 match');
    expect(session.screen()).toContain('› groq');
    session.send('Escape');
    await session.waitFor('anthropic');

    session.send('q');
    expect(await session.waitForExit()).toBe(0);
    expect(session.alternateOn()).toBe(false);
    expect(session.screen()).not.toContain('anthropic');
  });

  it('shows a clear too-small screen and recovers on resize', async () => {
    session = startTmux(`node ${CLI} --demo`, 50, 12);
    await session.waitFor('terminal too small (50x12, need 60x15)');
    session.resize(80, 20);
    const screen = await session.waitFor('6 configured');
    expect(screen).not.toContain('too small');
    session.send('q');
    expect(await session.waitForExit()).toBe(0);
  });

  it('is readable in monochrome at 60x15, also where CI variables are set', async () => {
    // Ink draws nothing but the last frame when it believes it runs in CI; a terminal session must still work.
    session = startTmux(`NO_COLOR=1 node ${CLI} --demo`, 60, 15, { CI: 'true', CI_JOB_ID: '7' });
    const screen = await session.waitFor('6 configured');
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    expect(screen).toContain('› acme-llm');
    expect(screen).toContain('✖ error');
    session.send('C-c');
    expect(await session.waitForExit()).toBe(0);
  });

  it('without a TTY says so in one line and exits 2', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('node', [CLI, '--demo'], { encoding: 'utf8', input: '' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('needs a terminal');
    expect(r.stderr).toContain('providers list');
    expect(r.stdout).toBe('');
  });
});
