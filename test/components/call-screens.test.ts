/**
 * The call screens with the NG-eCall states, the text conversation and the post-crash card: what
 * the centre has (or the position to read out), the newest line from the centre, Text and Safety
 * steps, the panel and the card in place of the right-hand column, and who ended the call.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CallView } from '../../src/machines/views.js';
import { CallConversationHarness } from '../../src/screens/call-conversation-harness.js';
import { deepActiveElement } from '../../src/screens/controllers/idrive-controller.js';
import type { ScreenHarness } from '../../src/screens/harness.js';
import { SafetyCardHarness } from '../../src/screens/safety-card-harness.js';
import { formatTimeOfDay } from '../../src/screens/texts.js';
import { mountApp, screenOf } from '../harness/mount-app.js';
import {
  AUTOMATIC_VOICE,
  CALL_FAILED,
  CONVERSATION,
  MANUAL_VOICE,
  SAFETY_ELECTRIC,
  fakeHmi,
  type FakeHmi,
} from '../harness/fake-services.js';

const mount = async (hmi: FakeHmi) => {
  const app = await mountApp(hmi.services);
  return { app, screen: await screenOf(app) };
};
const part = (screen: ScreenHarness, name: string) =>
  screen.element.shadowRoot!.querySelector<HTMLElement>(`[data-part="${name}"]`);
const stepper = (screen: ScreenHarness) =>
  [...screen.element.shadowRoot!.querySelectorAll<HTMLElement>('.stepper li')].map((li) => ({
    step: li.dataset['step'],
    state: li.dataset['state'],
    text: li.textContent!.replace(/\s+/g, ' ').trim(),
  }));
const conversationOf = (screen: ScreenHarness) =>
  new CallConversationHarness(screen.element.shadowRoot!.querySelector('sos-call-conversation')!);
const cardOf = (screen: ScreenHarness) =>
  new SafetyCardHarness(screen.element.shadowRoot!.querySelector('sos-safety-card')!);
/** An element of the screen, its header row included (the timer is drawn there). */
const shown = (root: ShadowRoot, selector: string) =>
  (root.querySelector(selector) ??
    root.querySelector('sos-call-header')?.shadowRoot?.querySelector(selector))!;
/** The two boxes do not overlap. */
const apart = (a: DOMRect, b: DOMRect) =>
  a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;

const WITH_TEXT: CallView = { ...AUTOMATIC_VOICE, conversation: CONVERSATION };
const UPDATED_AT = Date.UTC(2025, 5, 14, 12, 37, 12);

describe('what the centre has', () => {
  it('positive acknowledgement: says the centre has the position and crash data, not a bare tick', async () => {
    const { screen } = await mount(fakeHmi({ call: { ...AUTOMATIC_VOICE, msd: 'ackPositive' } }));
    expect(part(screen, 'msd-ack')?.textContent).to.contain(
      'The emergency centre has your position and crash data',
    );
    expect(stepper(screen).map((s) => s.state)).to.deep.equal(['done', 'done', 'done', 'current']);
  });

  it('positive acknowledgement of a manual call: the position (there is no crash data)', async () => {
    const { screen } = await mount(fakeHmi({ call: { ...MANUAL_VOICE, msd: 'ackPositive' } }));
    expect(part(screen, 'msd-ack')?.textContent?.trim()).to.match(/The emergency centre has your position$/);
  });

  it('negative acknowledgement: never "received" — the position to read out instead', async () => {
    const hmi = fakeHmi({ call: { ...AUTOMATIC_VOICE, phase: 'acknowledged', msd: 'ackNegative' } });
    const { app, screen } = await mount(hmi);
    expect(await screen.heading()).to.equal('Location not received');
    expect(stepper(screen)[2]).to.deep.equal({
      step: 'acknowledged',
      state: 'failed',
      text: '!Not received',
    });
    const readout = part(screen, 'msd-not-received')!;
    expect(readout.textContent).to.contain('Your data did not arrive — the centre may ask you where you are');
    expect(readout.textContent).to.contain('48.17743° N');
    expect(part(screen, 'sent')).to.equal(null);
    expect(part(screen, 'no-voice'), '"the centre has your position" would be wrong').to.equal(null);
    expect(app.renderRoot.querySelector('[data-part="live-assertive"]')?.textContent).to.contain(
      'Location not received',
    );
    hmi.call.push({ phase: 'voice' });
    const later = await screenOf(app);
    expect(stepper(later).map((s) => s.state)).to.deep.equal(['done', 'done', 'failed', 'current']);
  });

  it('updated data sent at the centre’s request: a line with the time', async () => {
    const { screen } = await mount(
      fakeHmi({ call: { ...AUTOMATIC_VOICE, msd: 'ackPositive', dataUpdatedAt: UPDATED_AT } }),
    );
    expect(part(screen, 'data-updated')?.textContent?.trim()).to.equal(
      `Updated position sent at the centre’s request, ${formatTimeOfDay(UPDATED_AT)}`,
    );
  });

  it('plain 112 call: the stepper claims no data; the notice and the position to read out', async () => {
    const hmi = fakeHmi({ call: { ...MANUAL_VOICE, transport: 'plain112', phase: 'connecting' } });
    const { app, screen } = await mount(hmi);
    expect(stepper(screen).map((s) => s.step)).to.deep.equal(['connecting', 'voice']);
    expect(await screen.text()).not.to.contain('Location sent');
    const notice = part(screen, 'plain-call')!;
    expect(notice.textContent).to.contain(
      'Plain 112 call: the car could not send its data — tell the centre where you are',
    );
    expect(notice.querySelector('[data-part="position"]')?.textContent).to.contain('11.55634° E');
    hmi.call.push({ phase: 'voice', noVoiceHint: true });
    const voice = await screenOf(app);
    expect(stepper(voice).map((s) => s.state)).to.deep.equal(['done', 'current']);
    expect(part(voice, 'no-voice')).to.equal(null);
    await expect(voice.element).to.be.accessible();
  });
  it('redialling and ended screens never claim data a plain 112 call did not send', async () => {
    const hmi = fakeHmi({
      call: { ...MANUAL_VOICE, transport: 'plain112', screen: 'redialing', redialInS: 5 },
    });
    const { app, screen } = await mount(hmi);
    expect(part(screen, 'sent')).to.equal(null);
    expect(part(screen, 'plain-call')?.textContent).to.contain('Plain 112 call');
    hmi.call.push({ screen: 'ended' });
    const ended = await screenOf(app);
    expect(part(ended, 'sent')).to.equal(null);
    expect(part(ended, 'plain-call')?.querySelector('[data-part="position"]')?.textContent).to.contain(
      '48.17743° N',
    );
  });
});

describe('a line from the centre', () => {
  it('is on the call screen, whole, clear of the status, and said by the live region', async () => {
    const { app, screen } = await mount(fakeHmi({ call: WITH_TEXT }));
    const line = part(screen, 'from-centre')!;
    expect(line.textContent?.trim()).to.equal(
      'From the emergency centre: Help is on the way. Is anyone injured?',
    );
    // Read whole, up to three lines (160 characters): for someone who cannot hear, it is the call.
    expect(getComputedStyle(line.querySelector('.msg')!).webkitLineClamp).to.equal('3');
    const root = screen.element.shadowRoot!;
    const box = line.getBoundingClientRect();
    for (const status of ['h1', '.stepper', '[data-part="timer"]']) {
      expect(apart(box, shown(root, status).getBoundingClientRect()), status).to.equal(true);
    }
    expect(box.height, 'three lines at most').to.be.below(100);
    expect(app.renderRoot.querySelector('[data-part="live-centre"]')?.textContent?.trim()).to.equal(
      'From the emergency centre: Help is on the way. Is anyone injured?',
    );
  });

  it('a message of the longest kind is read whole beside what was sent, never over the status', async () => {
    const hmi = fakeHmi({ call: WITH_TEXT });
    const { app } = await mount(hmi);
    const text =
      'Stay in the car if it is safe. An ambulance and the fire brigade are on their way to the A9 exit 71; we can read your texts.';
    const next = { ...CONVERSATION.latestFromCentre!, id: 9, text };
    hmi.call.push({
      conversation: { ...CONVERSATION, lines: [...CONVERSATION.lines, next], latestFromCentre: next },
    });
    const screen = await screenOf(app);
    const line = part(screen, 'from-centre')!;
    const msg = line.querySelector<HTMLElement>('.msg')!;
    expect(msg.scrollHeight, 'not cut').to.be.at.most(msg.clientHeight + 1);
    const root = screen.element.shadowRoot!;
    for (const status of ['h1', '.stepper', '[data-part="timer"]'])
      expect(
        apart(line.getBoundingClientRect(), shown(root, status).getBoundingClientRect()),
        status,
      ).to.equal(true);
  });

  it('a new line replaces it, and the log says the new one', async () => {
    const hmi = fakeHmi({ call: WITH_TEXT });
    const { app } = await mount(hmi);
    const next = { ...CONVERSATION.latestFromCentre!, id: 9, text: 'Stay in the car.' };
    hmi.call.push({
      conversation: { ...CONVERSATION, lines: [...CONVERSATION.lines, next], latestFromCentre: next },
    });
    const screen = await screenOf(app);
    await app.updateComplete;
    expect(part(screen, 'from-centre')?.textContent?.trim()).to.equal(
      'From the emergency centre: Stay in the car.',
    );
    expect(app.renderRoot.querySelector('[data-part="live-centre"]')?.textContent?.trim()).to.equal(
      'From the emergency centre: Stay in the car.',
    );
  });
});

describe('the text conversation on the call screen', () => {
  it('Text is offered while the text channel is up and opens the panel', async () => {
    const hmi = fakeHmi({ call: WITH_TEXT });
    const { screen } = await mount(hmi);
    expect(await screen.actions()).to.deep.equal(['Text']);
    expect(await screen.focusedAction()).to.equal('Text');
    await screen.press();
    expect(hmi.sent).to.deep.equal([{ type: 'user.openText' }]);
  });

  it('the open panel replaces the right column; header, title, stepper and timer stay', async () => {
    const hmi = fakeHmi({ call: WITH_TEXT });
    const { app } = await mount(hmi);
    hmi.call.push({ conversation: { ...CONVERSATION, panel: 'phrases' } });
    const screen = await screenOf(app);
    const root = screen.element.shadowRoot!;
    expect(part(screen, 'sent')).to.equal(null);
    expect(part(screen, 'from-centre'), 'the panel shows the lines').to.equal(null);
    const panel = root.querySelector('sos-call-conversation')!.getBoundingClientRect();
    for (const status of ['h1', '.stepper', '[data-part="timer"]', 'sos-call-header']) {
      const box = shown(root, status).getBoundingClientRect();
      expect(apart(panel, box), status).to.equal(true);
      expect(box.height, status).to.be.greaterThan(0);
    }
    expect(await screen.heading()).to.equal('Connected');
    const frame = screen.element.getBoundingClientRect();
    expect(panel.bottom).to.be.at.most(frame.bottom);
    expect(panel.right).to.be.at.most(frame.right);
    await expect(screen.element).to.be.accessible();
  });

  it('phrases, keyboard and Close send the occupants’ events; focus goes in and comes back to Text', async () => {
    const hmi = fakeHmi({ call: WITH_TEXT });
    const { app } = await mount(hmi);
    let screen = await screenOf(app);
    expect(await screen.focusedAction()).to.equal('Text');
    hmi.call.push({ conversation: { ...CONVERSATION, panel: 'phrases' } });
    screen = await screenOf(app);
    const panel = conversationOf(screen);
    expect(await panel.focused()).to.equal('I cannot speak');
    // The screen re-renders every second (the timer): the focus stays where it is in the panel.
    await sendKeys({ press: 'ArrowDown' });
    hmi.call.push({ elapsedS: 84 });
    await screenOf(app);
    expect(await panel.focused()).to.equal('I cannot hear you');
    await sendKeys({ press: 'Enter' });
    expect(hmi.sent.at(-1)).to.deep.equal({ type: 'user.sendPhrase', phrase: 'cannotHear' });
    // A wheel turned over the screen's left side moves the panel's selection.
    screen.element
      .shadowRoot!.querySelector('.left')!
      .dispatchEvent(
        new WheelEvent('wheel', { deltaY: 100, bubbles: true, composed: true, cancelable: true }),
      );
    expect(await panel.focused()).to.equal('Someone is injured');
    await panel.toggleMode();
    expect(hmi.sent.at(-1)).to.deep.equal({ type: 'user.textMode', mode: 'keyboard' });
    hmi.call.push({ conversation: { ...CONVERSATION, panel: 'keyboard' } });
    await screenOf(app);
    await panel.element.updateComplete;
    expect(await panel.focused()).to.equal('key:A');
    const kb = (await panel.keyboard())!;
    await kb.tapText('two hurt');
    await kb.tap('send');
    expect(hmi.sent.at(-1)).to.deep.equal({ type: 'user.sendText', text: 'Two hurt' });
    await kb.back();
    expect(hmi.sent.at(-1)).to.deep.equal({ type: 'user.textMode', mode: 'phrases' });
    await panel.close();
    expect(hmi.sent.at(-1)).to.deep.equal({ type: 'user.closeText' });
    hmi.call.push({ conversation: CONVERSATION });
    screen = await screenOf(app);
    expect(await screen.focusedAction()).to.equal('Text');
    expect(hmi.sent.filter((e) => e.type === 'user.dismiss')).to.deep.equal([]);
  });

  it('the call-back offers Text and the panel too', async () => {
    const hmi = fakeHmi({ call: { ...WITH_TEXT, screen: 'callback' } });
    const { app, screen } = await mount(hmi);
    expect(await screen.heading()).to.equal('Emergency centre calling back');
    expect(await screen.actions()).to.deep.equal(['Text']);
    expect(part(screen, 'from-centre')).to.exist;
    hmi.call.push({ conversation: { ...CONVERSATION, panel: 'phrases' } });
    const open = await screenOf(app);
    const panel = conversationOf(open);
    expect(await panel.focused()).to.equal('I cannot speak');
    expect(await open.heading()).to.equal('Emergency centre calling back');
  });
});

describe('the safety card on the call screens', () => {
  const SAFETY_CLOSED = { ...SAFETY_ELECTRIC, open: false };

  it('active call: Safety steps opens it in the right column; hazard lights and Close send events', async () => {
    const hmi = fakeHmi({ call: { ...WITH_TEXT, safety: SAFETY_CLOSED } });
    const { app } = await mount(hmi);
    let screen = await screenOf(app);
    expect(await screen.actions()).to.deep.equal(['Text', 'Safety steps']);
    await screen.rotate(1);
    await screen.press();
    expect(hmi.sent).to.deep.equal([{ type: 'user.openSafety' }]);
    hmi.call.push({ safety: SAFETY_ELECTRIC });
    screen = await screenOf(app);
    expect(await screen.actions()).to.deep.equal(['Text']);
    const card = cardOf(screen);
    await card.element.idrive.actionsRendered();
    expect(await card.focused()).to.equal('Hazard lights on');
    expect(part(screen, 'sent')).to.equal(null);
    expect(await screen.heading()).to.equal('Connected');
    await sendKeys({ press: 'Enter' });
    expect(hmi.sent.at(-1)).to.deep.equal({ type: 'user.hazardLights' });
    await expect(screen.element).to.be.accessible();
    await card.close();
    expect(hmi.sent.at(-1)).to.deep.equal({ type: 'user.closeSafety' });
    hmi.call.push({ safety: SAFETY_CLOSED });
    screen = await screenOf(app);
    await screen.settled();
    expect(await screen.focusedAction()).to.equal('Safety steps');
  });

  it('ended screen: Safety steps before directions, at most three actions; the card under the heading', async () => {
    const pois = [
      { kind: 'police', name: 'Polizeiinspektion 42', distanceM: 1200, bearingDeg: 90 },
      { kind: 'hospital', name: 'Klinikum Schwabing', distanceM: 3400, bearingDeg: 10 },
    ] as unknown as CallView['pointsOfInterest'];
    const hmi = fakeHmi({
      call: {
        ...AUTOMATIC_VOICE,
        screen: 'ended',
        callEnd: 'clearDown',
        safety: SAFETY_CLOSED,
        pointsOfInterest: pois,
      },
    });
    const { app, screen } = await mount(hmi);
    expect(await screen.actions()).to.deep.equal(['Close', 'Safety steps', 'Police station']);
    expect(part(screen, 'call-end')?.textContent?.trim()).to.equal('The emergency centre ended the call');
    hmi.call.push({ safety: SAFETY_ELECTRIC });
    const open = await screenOf(app);
    expect(await open.heading()).to.equal('Call ended');
    const card = cardOf(open);
    expect(await card.steps()).to.have.length(6);
    const frame = open.element.getBoundingClientRect();
    expect(card.element.getBoundingClientRect().bottom).to.be.at.most(frame.bottom);
    // Back closes the card, not the screen.
    await card.element.idrive.actionsRendered();
    await sendKeys({ press: 'Escape' });
    expect(hmi.sent).to.deep.equal([{ type: 'user.closeSafety' }]);
  });
});

describe('who ended the call', () => {
  it('redialling after a drop: "The call dropped — calling again"', async () => {
    const { screen } = await mount(
      fakeHmi({ call: { ...CALL_FAILED, screen: 'redialing', redialInS: 5, callEnd: 'dropped' } }),
    );
    expect(await screen.heading()).to.equal('Call dropped — redialling');
    expect(part(screen, 'call-end')?.textContent?.trim()).to.equal('The call dropped — calling again');
  });

  it('ended by the centre: "The emergency centre ended the call"; hung up: nothing said about the centre', async () => {
    const hmi = fakeHmi({ call: { ...AUTOMATIC_VOICE, screen: 'ended', callEnd: 'clearDown' } });
    const { app, screen } = await mount(hmi);
    expect(part(screen, 'call-end')?.textContent?.trim()).to.equal('The emergency centre ended the call');
    expect(await screen.text()).to.contain('Call time 01:23');
    hmi.call.push({ callEnd: 'hungUp' });
    const hungUp = await screenOf(app);
    expect(part(hungUp, 'call-end')).to.equal(null);
  });

  it('the focus never lands on <body> when the panel closes by itself', async () => {
    const hmi = fakeHmi({ call: { ...WITH_TEXT, conversation: { ...CONVERSATION, panel: 'keyboard' } } });
    const { app } = await mount(hmi);
    await screenOf(app);
    hmi.call.push({ conversation: { ...CONVERSATION, available: false, panel: null } });
    const screen = await screenOf(app);
    await screen.settled();
    expect(deepActiveElement()?.localName).not.to.equal('body');
  });
});
