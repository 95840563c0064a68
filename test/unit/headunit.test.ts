/**
 * The head-unit runtime: a call already up in the vehicle is joined after a reload (never dialled
 * again), the day/night signal end to end through VSS, `config.json` and the display density.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PATHS, signalToVss, VssSignalAssembler, SUBSCRIBED_PATHS } from '../../src/bridge/vissPaths.js';
import { validateSignal } from '../../src/bridge/validation.js';
import { cssPxToMm, DISPLAY_PRESETS, emergencyTargetPx } from '../../src/app/display.js';
import { parseHmiConfig } from '../../src/app/hmiConfig.js';
import { parseHmiOptions } from '../../src/app/urlOptions.js';
import { createHmi } from '../../src/app/createHmi.js';
import { headUnitArgv } from '../../gateway/headunit.js';
import { Hmi } from './helpers/hmiHarness.js';

const memoryStore = { load: () => [], save: () => {}, clear: () => {} };

describe('reload during a call: the HMI shows the call the vehicle has up', () => {
  it('a voice call reported on start shows the active call screen and sends nothing', () => {
    const hmi = new Hmi().readyCar();
    const now = hmi.clock.now();
    hmi.session({
      phase: 'voice',
      kind: 'manual',
      attempt: 1,
      triggeredAt: now - 20_000,
      voiceSince: now - 12_000,
      holdToEndMs: 2000,
    });
    hmi.signal({ type: 'sosLed', led: 'green-steady' });
    assert.equal(hmi.call().screen, 'active');
    assert.equal(hmi.call().phase, 'voice');
    assert.equal(hmi.call().kind, 'manual');
    assert.equal(hmi.call().elapsedS, 12);
    hmi.advance(30_000);
    assert.deepEqual(hmi.commands, [], 'a call the vehicle has up is never asked for again');
    assert.equal(hmi.state().led, 'green-steady');
  });

  it('an automatic call offers no hang-up (only the centre ends it)', () => {
    const hmi = new Hmi().readyCar();
    hmi.session({ phase: 'connected', kind: 'automatic', attempt: 1, msd: 'sent' });
    assert.equal(hmi.call().screen, 'active');
    assert.equal(hmi.call().kind, 'automatic');
    assert.equal(hmi.call().canEndByHold, false);
  });

  it('a call that is over shows its summary, with the call-back window left', () => {
    const hmi = new Hmi().readyCar();
    hmi.session({
      phase: 'ended',
      kind: 'automatic',
      attempt: 1,
      callEnd: 'clearDown',
      callbackWindowEndsAt: hmi.clock.now() + 600_000,
    });
    assert.equal(hmi.call().screen, 'ended');
    assert.equal(hmi.call().callbackRemainingS, 600);
  });
});

describe('day/night mode (Vehicle.Cabin.Infotainment.HMI.DayNightMode)', () => {
  it('travels as DAY/NIGHT and comes back as the same signal; the HMI subscribes to it', () => {
    for (const mode of ['day', 'night'] as const) {
      const updates = signalToVss({ type: 'dayNight', ts: 5, mode }, 0);
      assert.deepEqual(updates, [{ path: PATHS.dayNightMode, value: mode === 'day' ? 'DAY' : 'NIGHT' }]);
      const out = new VssSignalAssembler().update(updates[0]!.path, updates[0]!.value, 5);
      assert.deepEqual(out.signals, [{ type: 'dayNight', ts: 5, mode }]);
      assert.equal(validateSignal(out.signals[0]).ok, true);
    }
    assert.ok(SUBSCRIBED_PATHS.includes(PATHS.dayNightMode));
    assert.equal(validateSignal({ type: 'dayNight', ts: 1, mode: 'dusk' }).ok, false);
  });

  it('goes to the theme hook, never into the SOS machines', () => {
    const modes: string[] = [];
    const hmi = createHmi({ clock: 'manual', faultMemory: memoryStore, onDayNight: (m) => modes.push(m) });
    hmi.clock.advance(4000);
    const before = JSON.stringify(hmi.state().status);
    hmi.sim!.dayNight('day');
    hmi.sim!.dayNight('night');
    assert.deepEqual(modes, ['day', 'night']);
    assert.equal(JSON.stringify(hmi.state().status), before);
    hmi.dispose();
  });
});

describe('config.json and URL defaults', () => {
  const location = { protocol: 'http:', host: '127.0.0.1:8090' };

  it('head-unit mode: the vehicle link on the page origin', () => {
    const { defaults, warnings } = parseHmiConfig(
      { bridge: 'ws', vissPath: '/viss', density: 6.56 },
      location,
    );
    assert.deepEqual(defaults, { bridge: 'ws', url: 'ws://127.0.0.1:8090/viss', density: 6.56 });
    assert.deepEqual(warnings, []);
    const options = parseHmiOptions('', [], defaults);
    assert.equal(options.bridge, 'ws');
    assert.equal(options.url, 'ws://127.0.0.1:8090/viss');
    assert.equal(options.density, 6.56);
  });

  it('URL parameters win over config.json; junk is reported, not used', () => {
    const { defaults, warnings } = parseHmiConfig({ bridge: 'carrier-pigeon', density: 0 }, location);
    assert.deepEqual(defaults, {});
    assert.equal(warnings.length, 2);
    const options = parseHmiOptions('?bridge=mock&theme=day&density=5.9', [], { bridge: 'ws' });
    assert.equal(options.bridge, 'mock');
    assert.equal(options.themeFromUrl, true);
    assert.equal(options.density, 5.9);
    assert.equal(parseHmiOptions('', [], {}).themeFromUrl, false);
  });

  it('npm run headunit: the simulator and dist/ unless told otherwise', () => {
    assert.deepEqual(headUnitArgv([], '/r'), ['--sim', '--serve', '/r/dist']);
    assert.deepEqual(headUnitArgv(['--can', 'can0', '--serve', 'x'], '/r'), [
      '--can',
      'can0',
      '--serve',
      'x',
    ]);
  });
});

describe('display presets and the 15 mm emergency target', () => {
  it('every preset is back at 1280×480 CSS px and its target is ≥ 15 mm on the glass', () => {
    for (const p of DISPLAY_PRESETS) {
      assert.equal(Math.round(p.width / p.dpr), 1280, p.name);
      assert.equal(Math.round(p.height / p.dpr), 480, p.name);
      const px = emergencyTargetPx(p.density, p.dpr);
      assert.ok(cssPxToMm(px, p.density, p.dpr) >= 15, `${p.name}: ${px} px`);
      assert.ok(cssPxToMm(px - 1, p.density, p.dpr) < 15, `${p.name}: the smallest such size`);
    }
  });
});
