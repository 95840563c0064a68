/** Lines of the text conversation with the emergency centre, as tests write them. */
import type { ConversationLine } from '../../../src/bridge/signals.js';

/** A text the centre wrote (no preset phrase), delivered to the car. */
export const centreLine = (id: number, at: number, text: string): ConversationLine => ({
  id,
  from: 'centre',
  at,
  phrase: null,
  text,
  delivery: 'delivered',
});
