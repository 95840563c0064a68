import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { render } from 'lit';
import { ActionButtonHarness } from '../../src/components/action-button/harness.js';
import { TelltaleHarness } from '../../src/components/telltale/harness.js';
import type { SosActionButton } from '../../src/components/action-button/action-button.js';
import type { SosCountdown } from '../../src/components/countdown/countdown.js';
import type { SosHoldProgress } from '../../src/components/hold-progress/hold-progress.js';
import type { SosStatusBar } from '../../src/components/status-bar/status-bar.js';
import type { SosTelltale } from '../../src/components/telltale/telltale.js';
import '../../src/components/action-button/action-button.js';
import '../../src/components/countdown/countdown.js';
import '../../src/components/hold-progress/hold-progress.js';
import {
  ledMirror,
  ledMirrorStyles,
  type LedMirrorState,
} from '../../src/components/led-mirror/led-mirror.js';
import '../../src/components/status-bar/status-bar.js';
import '../../src/components/telltale/telltale.js';
import { applyTheme } from '../../src/styles/theme.js';

applyTheme('night');

describe('sos-telltale', () => {
  it('is crossed out only for a malfunction', async () => {
    const el = await fixture<SosTelltale>(html`<sos-telltale state="malfunction"></sos-telltale>`);
    const harness = new TelltaleHarness(el);
    expect(await harness.isCrossedOut()).to.equal(true);
    expect(await harness.name()).to.equal('SOS malfunction');
    el.state = 'ready';
    expect(await harness.isCrossedOut()).to.equal(false);
    expect(await harness.name()).to.equal('SOS ready');
  });

  it('shows a grey question mark when unknown', async () => {
    const el = await fixture<SosTelltale>(html`<sos-telltale state="unknown"></sos-telltale>`);
    const harness = new TelltaleHarness(el);
    expect(await harness.hasQuestionMark()).to.equal(true);
    expect(await harness.isCrossedOut()).to.equal(false);
  });

  it('paints ready, limited and malfunction in different colours', async () => {
    const colours = new Set<string>();
    for (const state of ['ready', 'limited', 'malfunction', 'off'] as const) {
      const el = await fixture<SosTelltale>(html`<sos-telltale state=${state}></sos-telltale>`);
      colours.add(await new TelltaleHarness(el).colour());
    }
    expect(colours.size).to.equal(4);
  });
});

describe('sos-action-button', () => {
  it('has the label as accessible name and emits click', async () => {
    const el = await fixture<SosActionButton>(
      html`<sos-action-button label="Cancel call" variant="primary"></sos-action-button>`,
    );
    const harness = new ActionButtonHarness(el);
    expect(await harness.name()).to.equal('Cancel call');
    setTimeout(() => void harness.press());
    const event = await oneEvent(el, 'click');
    expect(event).to.exist;
    await expect(el).to.be.accessible();
  });

  it('is a touch target of at least 15 mm (64 px) and takes focus', async () => {
    const el = await fixture<SosActionButton>(
      html`<sos-action-button label="Call now" variant="danger"></sos-action-button>`,
    );
    const harness = new ActionButtonHarness(el);
    expect(await harness.height()).to.be.at.least(64);
    el.focus();
    expect(await harness.isFocused()).to.equal(true);
  });

  it('does not click when disabled', async () => {
    let clicks = 0;
    const el = await fixture<SosActionButton>(
      html`<sos-action-button label="Self-test" disabled @click=${() => clicks++}></sos-action-button>`,
    );
    await new ActionButtonHarness(el).press();
    expect(clicks).to.equal(0);
  });
});

describe('sos-countdown', () => {
  it('shows the seconds left and empties the ring', async () => {
    const el = await fixture<SosCountdown>(html`<sos-countdown remaining="7" total="10"></sos-countdown>`);
    const timer = el.renderRoot.querySelector('[role="timer"]');
    expect(timer?.textContent?.replace(/\s+/g, '')).to.equal('7s');
    expect(el.fraction).to.be.closeTo(0.7, 1e-9);
    const full = Number(el.renderRoot.querySelector('[data-part="bar"]')?.getAttribute('stroke-dasharray'));
    const offset = Number(
      el.renderRoot.querySelector('[data-part="bar"]')?.getAttribute('stroke-dashoffset'),
    );
    expect(offset / full).to.be.closeTo(0.3, 1e-6);
  });
});

describe('sos-hold-progress', () => {
  it('is a progressbar with the label and the percentage', async () => {
    const el = await fixture<SosHoldProgress>(
      html`<sos-hold-progress value="0.45" label="Hold SOS button for 2 s to end call"></sos-hold-progress>`,
    );
    const bar = el.renderRoot.querySelector('[role="progressbar"]');
    expect(bar?.getAttribute('aria-valuenow')).to.equal('45');
    expect(bar?.getAttribute('aria-label')).to.equal('Hold SOS button for 2 s to end call');
    el.value = 2;
    await el.updateComplete;
    expect(bar?.getAttribute('aria-valuenow')).to.equal('100');
  });
});

describe('ledMirror (the LED mirror part of the call screens)', () => {
  /** The part in a shadow root with its styles, as a call screen shows it. */
  function mirror(state: LedMirrorState): ShadowRoot {
    const host = document.body.appendChild(document.createElement('div'));
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [ledMirrorStyles.styleSheet!];
    render(ledMirror(state), root);
    return root;
  }
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('blinks with an animation only in green-blinking, and only its opacity', () => {
    const root = mirror('green-blinking');
    const led = root.querySelector('.led') as HTMLElement;
    const lit = () => getComputedStyle(led, '::after');
    expect(lit().animationName).to.equal('sos-led-blink');
    // Only the lit layer's opacity blinks (a compositor animation: nothing is repainted).
    const keyframes = led
      .getAnimations({ subtree: true })
      .flatMap((a) => (a.effect as KeyframeEffect).getKeyframes());
    const animated = new Set(
      keyframes.flatMap((k) =>
        Object.keys(k).filter((p) => !['offset', 'computedOffset', 'easing', 'composite'].includes(p)),
      ),
    );
    expect([...animated]).to.deep.equal(['opacity']);
    expect(root.textContent).to.contain('SOS LED: green, blinking');
    render(ledMirror('green-steady'), root);
    expect(lit().animationName).to.equal('none');
    expect(lit().opacity).to.equal('1');
    render(ledMirror('off'), root);
    expect(lit().opacity).to.equal('0');
    expect(root.textContent).to.contain('SOS LED: off');
    render(ledMirror('red'), root);
    expect(lit().opacity).to.equal('1');
    expect(root.querySelector('[data-part="led-mirror"]')!.getAttribute('data-led')).to.equal('red');
  });
});

describe('sos-status-bar', () => {
  it('shows telltale, clock, bars, GNSS and a lost link', async () => {
    const el = await fixture<SosStatusBar>(
      html`<sos-status-bar
        telltale="malfunction"
        clock="14:05"
        connection="lost"
        .cellularBars=${0}
        .gnssFix=${'none'}
      ></sos-status-bar>`,
    );
    const telltale = el.renderRoot.querySelector('sos-telltale')!;
    expect(await new TelltaleHarness(telltale).isCrossedOut()).to.equal(true);
    expect(el.renderRoot.querySelector('[data-part="clock"]')?.textContent).to.equal('14:05');
    expect(el.renderRoot.querySelector('[data-part="connection"]')?.textContent?.trim()).to.equal(
      'Vehicle link lost',
    );
    expect(el.renderRoot.querySelector('[data-part="cellular"]')?.getAttribute('aria-label')).to.equal(
      'No network',
    );
    expect(el.renderRoot.querySelector('[data-part="gnss"]')?.getAttribute('aria-label')).to.equal(
      'No GPS position',
    );
    el.connection = 'connected';
    el.cellularBars = 3;
    el.gnssFix = '3d';
    el.gnssTrusted = true;
    await el.updateComplete;
    expect(el.renderRoot.querySelector('[data-part="connection"]')).to.equal(null);
    expect(el.renderRoot.querySelector('[data-part="cellular"]')?.getAttribute('aria-label')).to.equal(
      'Network: 3 of 5 bars',
    );
    expect(el.renderRoot.querySelector('[data-part="gnss"]')?.getAttribute('aria-label')).to.equal(
      'GPS position',
    );
  });

  it('shows a notice as a one-line alert in place of the title; telltale and clock stay', async () => {
    const el = await fixture<SosStatusBar>(
      html`<div style="width:1280px">
        <sos-status-bar telltale="ready" clock="14:05" heading="Emergency call"></sos-status-bar>
      </div>`,
    ).then((wrapper) => wrapper.querySelector('sos-status-bar')!);
    expect(el.renderRoot.querySelector('[role="alert"]')).to.equal(null);
    el.notice = 'A call is already in progress';
    await el.updateComplete;
    const notice = el.renderRoot.querySelector<HTMLElement>('[role="alert"][data-part="notice"]')!;
    expect(notice.textContent?.trim()).to.equal('A call is already in progress');
    expect(el.renderRoot.querySelector('.title')).to.equal(null);
    expect(el.renderRoot.querySelector('sos-telltale')).to.exist;
    expect(el.renderRoot.querySelector('[data-part="clock"]')?.textContent).to.equal('14:05');
    // One line even when the text is longer than the bar: cut with an ellipsis, never wrapped.
    el.notice = 'The car could not cancel: the call has already connected '.repeat(4);
    await el.updateComplete;
    const bar = el.getBoundingClientRect();
    const box = notice.getBoundingClientRect();
    expect(box.height).to.be.below(bar.height);
    expect(box.right).to.be.at.most(
      el.renderRoot.querySelector('[data-part="clock"]')!.getBoundingClientRect().left,
    );
    el.notice = '';
    await el.updateComplete;
    expect(el.renderRoot.querySelector('[role="alert"]')).to.equal(null);
    expect(el.renderRoot.querySelector('.title')?.textContent).to.equal('Emergency call');
  });
});
