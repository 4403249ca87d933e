/**
 * The tmux helper every terminal test stands on: a session started just as the
 * previous test killed the last one (the server then exits) must still start.
 */
import { describe, expect, it } from 'vitest';
import { startTmux } from '../helpers/tmux.js';

describe('tmux helper', () => {
  it('starts a session right after the last one was killed, 100 times in a row', () => {
    for (let round = 0; round < 100; round++) {
      const session = startTmux('sleep 30', 40, 10);
      expect(session.screen()).toBeTypeOf('string');
      session.kill();
    }
  });
});
