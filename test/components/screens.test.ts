import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ScreenHarness } from '../../src/screens/harness.js';
import type { SosMalfunctionWarning } from '../../src/screens/malfunction-warning.js';
import { deepActiveElement } from '../../src/screens/controllers/idrive-controller.js';
import { mountApp as mountWith, screenOf } from '../harness/mount-app.js';
import {
  AUTOMATIC_VOICE,
  CALL_FAILED,
  CALL_UNCONFIRMED,
  CANCEL_WINDOW,
  MANUAL_VOICE,
  NO_CALL,
  RING_BREAK_MALFUNCTION,
  READY_STATUS,
  RING_BREAK_STATUS,
  fakeHmi,
  type FakeHmi,
} from '../harness/fake-services.js';

const mountApp = (hmi: FakeHmi, theme: 'day' | 'night' = 'night') => mountWith(hmi.services, theme);

describe('sos-app', () => {
  it('shows the status screen with the contract status line and sets the theme on <html>', async () => {
    const hmi = fakeHmi();
    const app = await mountApp(hmi, 'day');
    const screen = await screenOf(app);
    expect(screen.element.localName).to.equal('sos-status-screen');
    expect(await screen.heading()).to.equal('SOS ready');
    expect(document.documentElement.dataset['theme']).to.equal('day');
    expect(await screen.focusedAction()).to.equal('Self-test');
    await screen.press();
    expect(hmi.sent).to.deep.equal([{ type: 'user.selfTest' }]);
    app.theme = 'night';
    await app.updateComplete;
    expect(document.documentElement.dataset['theme']).to.equal('night');
  });

  it('tells the driver to call 112 from a phone when SOS is unavailable', async () => {
    const app = await mountApp(fakeHmi({ status: RING_BREAK_STATUS }));
    const screen = await screenOf(app);
    expect(await screen.heading()).to.equal('SOS unavailable');
    const text = await screen.text();
    expect(text).to.contain('Emergency calls may not work. In an emergency call 112 from a phone.');
    expect(text).to.contain('satellite radio tuner');
  });

  it('says when the vehicle link refuses this display (its token): unknown, with that reason', async () => {
    const refused = {
      ...READY_STATUS,
      level: 'unknown' as const,
      telltale: 'unknown' as const,
      causes: [{ id: 'vehicleLinkRefused' as const, severity: 'unknown' as const, warn: false, units: [] }],
      linkProblem: 'unauthorized' as const,
    };
    const app = await mountApp(fakeHmi({ status: refused }));
    const screen = await screenOf(app);
    expect(await screen.heading()).to.equal('SOS status unknown — the vehicle link refused this display');
    expect(await screen.text()).to.contain('does not accept this display’s access token');
  });

  it('puts a call screen above the malfunction message, and the message above the status', async () => {
    const hmi = fakeHmi({ status: RING_BREAK_STATUS, malfunction: RING_BREAK_MALFUNCTION });
    const app = await mountApp(hmi);
    expect((await screenOf(app)).element.localName).to.equal('sos-malfunction-warning');
    hmi.call.push(CANCEL_WINDOW);
    expect((await screenOf(app)).element.localName).to.equal('sos-cancel-flow');
    hmi.call.push(NO_CALL);
    hmi.malfunction.push({ visible: false });
    expect((await screenOf(app)).element.localName).to.equal('sos-status-screen');
  });

  it('announces emergencies assertively and keeps focus on the new screen', async () => {
    const hmi = fakeHmi();
    const app = await mountApp(hmi);
    await screenOf(app);
    hmi.call.push(CANCEL_WINDOW);
    const screen = await screenOf(app);
    await app.updateComplete;
    expect(app.renderRoot.querySelector('[data-part="live-assertive"]')?.textContent).to.contain(
      'An emergency call will start automatically.',
    );
    expect(await screen.focusedAction()).to.equal('Cancel call');
    hmi.call.push(AUTOMATIC_VOICE);
    const call = await screenOf(app);
    await app.updateComplete;
    expect(app.renderRoot.querySelector('[data-part="live-assertive"]')?.textContent).to.contain(
      'Automatic emergency call: Connected',
    );
    // No actions on an automatic call: focus rests on the heading, never on <body>.
    expect(deepActiveElement()?.localName).to.equal('h1');
    expect(await call.heading()).to.equal('Connected');
  });
});

describe('refused requests', () => {
  /** The one-line alert in the status bar, or null. */
  const refusalOf = async (app: Awaited<ReturnType<typeof mountApp>>) => {
    await app.updateComplete;
    const bar = app.renderRoot.querySelector('sos-status-bar')!;
    await bar.updateComplete;
    return bar.renderRoot.querySelector<HTMLElement>('[role="alert"][data-part="notice"]');
  };

  it('shows the car’s reason as a one-line alert in the bar, over the call screen, until it clears', async () => {
    const hmi = fakeHmi({ call: CANCEL_WINDOW });
    const app = await mountApp(hmi);
    expect(await refusalOf(app)).to.equal(null);
    hmi.call.push({ ...AUTOMATIC_VOICE, kind: 'manual', phase: 'connecting', refusal: 'not cancellable' });
    const alert = await refusalOf(app);
    expect(alert?.textContent?.trim()).to.equal('The car could not cancel: the call has already connected');
    // One line, inside the bar: the call screen's own status stays in view.
    expect(getComputedStyle(alert!.querySelector('span')!).whiteSpace).to.equal('nowrap');
    const bar = app.renderRoot.querySelector('sos-status-bar')!.getBoundingClientRect();
    const box = alert!.getBoundingClientRect();
    expect(box.top).to.be.at.least(bar.top);
    expect(box.bottom).to.be.at.most(bar.bottom);
    const screen = await screenOf(app);
    expect(screen.element.localName).to.equal('sos-active-call');
    expect(await screen.heading()).to.equal('Connecting…');
    hmi.call.push({ refusal: null });
    expect(await refusalOf(app)).to.equal(null);
  });

  it('says each reason in the driver’s words, and something generic for one it does not know', async () => {
    const hmi = fakeHmi();
    const app = await mountApp(hmi);
    const cases: [string, string][] = [
      ['busy', 'A call is already in progress'],
      ['timeout', 'The car did not answer'],
      ['no cancel window', 'The countdown has already ended'],
      ['automatic call', 'Only the emergency centre can end an automatic call'],
      ['no call', 'There is no call to end'],
      ['no call-back', 'There is no call-back to answer'],
      ['unit rebooting', 'The car could not carry out the request'],
    ];
    for (const [reason, text] of cases) {
      hmi.call.push({ refusal: reason });
      expect((await refusalOf(app))?.textContent?.trim(), reason).to.equal(text);
    }
    // Over whatever is up: here the status screen, no call.
    expect((await screenOf(app)).element.localName).to.equal('sos-status-screen');
  });
});

describe('sos-cancel-flow', () => {
  it('counts down, focuses "Cancel call" and sends user.cancel on Enter', async () => {
    const hmi = fakeHmi({ call: CANCEL_WINDOW });
    const screen = await screenOf(await mountApp(hmi));
    expect(await screen.heading()).to.equal('Emergency call in 7 s');
    expect(await screen.text()).to.contain('An emergency call will start automatically');
    expect(await screen.actions()).to.deep.equal(['Cancel call', 'Call now']);
    expect(await screen.focusedAction()).to.equal('Cancel call');
    await sendKeys({ press: 'Enter' });
    expect(hmi.sent).to.deep.equal([{ type: 'user.cancel' }]);
  });

  it('sends user.callNow after rotating to "Call now"', async () => {
    const hmi = fakeHmi({ call: CANCEL_WINDOW });
    const screen = await screenOf(await mountApp(hmi));
    await screen.rotate(1);
    expect(await screen.focusedAction()).to.equal('Call now');
    await screen.press();
    expect(hmi.sent).to.deep.equal([{ type: 'user.callNow' }]);
  });

  it('updates the countdown as the machine counts', async () => {
    const hmi = fakeHmi({ call: CANCEL_WINDOW });
    const app = await mountApp(hmi);
    hmi.call.push({ countdownS: 3 });
    const screen = await screenOf(app);
    expect(await screen.heading()).to.equal('Emergency call in 3 s');
  });
});

describe('sos-active-call', () => {
  it('automatic call: crash data, what was sent, only the centre ends it, no Cancel', async () => {
    const screen = await screenOf(await mountApp(fakeHmi({ call: AUTOMATIC_VOICE })));
    expect(await screen.heading()).to.equal('Connected');
    const text = await screen.text();
    expect(text).to.contain('Automatic emergency call');
    expect(text).to.contain('Only the emergency centre can end this call');
    expect(text).to.contain('01:23');
    expect(text).to.contain('The emergency centre has your position. Help is on the way.');
    expect(text).to.contain('48.17743° N, 11.55634° E');
    expect(text).to.contain('Crash data');
    expect(text).to.contain('Entertainment audio muted');
    expect(await screen.actions()).to.deep.equal([]);
    expect(await screen.action('Cancel call')).to.equal(null);
  });

  it('manual call: hold-to-end hint and progress; Cancel only while offered', async () => {
    const hmi = fakeHmi({ call: { ...MANUAL_VOICE, holdProgress: 0.5 } });
    const app = await mountApp(hmi);
    let screen = await screenOf(app);
    expect(await screen.text()).to.contain('Hold SOS button for 2 s to end call');
    expect(screen.element.shadowRoot!.querySelector('sos-hold-progress')).to.exist;
    expect(await screen.actions()).to.deep.equal([]);
    hmi.call.push({ phase: 'connecting', canCancel: true, holdProgress: null });
    screen = await screenOf(app);
    expect(await screen.heading()).to.equal('Connecting…');
    expect(await screen.actions()).to.deep.equal(['Cancel call']);
    hmi.call.push({ phase: 'connecting', attempt: 2 });
    expect(await (await screenOf(app)).heading()).to.equal('Redialling…');
  });

  it('end hint: holding ends it when the car says so, otherwise only the centre; nothing on a test call', async () => {
    const hmi = fakeHmi({ call: { ...MANUAL_VOICE, canEndByHold: true, holdToEndS: 3 } });
    const app = await mountApp(hmi);
    const hint = async () => {
      const screen = await screenOf(app);
      return screen.element.shadowRoot!.querySelector('[data-part="end-hint"]')?.textContent?.trim() ?? null;
    };
    expect(await hint()).to.equal('Hold SOS button for 3 s to end call');
    hmi.call.push({ canEndByHold: false });
    expect(await hint()).to.equal('Only the emergency centre can end this call');
    hmi.call.push({ kind: 'automatic', canEndByHold: false });
    expect(await hint()).to.equal('Only the emergency centre can end this call');
    // The car decides, even for an automatic call.
    hmi.call.push({ kind: 'automatic', canEndByHold: true, holdToEndS: 2 });
    expect(await hint()).to.equal('Hold SOS button for 2 s to end call');
    hmi.call.push({ kind: 'test', canEndByHold: false });
    expect(await hint()).to.equal(null);
    // The redialling screen says the same.
    hmi.call.push({ screen: 'redialing', kind: 'manual', canEndByHold: false, redialInS: 10 });
    expect(await hint()).to.equal('Only the emergency centre can end this call');
  });

  it('crash data and what was sent say "Unknown" for a field the car did not report', async () => {
    const screen = await screenOf(
      await mountApp(
        fakeHmi({
          call: {
            ...AUTOMATIC_VOICE,
            crash: { severity: null, airbagDeployed: null, rollover: null, occupants: null },
            sent: { ...AUTOMATIC_VOICE.sent!, occupants: null },
          },
        }),
      ),
    );
    const root = screen.element.shadowRoot!;
    for (const part of ['crash-severity', 'crash-airbags', 'crash-rollover']) {
      expect(root.querySelector(`[data-part="${part}"] .v`)?.textContent?.trim(), part).to.equal('Unknown');
    }
    const sent = root.querySelector('[data-part="sent"]')!;
    expect(sent.querySelectorAll('[data-unknown]').length).to.equal(1);
    expect(sent.textContent).to.contain('Unknown');
  });

  it('crash data with some fields known shows those and "Unknown" for the rest', async () => {
    const screen = await screenOf(
      await mountApp(
        fakeHmi({
          call: {
            ...AUTOMATIC_VOICE,
            crash: { severity: 3, airbagDeployed: true, rollover: null, occupants: 2 },
          },
        }),
      ),
    );
    const root = screen.element.shadowRoot!;
    const value = (part: string) => root.querySelector(`[data-part="${part}"] .v`)?.textContent?.trim();
    expect(value('crash-severity')).to.equal('serious (3 of 4)');
    expect(value('crash-airbags')).to.equal('deployed');
    expect(value('crash-rollover')).to.equal('Unknown');
  });

  it('names each phase as the contract says', async () => {
    const hmi = fakeHmi({ call: { ...MANUAL_VOICE, phase: 'dataSent' } });
    const app = await mountApp(hmi);
    expect(await (await screenOf(app)).heading()).to.equal('Location sent');
    hmi.call.push({ phase: 'acknowledged' });
    expect(await (await screenOf(app)).heading()).to.equal('Location received');
  });
});

describe('call outcome screens', () => {
  it('failed: call 112 from a phone, position with 5 decimals, Close dismisses', async () => {
    const hmi = fakeHmi({ call: CALL_FAILED });
    const screen = await screenOf(await mountApp(hmi));
    expect(await screen.heading()).to.equal('Call failed');
    const text = await screen.text();
    expect(text).to.contain('Call 112 from a phone');
    expect(text).to.contain('48.18123° N');
    expect(text).to.contain('11.56199° E');
    await sendKeys({ press: 'Enter' });
    expect(hmi.sent).to.deep.equal([{ type: 'user.dismiss' }]);
  });

  it('failed in North America: 911', async () => {
    const screen = await screenOf(
      await mountApp(fakeHmi({ call: { ...CALL_FAILED, emergencyNumber: '911' } })),
    );
    expect(await screen.text()).to.contain('Call 911 from a phone');
  });

  it('unconfirmed: the car has not confirmed a call after a crash — call 112 from a phone, position, Close dismisses', async () => {
    const hmi = fakeHmi({ call: CALL_UNCONFIRMED });
    const app = await mountApp(hmi);
    const screen = await screenOf(app);
    expect(screen.element.localName).to.equal('sos-call-failed');
    expect(await screen.heading()).to.equal('Emergency call not confirmed');
    const text = await screen.text();
    expect(text).to.contain('A crash was detected, but the car has not confirmed an emergency call.');
    expect(text).to.contain('Call 112 from a phone');
    expect(text).not.to.contain('Call failed');
    const position = screen.element.shadowRoot!.querySelector('[data-part="position"]')?.textContent;
    expect(position).to.contain('48.18123° N');
    expect(position).to.contain('11.56199° E');
    expect(app.renderRoot.querySelector('[data-part="live-assertive"]')?.textContent).to.equal(
      'Emergency call not confirmed. Call 112 from a phone.',
    );
    const bar = app.renderRoot.querySelector('sos-status-bar')!;
    expect(bar.heading).to.equal('Emergency call');
    expect(await screen.focusedAction()).to.equal('Close');
    await screen.press();
    expect(hmi.sent).to.deep.equal([{ type: 'user.dismiss' }]);
    await screen.back();
    expect(hmi.sent).to.deep.equal([{ type: 'user.dismiss' }, { type: 'user.dismiss' }]);
  });

  it('unconfirmed without a crash (the unit stopped reporting), in North America: 911', async () => {
    const screen = await screenOf(
      await mountApp(fakeHmi({ call: { ...CALL_UNCONFIRMED, crash: null, emergencyNumber: '911' } })),
    );
    expect(await screen.heading()).to.equal('Emergency call not confirmed');
    const text = await screen.text();
    expect(text).to.contain('The car’s emergency call system is not responding.');
    expect(text).to.contain('Call 911 from a phone');
    expect(text).to.contain('48.18123° N');
  });

  it('redialling, ended, cancelled and call-back screens use the contract headings', async () => {
    const hmi = fakeHmi({ call: { ...CALL_FAILED, screen: 'redialing', redialInS: 12 } });
    const app = await mountApp(hmi);
    expect(await (await screenOf(app)).heading()).to.equal('Call dropped — redialling');
    hmi.call.push({ screen: 'ended' });
    let screen = await screenOf(app);
    expect(await screen.heading()).to.equal('Call ended');
    expect(await screen.actions()).to.deep.equal(['Close']);
    await screen.back();
    expect(hmi.sent).to.deep.equal([{ type: 'user.dismiss' }]);
    hmi.call.push({ screen: 'cancelled' });
    expect(await (await screenOf(app)).heading()).to.equal('Call cancelled');
    hmi.call.push({ screen: 'callbackWaiting', callbackRemainingS: 3540 });
    screen = await screenOf(app);
    expect(await screen.heading()).to.equal('Emergency centre may call back');
    expect(await screen.text()).to.contain('59:00');
    hmi.call.push({ screen: 'callback' });
    expect(await (await screenOf(app)).heading()).to.equal('Emergency centre calling back');
  });
});

describe('sos-malfunction-warning', () => {
  it('shows the crossed-out telltale, cause, advice and effects; OK acknowledges', async () => {
    const hmi = fakeHmi({ status: RING_BREAK_STATUS, malfunction: RING_BREAK_MALFUNCTION });
    const screen = await screenOf(await mountApp(hmi));
    expect(await screen.heading()).to.equal('SOS malfunction');
    const root = screen.element.shadowRoot!;
    expect(root.querySelector('sos-telltale')?.getAttribute('state')).to.equal('malfunction');
    expect(root.querySelector('[role="alertdialog"]')?.getAttribute('aria-modal')).to.equal('true');
    const text = await screen.text();
    expect(text).to.contain(
      "A unit on the car's audio/telematics fibre ring (the satellite radio tuner) has failed",
    );
    expect(text).to.contain('iDrive may not respond to commands');
    expect(text).to.contain('Warning chimes may be silent');
    expect(await screen.actions()).to.deep.equal(['OK', 'Details']);
    expect(await screen.focusedAction()).to.equal('OK');
    await screen.press();
    expect(hmi.sent).to.deep.equal([{ type: 'user.acknowledge' }]);
  });

  it('Details shows the ring with the suspected unit; Back closes the details first', async () => {
    const hmi = fakeHmi({ status: RING_BREAK_STATUS, malfunction: RING_BREAK_MALFUNCTION });
    const screen = await screenOf(await mountApp(hmi));
    await screen.rotate(1);
    expect(await screen.focusedAction()).to.equal('Details');
    await screen.press();
    const root = screen.element.shadowRoot!;
    expect(root.querySelector('[data-part="details"]')).to.exist;
    expect(root.querySelector('[data-suspect]')?.textContent).to.contain('satellite radio tuner');
    await screen.back();
    expect(root.querySelector('[data-part="details"]')).to.equal(null);
    expect(hmi.sent).to.deep.equal([]);
    await screen.back();
    expect(hmi.sent).to.deep.equal([{ type: 'user.acknowledge' }]);
  });

  it('traps focus while open and gives it back when closed', async () => {
    const hmi = fakeHmi({ status: RING_BREAK_STATUS, malfunction: RING_BREAK_MALFUNCTION });
    const wrapper = await fixture<HTMLDivElement>(html`<div><button id="outside">Outside</button></div>`);
    const outside = wrapper.querySelector<HTMLButtonElement>('#outside')!;
    outside.focus();
    const warning = document.createElement('sos-malfunction-warning') as SosMalfunctionWarning;
    warning.services = hmi.services;
    wrapper.append(warning);
    await warning.updateComplete;
    await warning.idrive.actionsRendered();
    const screen = new ScreenHarness(warning);
    expect(await screen.focusedAction()).to.equal('OK');
    // Tab and rotate stay inside the card.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(await screen.focusedAction()).to.equal('OK');
    // Focus that escapes (a script, a tap elsewhere) is pulled back.
    outside.focus();
    expect(await screen.focusedAction()).to.equal('OK');
    warning.remove();
    expect(document.activeElement).to.equal(outside);
  });
});
