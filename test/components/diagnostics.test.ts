import { expect } from '@open-wc/testing';
import { createHmi, type Hmi } from '../../src/app/createHmi.js';
import { localFaultMemoryStore, memoryFaultMemoryStore } from '../../src/app/faultMemoryStore.js';
import { hmiServices } from '../../src/app/services.js';
import { mountApp, screenOf } from '../harness/mount-app.js';

/** The real system (simulator, bridge, machines) on a manual clock, mounted in `sos-app`. */
const mount = (hmi: Hmi) => mountApp(hmiServices(hmi));

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('diagnosis screens', () => {
  let hmi: Hmi;
  afterEach(() => hmi?.dispose());

  it('warning → Details → Guide with the controller; the steps scroll into view one by one', async () => {
    hmi = createHmi({
      scenario: 'ring-break-satellite-radio',
      clock: 'manual',
      faultMemory: memoryFaultMemoryStore(),
    });
    hmi.clock.advance(4000);
    const app = await mount(hmi);
    let screen = await screenOf(app);
    expect(await screen.heading()).to.equal('SOS malfunction');
    await screen.rotate(1);
    await screen.press();
    screen = await screenOf(app);
    expect(await screen.actions()).to.deep.equal(['OK', 'Details', 'Guide']);
    await screen.rotate(1);
    await screen.press();
    await tick();
    screen = await screenOf(app);
    expect(await screen.heading()).to.equal('Satellite radio tuner');
    expect(await screen.text()).to.contain('no substitute for calling 112');
    const root = screen.element.shadowRoot!;
    const list = root.querySelector<HTMLElement>('.scroll')!;
    const steps = [...root.querySelectorAll<HTMLElement>('.step')];
    expect(steps.length).to.be.greaterThan(3);
    // The first step is selected; turning the controller walks down the list, which follows.
    expect(screen.element.shadowRoot!.activeElement).to.equal(steps[0]);
    for (let i = 1; i < steps.length; i++) {
      await screen.rotate(1);
      expect(root.activeElement).to.equal(steps[i]);
    }
    const last = steps.at(-1)!.getBoundingClientRect();
    const box = list.getBoundingClientRect();
    expect(last.bottom).to.be.at.most(box.bottom + 1);
    expect(list.scrollTop).to.be.greaterThan(0);
  });

  it('the ring diagram draws every unit in ring order and marks the suspect and the dark link', async () => {
    hmi = createHmi({
      scenario: 'ring-break-amplifier',
      clock: 'manual',
      faultMemory: memoryFaultMemoryStore(),
    });
    hmi.clock.advance(4000);
    hmi.send({ type: 'user.openDiagnostics', page: { screen: 'ring' } });
    const app = await mount(hmi);
    const screen = await screenOf(app);
    expect(await screen.heading()).to.equal('Fibre-optic ring (MOST)');
    const root = screen.element.shadowRoot!;
    const nodes = [...root.querySelectorAll('g.node')].map((n) => [
      n.getAttribute('data-node'),
      n.getAttribute('data-state'),
    ]);
    expect(nodes).to.deep.equal([
      ['head-unit', 'ok'],
      ['amplifier', 'suspect'],
      ['telematics', 'unknown'],
      ['satellite-radio', 'unknown'],
      ['hands-free', 'unknown'],
    ]);
    expect(root.querySelector('[data-link="head-unit>amplifier"]')!.getAttribute('data-state')).to.equal(
      'dark',
    );
    expect(await screen.focusedAction()).to.equal('Bypass Amplifier');
  });

  it('the fault memory is written to localStorage and read back by the next start', async () => {
    const storage = window.localStorage;
    const store = localFaultMemoryStore(storage, 'sos-hmi.test.faultMemory');
    store.clear();
    hmi = createHmi({ scenario: 'software-glitch', clock: 'manual', faultMemory: store });
    hmi.clock.advance(4000);
    // Written in the task after the change, never inside the event's frame.
    expect(storage.getItem('sos-hmi.test.faultMemory')).to.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const saved = JSON.parse(storage.getItem('sos-hmi.test.faultMemory') ?? '[]') as {
      kind: string;
      cause?: string;
    }[];
    expect(saved.some((e) => e.kind === 'fault' && e.cause === 'softwareGlitch')).to.equal(true);
    hmi.dispose();
    hmi = createHmi({ scenario: 'ready', clock: 'manual', faultMemory: store });
    expect(hmi.faultLog().length).to.equal(saved.length);
    hmi.send({ type: 'user.openDiagnostics', page: { screen: 'faultMemory' } });
    const app = await mount(hmi);
    const screen = await screenOf(app);
    expect(await screen.text()).to.contain('SOS software not responding');
    store.clear();
  });

  it('a fault memory change still pending when the HMI stops is written, not lost', () => {
    const storage = window.localStorage;
    const store = localFaultMemoryStore(storage, 'sos-hmi.test.faultMemory');
    store.clear();
    const first = createHmi({ scenario: 'software-glitch', clock: 'manual', faultMemory: store });
    first.clock.advance(4000);
    first.dispose();
    const saved = JSON.parse(storage.getItem('sos-hmi.test.faultMemory') ?? '[]') as { cause?: string }[];
    expect(saved.some((e) => e.cause === 'softwareGlitch')).to.equal(true);
    store.clear();
  });
});
