/**
 * The baseline for start-up: the smallest useful Ink program (one line of
 * text, raw-mode input, q quits), bundled into one minified file like the CLI
 * but with stock Ink: none of the CLI's bundle patches, launcher or code
 * cache. It is the floor any Ink app pays.
 */
import { render, Text, useApp, useInput } from 'ink';
import { createElement } from 'react';

function Minimal() {
  const { exit } = useApp();
  useInput((input) => {
    if (input === 'q') exit();
  });
  return createElement(Text, null, 'minimal ink ready');
}

render(createElement(Minimal), { exitOnCtrlC: true, maxFps: 30 });
