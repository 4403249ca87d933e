/**
 * Why text entry is the project's own line editor and not ink-text-input (README "Dependencies").
 * The design card names ink-text-input; these tests hold it to the guarantees the form gives, and
 * record where it falls short. If a future ink-text-input passes them, switch to it.
 */
import React, { useState } from 'react';
import { Text, useInput } from 'ink';
import TextInput from 'ink-text-input';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { editLine, lineEditor } from '../../src/state/editors/line-editor.js';
import { KEYS } from '../helpers/keys.js';

async function settle(): Promise<void> {
  // Let React commit and run effects (useInput subscribes in an effect).
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

/** A field that, like a form row, shows a value and enters editing on Enter (TextInput mounts then). */
function FieldWithInkTextInput() {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('2');
  useInput((_input, key) => {
    if (!editing && key.return) setEditing(true);
  }, { isActive: !editing });
  return editing ? <TextInput value={value} onChange={setValue} /> : <Text>value: {value}</Text>;
}

describe('ink-text-input against the guarantees of the form', () => {
  it('keys that arrive right after the Enter that opens the field are lost (the field mounts after they were dispatched)', async () => {
    const app = render(<FieldWithInkTextInput />);
    await settle();
    // Two reads back to back over SSH, before React has committed the switch to editing: Enter, then "5".
    app.stdin.write(KEYS.enter);
    app.stdin.write('5');
    await settle();
    expect(app.lastFrame()).toContain('2');
    // The form's own editor gets "25" here (test/ui/form-input.test.tsx holds keys across the mode switch).
    expect(app.lastFrame()).not.toContain('25');
    // Typed once the field has mounted, the same key does land: only the burst loses it.
    app.stdin.write('5');
    await settle();
    expect(app.lastFrame()).toContain('25');
    app.unmount();
  });

  it('^U does not clear the line: it is typed as the letter "u"', async () => {
    let value = 'secret-typo';
    const Field = () => {
      const [v, setV] = useState(value);
      return <TextInput value={v} onChange={(next) => setV((value = next))} />;
    };
    const app = render(<Field />);
    await settle();
    app.stdin.write(KEYS.ctrlU);
    await settle();
    expect(value).not.toBe('');
    // The project's editor clears to the start of the line.
    expect(editLine(lineEditor('secret-typo'), { type: 'clear-before' }).text).toBe('');
    app.unmount();
  });
});
