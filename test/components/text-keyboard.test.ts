import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TextKeyboardHarness } from '../../src/components/text-keyboard/harness.js';
import type { SosTextKeyboard } from '../../src/components/text-keyboard/text-keyboard.js';
import '../../src/components/text-keyboard/text-keyboard.js';
import { applyTheme } from '../../src/styles/theme.js';

applyTheme('night');

async function keyboard(maxLength = 160): Promise<TextKeyboardHarness> {
  const el = await fixture<SosTextKeyboard>(
    html`<div style="width:560px">
      <sos-text-keyboard max-length=${maxLength}></sos-text-keyboard>
    </div>`,
  ).then((wrapper) => wrapper.querySelector('sos-text-keyboard')!);
  await el.updateComplete;
  return new TextKeyboardHarness(el);
}

describe('sos-text-keyboard', () => {
  it('lays out A–Z, . , ? !, digits, space, delete and Send, keys at least 44 px', async () => {
    const kb = await keyboard();
    const names = await kb.keyNames();
    expect(names.slice(0, 26).join('')).to.equal('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(names.slice(26)).to.deep.equal([
      '.',
      ',',
      '?',
      '!',
      'layer',
      'accents',
      'space',
      'backspace',
      'send',
    ]);
    for (const key of await kb.keys()) {
      const box = key.getBoundingClientRect();
      expect(box.height, key.dataset['key']).to.be.at.least(44);
      expect(box.width, key.dataset['key']).to.be.at.least(44);
    }
    expect((await kb.keyButton('space')).textContent?.trim()).to.equal('Space');
    expect((await kb.keyButton('backspace')).getAttribute('aria-label')).to.equal('Delete');
    expect((await kb.keyButton('send')).textContent?.trim()).to.equal('Send');
    await expect(kb.element).to.be.accessible();
  });

  it('rotary: the controller turns through the keys and a press types the selected one', async () => {
    const kb = await keyboard();
    kb.element.focus();
    await kb.element.updateComplete;
    expect(await kb.focusedKey()).to.equal('A');
    await kb.rotate(7);
    expect(await kb.focusedKey()).to.equal('H');
    await kb.press();
    await kb.rotate(1);
    await kb.press();
    // Capital at the start of a sentence, lower case after.
    expect(await kb.draft()).to.equal('Hi');
    await kb.rotate(-8);
    expect(await kb.focusedKey()).to.equal('A');
    // The real keyboard (Enter on the focused key) types once, not twice.
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    expect(await kb.draft()).to.equal('Hib');
    expect((await kb.keys()).filter((k) => k.tabIndex === 0).map((k) => k.dataset['key'])).to.deep.equal([
      'B',
    ]);
  });

  it('leaves a turn past the first or last key to whatever holds it', async () => {
    const kb = await keyboard();
    const seen: string[] = [];
    kb.element.parentElement!.addEventListener('keydown', (e) => seen.push(`${e.key}:${e.defaultPrevented}`));
    kb.element.focus();
    await kb.key('ArrowUp');
    expect(seen).to.deep.equal(['ArrowUp:false']);
    expect(await kb.focusedKey()).to.equal('A');
    await kb.rotate((await kb.keyNames()).length - 1);
    expect(await kb.focusedKey()).to.equal('send');
    seen.length = 0;
    await kb.key('ArrowDown');
    expect(seen).to.deep.equal(['ArrowDown:false']);
    // A wheel notch inside moves one key and stays inside.
    await kb.rotate(-1);
    const wheel = new WheelEvent('wheel', { deltaY: -100, bubbles: true, composed: true, cancelable: true });
    (await kb.keyButton('backspace')).dispatchEvent(wheel);
    expect(wheel.defaultPrevented).to.equal(true);
    expect(await kb.focusedKey()).to.equal('space');
  });

  it('touch: tapping keys types, space never doubles, delete removes the last character', async () => {
    const kb = await keyboard();
    await kb.tapText('we are ok');
    await kb.tap('space');
    await kb.tap('space');
    await kb.tap('!');
    expect(await kb.draft()).to.equal('We are ok !');
    await kb.tap('backspace');
    await kb.tap('backspace');
    expect(await kb.draft()).to.equal('We are ok');
    await kb.tap('.');
    await kb.tap('space');
    await kb.tap('H');
    expect(await kb.draft()).to.equal('We are ok. H');
  });

  it('digits: the layer key switches to digits and back', async () => {
    const kb = await keyboard();
    await kb.tap('layer');
    expect((await kb.keyNames()).slice(0, 10).join('')).to.equal('1234567890');
    expect((await kb.keyButton('layer')).textContent?.replace(/\s+/g, ' ').trim()).to.equal('ABC, Letters');
    await kb.tapText('112');
    await kb.tap('layer');
    expect((await kb.keyNames())[0]).to.equal('A');
    expect(await kb.draft()).to.equal('112');
  });

  it('accents: a name is written as it is spelt (de, fr, it, es), then back to letters', async () => {
    const kb = await keyboard();
    const label = async (key: string) => (await kb.keyButton(key)).textContent?.replace(/\s+/g, ' ').trim();
    expect(await label('accents')).to.equal('ÄÉ, Accented letters');
    await kb.tapText('m');
    await kb.tap('accents');
    expect((await kb.keyNames()).slice(0, 30).join('')).to.equal('ÄÖÜßÀÁÂÇÈÉÊËÎÏÌÍÑÒÓÔŒÙÚÛ¿¡.,?!');
    expect(await label('accents')).to.equal('ABC, Letters');
    expect(await label('layer')).to.equal('123, Digits and symbols');
    await kb.tap('Ü');
    await kb.tap('accents');
    await kb.tapText('ller');
    expect(await kb.draft()).to.equal('Müller');
    // From the accents straight to the digits, and from there to the accents.
    await kb.tap('accents');
    await kb.tap('layer');
    expect((await kb.keyNames())[0]).to.equal('1');
    await kb.tap('accents');
    expect((await kb.keyNames())[0]).to.equal('Ä');
    await expect(kb.element).to.be.accessible();
  });

  it('stops at maxLength and shows the characters left', async () => {
    const kb = await keyboard(5);
    expect(await kb.remaining()).to.equal(5);
    await kb.tapText('ABCDEFG');
    expect(await kb.draft()).to.equal('Abcde');
    expect(await kb.remaining()).to.equal(0);
    expect((await kb.part('remaining'))?.textContent?.trim()).to.equal('0 characters left');
  });

  it('Send: not with a blank draft; sends the trimmed text and clears the draft', async () => {
    const kb = await keyboard();
    let sends = 0;
    kb.element.addEventListener('sos-text-send', () => sends++);
    expect(await kb.canSend()).to.equal(false);
    await kb.tap('send');
    expect(sends).to.equal(0);
    await kb.tapText('help ');
    expect(await kb.canSend()).to.equal(true);
    setTimeout(() => void kb.tap('send'));
    const event = await oneEvent(kb.element, 'sos-text-send');
    expect(event.detail.text).to.equal('Help');
    expect(await kb.draft()).to.equal('');
    // A listener that refuses the text keeps the draft.
    await kb.tapText('fire');
    kb.element.addEventListener('sos-text-send', (e) => e.preventDefault(), { once: true });
    await kb.tap('send');
    expect(await kb.draft()).to.equal('Fire');
  });

  it('Back cancels; Backspace deletes, and cancels once the draft is empty; a hardware key types', async () => {
    const kb = await keyboard();
    let cancels = 0;
    kb.element.addEventListener('sos-text-cancel', () => cancels++);
    kb.element.focus();
    await kb.key('o');
    await kb.key('k');
    expect(await kb.draft()).to.equal('Ok');
    await kb.key('Backspace');
    expect(await kb.draft()).to.equal('O');
    expect(cancels).to.equal(0);
    await kb.key('Backspace');
    await kb.key('Backspace');
    expect(cancels).to.equal(1);
    await kb.back();
    expect(cancels).to.equal(2);
  });
});
