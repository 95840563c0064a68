import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DoorRelease } from '../../src/bridge/signals.js';
import { safetySteps } from '../../src/machines/model/safetyGuidance.js';
import type { SafetyGuidanceView } from '../../src/machines/views.js';
import type { SosSafetyCard } from '../../src/screens/safety-card.js';
import { SafetyCardHarness } from '../../src/screens/safety-card-harness.js';
import '../../src/screens/safety-card.js';
import { applyTheme } from '../../src/styles/theme.js';
import { SAFETY_ELECTRIC } from '../harness/fake-services.js';

applyTheme('night');

async function card(view: SafetyGuidanceView, columns: 1 | 2 = 2): Promise<SafetyCardHarness> {
  const el = await fixture<SosSafetyCard>(
    html`<div style="width:880px;height:250px">
      <sos-safety-card .view=${view} columns=${columns}></sos-safety-card>
    </div>`,
  ).then((wrapper) => wrapper.querySelector('sos-safety-card')!);
  await el.updateComplete;
  await el.idrive.actionsRendered();
  return new SafetyCardHarness(el);
}

describe('sos-safety-card', () => {
  it('lists the steps in the order given; an electric car adds the high-voltage warning', async () => {
    const combustion = await card({
      ...SAFETY_ELECTRIC,
      steps: safetySteps({ powertrain: 'combustion', doorRelease: null }),
      doorRelease: null,
    });
    expect(await combustion.steps()).to.deep.equal([
      'hazardLights',
      'leaveAwayFromTraffic',
      'triangleAndVest',
      'keepClear',
    ]);
    expect(await combustion.stepText('leaveAwayFromTraffic')).to.equal(
      'Get out on the side away from traffic, if you can',
    );
    const electric = await card({
      ...SAFETY_ELECTRIC,
      steps: safetySteps({ powertrain: 'electric', doorRelease: 'cableInDoorPocket' }),
    });
    expect(await electric.steps()).to.deep.equal([
      'hazardLights',
      'leaveAwayFromTraffic',
      'triangleAndVest',
      'keepClear',
      'highVoltage',
      'doorRelease',
    ]);
    expect(await electric.isWarning('highVoltage')).to.equal(true);
    expect(await electric.isWarning('keepClear')).to.equal(false);
    expect(await electric.stepText('highVoltage')).to.equal(
      'Warning: High voltage: do not touch orange cables, keep away if it smokes',
    );
    await expect(electric.element).to.be.accessible();
  });

  it('says where the door release is, as the car reports it', async () => {
    const cases: [DoorRelease, string][] = [
      ['innerHandle', 'Doors will not open: pull the inner handle twice'],
      [
        'leverBesideWindowSwitch',
        'Doors will not open: lift the release lever in front of the window switches',
      ],
      ['cableInDoorPocket', 'Rear doors will not open: pull the cable under the door pocket mat'],
    ];
    for (const [doorRelease, text] of cases) {
      const harness = await card({ ...SAFETY_ELECTRIC, doorRelease });
      expect(await harness.stepText('doorRelease'), doorRelease).to.equal(text);
    }
  });

  it('hazard lights: a button, pending while asked, done once the car reports them on', async () => {
    const harness = await card(SAFETY_ELECTRIC);
    expect((await harness.hazardButton())?.label).to.equal('Hazard lights on');
    expect(await harness.focused()).to.equal('Hazard lights on');
    setTimeout(() => void harness.pressHazard());
    await oneEvent(harness.element, 'sos-safety-hazard-lights');
    let presses = 0;
    harness.element.addEventListener('sos-safety-hazard-lights', () => presses++);
    harness.element.view = { ...SAFETY_ELECTRIC, hazardLightsRequested: true };
    expect((await harness.hazardButton())?.label).to.equal('Switching on…');
    await harness.pressHazard();
    expect(presses, 'asked already').to.equal(0);
    harness.element.view = { ...SAFETY_ELECTRIC, hazardLightsOn: true, hazardLightsRequested: false };
    expect(await harness.hazardButton()).to.equal(null);
    expect(await harness.hazardDone()).to.equal(true);
    expect(await harness.text()).to.contain('Hazard lights are on');
    expect((await harness.parts('step'))[0]!.hasAttribute('data-done')).to.equal(true);
  });

  it('Close and Back close it; the controller stays inside', async () => {
    const harness = await card(SAFETY_ELECTRIC, 1);
    await sendKeys({ press: 'ArrowDown' });
    expect(await harness.focused()).to.equal('Close');
    await sendKeys({ press: 'ArrowDown' });
    expect(await harness.focused()).to.equal('Hazard lights on');
    setTimeout(() => void harness.close());
    await oneEvent(harness.element, 'sos-safety-close');
    setTimeout(() => void sendKeys({ press: 'Escape' }));
    await oneEvent(harness.element, 'sos-safety-close');
  });
});
