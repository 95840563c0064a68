/**
 * Editing the draft, pure: what a key press makes of the text typed so far. Letters are capitalised
 * at the start of a sentence and lower case elsewhere (the keys show capitals, like a car's speller),
 * a space never starts the text or doubles, and nothing is added beyond the maximum length.
 */

/** The next letter starts a sentence: nothing typed yet, or after `.`, `?` or `!` and a space. */
export function startsSentence(draft: string): boolean {
  return draft.trim() === '' || /[.?!]\s$/.test(draft);
}

/** The draft after typing `char` (one character, a space included). */
export function typed(draft: string, char: string, maxLength: number): string {
  if ([...draft].length >= maxLength) return draft;
  if (char === ' ') return draft === '' || draft.endsWith(' ') ? draft : draft + ' ';
  if (/\p{L}/u.test(char)) {
    return draft + (startsSentence(draft) ? char.toLocaleUpperCase() : char.toLocaleLowerCase());
  }
  return draft + char;
}

/** The draft without its last character. */
export function erased(draft: string): string {
  return [...draft].slice(0, -1).join('');
}

/** The text to send, or null when there is nothing but blanks. */
export function sendable(draft: string): string | null {
  const text = draft.trim();
  return text === '' ? null : text;
}
