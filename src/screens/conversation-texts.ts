/**
 * The words of the text conversation panel (`call-conversation.ts`): only the panel shows them, so
 * they load with it when the occupants open it (`loadConversation` in `call-parts.ts`), not at
 * start-up. What the call screens show of the conversation without the panel — the `Text` action,
 * the centre's newest line, the preset phrases (the shell announces a centre's phrase) — stays in
 * `texts.ts`. Localised like `texts.ts`: functions translate on each call, the UPPER_CASE constants
 * are re-set on every language change.
 */
import { msg } from '@lit/localize';
import type { TextDelivery } from '../bridge/signals.js';
import { onLocale } from './texts.js';

/** Said before a line the occupants sent (screen readers; the line itself carries a delivery mark). */
export let YOU_TAG = '';
onLocale(() => (YOU_TAG = msg('You', { desc: 'Said before a text line the occupants sent to the centre.' })));
export let CONVERSATION_TITLE = '';
onLocale(() => (CONVERSATION_TITLE = msg('Text with the emergency centre')));
export let CONVERSATION_LINES = '';
onLocale(() => (CONVERSATION_LINES = msg('Conversation')));
export let CONVERSATION_EMPTY = '';
onLocale(() => (CONVERSATION_EMPTY = msg('No messages yet')));
export let PHRASES_ACTION = '';
onLocale(() => (PHRASES_ACTION = msg('Phrases')));
export let KEYBOARD_ACTION = '';
onLocale(() => (KEYBOARD_ACTION = msg('Keyboard')));
export let PHRASES_LABEL = '';
onLocale(() => (PHRASES_LABEL = msg('Send a phrase')));

const DELIVERY: Record<TextDelivery, string> = {
  get sending() {
    return msg('Sending');
  },
  get sent() {
    return msg('Sent');
  },
  get delivered() {
    return msg('Delivered');
  },
  get failed() {
    return msg('Not delivered');
  },
};
/** How far an occupants' line got, in words (the mark beside it is a symbol). */
export function deliveryText(delivery: TextDelivery): string {
  return DELIVERY[delivery];
}
