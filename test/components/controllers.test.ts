import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ActorController } from '../../src/screens/controllers/actor-controller.js';
import { deepEqual } from '../../src/screens/controllers/deep-equal.js';
import { IDriveController } from '../../src/screens/controllers/idrive-controller.js';
import { ScreenHarness } from '../../src/screens/harness.js';
import '../../src/components/action-button/action-button.js';
import { FakeSource } from '../harness/fake-services.js';

interface Snap {
  readonly phase: string;
  readonly tick: number;
}

@customElement('test-actor-host')
class TestActorHost extends LitElement {
  @property({ attribute: false }) source?: FakeSource<Snap>;
  renders = 0;
  readonly phase = new ActorController<Snap, string>(
    this,
    () => this.source,
    (s) => s.phase,
  );
  protected override render(): TemplateResult {
    this.renders++;
    return html`<p>${this.phase.value}</p>`;
  }
}

@customElement('test-idrive-host')
class TestIDriveHost extends LitElement {
  readonly idrive = new IDriveController(this);
  backs = 0;
  pressed: string[] = [];
  constructor() {
    super();
    this.addEventListener('sos-back', () => this.backs++);
  }
  protected override render(): TemplateResult {
    return html`<h1 tabindex="-1" data-idrive-fallback>Test</h1>
      ${['One', 'Two', 'Three'].map(
        (label) =>
          html`<sos-action-button
            label=${label}
            ?data-default=${label === 'Two'}
            @click=${() => this.pressed.push(label)}
          ></sos-action-button>`,
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'test-actor-host': TestActorHost;
    'test-idrive-host': TestIDriveHost;
  }
}

describe('deepEqual', () => {
  it('compares view-like values structurally', () => {
    expect(deepEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).to.equal(true);
    expect(deepEqual({ a: [1, 2] }, { a: [1, 3] })).to.equal(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).to.equal(false);
    expect(deepEqual([1], { 0: 1 })).to.equal(false);
  });
});

describe('ActorController', () => {
  it('re-renders only when the selected slice changes', async () => {
    const source = new FakeSource<Snap>({ phase: 'dialing', tick: 0 });
    const el = await fixture<TestActorHost>(html`<test-actor-host .source=${source}></test-actor-host>`);
    expect(el.renderRoot.textContent).to.contain('dialing');
    const before = el.renders;
    source.push({ tick: 1 });
    source.push({ tick: 2 });
    await el.updateComplete;
    expect(el.renders).to.equal(before);
    source.push({ phase: 'voice' });
    await el.updateComplete;
    expect(el.renders).to.equal(before + 1);
    expect(el.renderRoot.textContent).to.contain('voice');
  });

  it('unsubscribes on disconnect and subscribes again on reconnect', async () => {
    const source = new FakeSource<Snap>({ phase: 'dialing', tick: 0 });
    const el = await fixture<TestActorHost>(html`<test-actor-host .source=${source}></test-actor-host>`);
    expect(source.subscriberCount).to.equal(1);
    const parent = el.parentElement!;
    el.remove();
    expect(source.subscriberCount).to.equal(0);
    expect(el.phase.subscribed).to.equal(false);
    source.push({ phase: 'voice' });
    parent.append(el);
    expect(source.subscriberCount).to.equal(1);
    await el.updateComplete;
    expect(el.renderRoot.textContent).to.contain('voice');
  });

  it('follows a source that arrives (or changes) after connection', async () => {
    const el = await fixture<TestActorHost>(html`<test-actor-host></test-actor-host>`);
    const first = new FakeSource<Snap>({ phase: 'a', tick: 0 });
    el.source = first;
    await el.updateComplete;
    expect(el.renderRoot.textContent).to.contain('a');
    const second = new FakeSource<Snap>({ phase: 'b', tick: 0 });
    el.source = second;
    await el.updateComplete;
    await el.updateComplete;
    expect(first.subscriberCount).to.equal(0);
    expect(second.subscriberCount).to.equal(1);
    expect(el.renderRoot.textContent).to.contain('b');
  });
});

describe('IDriveController', () => {
  async function mount(): Promise<{ el: TestIDriveHost; harness: ScreenHarness }> {
    const el = await fixture<TestIDriveHost>(html`<test-idrive-host></test-idrive-host>`);
    await el.idrive.actionsRendered();
    return { el, harness: new ScreenHarness(el) };
  }

  it('puts the initial focus on the default action', async () => {
    const { harness } = await mount();
    expect(await harness.focusedAction()).to.equal('Two');
  });

  it('rotates with ArrowUp/ArrowDown and pushes with ArrowLeft/ArrowRight, wrapping (real keys)', async () => {
    const { harness } = await mount();
    await sendKeys({ press: 'ArrowDown' });
    expect(await harness.focusedAction()).to.equal('Three');
    await sendKeys({ press: 'ArrowDown' });
    expect(await harness.focusedAction()).to.equal('One');
    await sendKeys({ press: 'ArrowUp' });
    expect(await harness.focusedAction()).to.equal('Three');
    await sendKeys({ press: 'ArrowRight' });
    expect(await harness.focusedAction()).to.equal('One');
    await sendKeys({ press: 'ArrowLeft' });
    expect(await harness.focusedAction()).to.equal('Three');
  });

  it('keeps Tab inside the screen (wraps)', async () => {
    const { harness } = await mount();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(await harness.focusedAction()).to.equal('One');
    await sendKeys({ press: 'Shift+Tab' });
    expect(await harness.focusedAction()).to.equal('Three');
  });

  it('rotates with the mouse wheel, one action per notch', async () => {
    const { harness } = await mount();
    await harness.rotate(1);
    expect(await harness.focusedAction()).to.equal('Three');
    await harness.rotate(-2);
    expect(await harness.focusedAction()).to.equal('One');
    // A trackpad's small deltas add up to one notch.
    for (let i = 0; i < 4; i++) {
      (harness.element as HTMLElement).dispatchEvent(
        new WheelEvent('wheel', { deltaY: 25, bubbles: true, cancelable: true }),
      );
    }
    expect(await harness.focusedAction()).to.equal('Two');
  });

  it('presses the focused action once with Enter or Space (real keys)', async () => {
    const { el } = await mount();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Space' });
    expect(el.pressed).to.deep.equal(['Two', 'Three']);
  });

  it('sends sos-back on Escape and Backspace', async () => {
    const { el } = await mount();
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Backspace' });
    expect(el.backs).to.equal(2);
  });

  it('brings a lost focus back to the default action on the next key', async () => {
    const { harness } = await mount();
    (document.activeElement as HTMLElement | null)?.blur();
    expect(await harness.focusedAction()).to.equal(null);
    await sendKeys({ press: 'ArrowDown' });
    expect(await harness.focusedAction()).to.equal('Two');
  });

  it('Back with the focus nowhere (a screen just swapped in, its focus a frame away) still goes back', async () => {
    const { el, harness } = await mount();
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Backspace' });
    expect(el.backs).to.equal(2);
    expect(await harness.focusedAction(), 'Back does not pick an action').to.equal(null);
  });
});
