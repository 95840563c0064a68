/**
 * The on-screen keyboard's keys, row by row: three rows of ten characters (letters A–Z in
 * alphabetical order — the rotary controller runs through them like iDrive's speller —, the accented
 * letters of the HMI's languages, or digits and symbols) above one command row. The sentence
 * punctuation keeps its place in every layer.
 */

/** Which characters the three upper rows show. */
export type KeyboardLayer = 'letters' | 'accents' | 'digits';

export type KeyDef =
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'space' }
  | { readonly kind: 'backspace' }
  /** Switches between letters and digits. */
  | { readonly kind: 'layer' }
  /** Switches between letters and accented letters. */
  | { readonly kind: 'accents' }
  | { readonly kind: 'send' };

/** Keys per row; the command row's keys span several columns. */
export const COLUMNS = 10;

const chars = (row: string): KeyDef[] => [...row].map((char) => ({ kind: 'char', char }));

const CHAR_ROWS: Readonly<Record<KeyboardLayer, readonly (readonly KeyDef[])[]>> = {
  letters: [chars('ABCDEFGHIJ'), chars('KLMNOPQRST'), chars('UVWXYZ.,?!')],
  // German, French, Italian and Spanish: a name or a street is written as it is spelt.
  accents: [chars('ÄÖÜßÀÁÂÇÈÉ'), chars('ÊËÎÏÌÍÑÒÓÔ'), chars('ŒÙÚÛ¿¡.,?!')],
  digits: [chars('1234567890'), chars('-/:;()"\'+='), chars('@#%&*€.,?!')],
};

const COMMAND_ROW: readonly KeyDef[] = [
  { kind: 'layer' },
  { kind: 'accents' },
  { kind: 'space' },
  { kind: 'backspace' },
  { kind: 'send' },
];

/** Every key of a layer in controller order (row by row, left to right). */
export function keysOf(layer: KeyboardLayer): readonly KeyDef[] {
  return [...CHAR_ROWS[layer].flat(), ...COMMAND_ROW];
}

/** A stable name for a key (`data-key`): the character itself, or the command. */
export function keyId(key: KeyDef): string {
  return key.kind === 'char' ? key.char : key.kind;
}
