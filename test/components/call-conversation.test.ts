import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConversationView } from '../../src/machines/views.js';
import type { SosCallConversation } from '../../src/screens/call-conversation.js';
import { CallConversationHarness } from '../../src/screens/call-conversation-harness.js';
import '../../src/screens/call-conversation.js';
import { applyTheme } from '../../src/styles/theme.js';
import { CONVERSATION } from '../harness/fake-services.js';

applyTheme('night');

const PHRASES_OPEN: ConversationView = { ...CONVERSATION, panel: 'phrases' };
const KEYBOARD_OPEN: ConversationView = { ...CONVERSATION, panel: 'keyboard' };

/** The panel at the size the active-call screen gives it, after a button outside had the focus. */
async function panel(
  view: ConversationView,
): Promise<{ harness: CallConversationHarness; outside: HTMLButtonElement }> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div>
      <button id="outside">Text</button>
      <div id="slot" style="width:880px;height:250px"></div>
    </div>`,
  );
  const outside = wrapper.querySelector<HTMLButtonElement>('#outside')!;
  outside.focus();
  const el = document.createElement('sos-call-conversation') as SosCallConversation;
  el.view = view;
  wrapper.querySelector('#slot')!.append(el);
  await el.updateComplete;
  await el.idrive.actionsRendered();
  return { harness: new CallConversationHarness(el), outside };
}

describe('sos-call-conversation', () => {
  it('offers the seven phrases as buttons; one press sends one', async () => {
    const { harness } = await panel(PHRASES_OPEN);
    expect(await harness.mode()).to.equal('phrases');
    expect(await harness.phrases()).to.deep.equal([
      'I cannot speak',
      'I cannot hear you',
      'Someone is injured',
      'Someone is trapped',
      'Fire / smoke',
      'Children on board',
      'We are safe',
    ]);
    setTimeout(() => void harness.tapPhrase('trapped'));
    const event = await oneEvent(harness.element, 'sos-conversation-phrase');
    expect(event.detail.phrase).to.equal('trapped');
    await expect(harness.element).to.be.accessible();
  });

  it("shows the newest four lines, the occupants' one line each with delivery marks, the centre's whole and marked", async () => {
    const { harness } = await panel(PHRASES_OPEN);
    expect(await harness.lines()).to.deep.equal([
      { from: 'centre', text: 'Help is on the way. Is anyone injured?', mark: '', delivery: 'delivered' },
      { from: 'occupants', text: 'Someone is injured', mark: '✓', delivery: 'sent' },
      { from: 'occupants', text: 'Two people, one trapped', mark: '…', delivery: 'sending' },
      { from: 'occupants', text: 'Fire / smoke', mark: '!', delivery: 'failed' },
    ]);
    const [centre, , , failed] = await harness.parts('line');
    expect(centre!.textContent).to.contain('From the emergency centre');
    expect(failed!.textContent).to.contain('Not delivered');
    for (const li of await harness.parts('line')) {
      const msg = li.querySelector<HTMLElement>('.msg')!;
      if (li.dataset['from'] === 'centre') {
        // For someone who cannot hear, the centre's message is the call: it is read whole.
        expect(getComputedStyle(msg).whiteSpace, 'wraps').to.equal('normal');
        expect(getComputedStyle(msg).webkitLineClamp, 'three lines at most').to.equal('3');
      } else {
        expect(getComputedStyle(msg).whiteSpace, 'one line').to.equal('nowrap');
        expect(getComputedStyle(msg).textOverflow).to.equal('ellipsis');
      }
    }
    // A message of the longest kind (160 characters) fits, not cut.
    const long =
      'Stay in the car if it is safe. An ambulance and the fire brigade are on their way to the A9 exit 71; we can read your texts and will answer.';
    harness.element.view = {
      ...PHRASES_OPEN,
      lines: [{ ...CONVERSATION.lines[0]!, text: long }],
    };
    await harness.element.updateComplete;
    const msg = (await harness.parts('line'))[0]!.querySelector<HTMLElement>('.msg')!;
    expect(msg.scrollHeight, 'not cut').to.be.at.most(msg.clientHeight + 1);
    harness.element.view = { ...PHRASES_OPEN, lines: CONVERSATION.lines.slice(0, 1) };
    expect((await harness.lines()).map((l) => l.mark)).to.deep.equal(['✓✓']);
  });

  it('keyboard mode: the keyboard sends text; its Back returns to the phrases; Back there closes', async () => {
    const { harness } = await panel(KEYBOARD_OPEN);
    expect(await harness.mode()).to.equal('keyboard');
    expect(await harness.focused()).to.equal('key:A');
    const kb = (await harness.keyboard())!;
    expect(kb.element.maxLength).to.equal(160);
    await kb.tapText('car on fire');
    setTimeout(() => void kb.tap('send'));
    expect((await oneEvent(harness.element, 'sos-conversation-text')).detail.text).to.equal('Car on fire');
    const escaped: Event[] = [];
    harness.element.parentElement!.addEventListener('sos-back', (e) => escaped.push(e));
    setTimeout(() => void kb.back());
    expect((await oneEvent(harness.element, 'sos-conversation-mode')).detail.mode).to.equal('phrases');
    harness.element.view = PHRASES_OPEN;
    await harness.element.updateComplete;
    setTimeout(() => void sendKeys({ press: 'Escape' }));
    await oneEvent(harness.element, 'sos-conversation-close');
    // Back is the panel's: the call screen behind it never sees it.
    expect(escaped).to.deep.equal([]);
    setTimeout(() => void harness.toggleMode());
    expect((await oneEvent(harness.element, 'sos-conversation-mode')).detail.mode).to.equal('keyboard');
  });

  it('switching between phrases and keyboard hands the selection to what was asked for', async () => {
    const { harness } = await panel(PHRASES_OPEN);
    await harness.element.idrive.focusSettled();
    for (let i = 0; i < 7; i++) await sendKeys({ press: 'ArrowDown' });
    expect(await harness.focused()).to.equal('Keyboard');
    harness.element.view = KEYBOARD_OPEN;
    await harness.element.updateComplete;
    expect(await harness.focused()).to.equal('key:A');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(await harness.focused()).to.equal('Phrases');
    harness.element.view = PHRASES_OPEN;
    await harness.element.updateComplete;
    expect(await harness.focused()).to.equal('I cannot speak');
  });

  it('rotating past the last key goes on to Phrases and Close, and round to the keys', async () => {
    const { harness } = await panel(KEYBOARD_OPEN);
    const kb = (await harness.keyboard())!;
    await kb.rotate((await kb.keyNames()).length - 1);
    expect(await harness.focused()).to.equal('key:send');
    await sendKeys({ press: 'ArrowDown' });
    expect(await harness.focused()).to.equal('Phrases');
    await sendKeys({ press: 'ArrowDown' });
    expect(await harness.focused()).to.equal('Close');
    await sendKeys({ press: 'ArrowDown' });
    expect(await harness.focused()).to.equal('key:send');
  });

  it('takes the focus when it opens, keeps it inside, gives it back when it closes', async () => {
    const { harness, outside } = await panel(PHRASES_OPEN);
    expect(await harness.focused()).to.equal('I cannot speak');
    for (let i = 0; i < 9; i++) await sendKeys({ press: 'Tab' });
    // 7 phrases, Keyboard, Close: nine Tabs are once round.
    expect(await harness.focused()).to.equal('I cannot speak');
    outside.focus();
    expect(await harness.focused()).to.equal('I cannot speak');
    harness.element.remove();
    expect(document.activeElement).to.equal(outside);
  });
});
