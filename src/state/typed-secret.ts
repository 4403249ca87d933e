/** How a secret being typed is shown: one bullet per character, so its length shows and nothing else. */
export function maskTyped(text: string): string {
  return '•'.repeat(Array.from(text).length);
}
