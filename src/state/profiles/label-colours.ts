/** The colours a profile label may have: the one list the app, the profile editor and `profiles add|edit` accept. */
export const LABEL_COLOURS = ['red', 'yellow', 'green', 'blue', 'magenta', 'cyan', 'white'] as const;
export type LabelColour = (typeof LABEL_COLOURS)[number];

export function isLabelColour(name: string): name is LabelColour {
  return (LABEL_COLOURS as readonly string[]).includes(name);
}
