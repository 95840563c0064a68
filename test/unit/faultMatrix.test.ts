/**
 * The fault matrix, one generated test per cell: every fault of the product description injected in
 * every call phase, for manual and automatic calls, through the real simulator, the mock bridge and
 * the root machine. Expected outcomes come from test/unit/helpers/faultMatrix.ts, which also renders
 * the table in docs/fault-matrix.md (checked below, `UPDATE_DOCS=1` rewrites it).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Fault } from '../../src/sim/faults.js';
import {
  expectation,
  MATRIX_BEGIN,
  MATRIX_END,
  MATRIX_FAULTS,
  MATRIX_KINDS,
  MATRIX_PHASES,
  renderMatrixMarkdown,
  type MatrixKind,
  type MatrixPhase,
} from './helpers/faultMatrix.js';
import { Rig } from './helpers/vehicleRig.js';

/**
 * The regular run shortens the EN 16062 redial window (2 min → 20 s, interval 30 s → 5 s) and lets
 * the bus republish every 2.5 s (inside the 3 s staleness limit) so 300+ cells stay fast; the outcome
 * is the same, only sooner. `MATRIX_REAL_TIMERS=1` (used by `npm run fuzz`) runs every cell with the
 * default timers and the 1 s bus cycle.
 */
const REAL_TIMERS = process.env.MATRIX_REAL_TIMERS === '1';
const RIG_OPTIONS = REAL_TIMERS
  ? {}
  : { simulator: { cycleMs: 2500, telematics: { redialWindowMs: 20_000, redialIntervalMs: 5_000 } } };

/** Advances in small steps until `done()`; fails with `what` if it never happens. */
function waitFor(rig: Rig, what: string, done: () => boolean, maxMs = 30_000, stepMs = 100): void {
  for (let waited = 0; waited <= maxMs; waited += stepMs) {
    if (done()) return;
    rig.advance(stepMs);
  }
  assert.fail(`never reached: ${what} (call ${JSON.stringify(rig.call().screen)}/${rig.call().phase})`);
}

function trigger(rig: Rig, kind: MatrixKind): void {
  if (kind === 'manual') rig.sim.pressSos();
  else rig.sim.crash({ severity: 3, airbagDeployed: true, occupants: 2 });
}

/** Starts a call (manual: past the cancel window with "Call now") and waits until it dials. */
function dial(rig: Rig, kind: MatrixKind): void {
  trigger(rig, kind);
  if (kind === 'manual') {
    waitFor(rig, 'cancel window', () => rig.call().screen === 'cancelWindow');
    rig.user('user.callNow');
  }
  waitFor(rig, 'dialing', () => rig.call().phase === 'connecting' && rig.sim.session?.phase === 'dialing');
}

/** Brings a ready car to `phase` and injects `fault` there. */
function injectIn(rig: Rig, fault: Fault, phase: MatrixPhase, kind: MatrixKind): void {
  switch (phase) {
    case 'idle':
      rig.sim.inject(fault);
      rig.advance(1000);
      trigger(rig, kind);
      return;
    case 'cancelWindow':
      trigger(rig, kind);
      if (kind === 'manual') {
        waitFor(rig, 'cancel window', () => rig.call().screen === 'cancelWindow');
        rig.advance(2000);
      }
      // An automatic call has no cancel window: the fault arrives at the crash instant.
      rig.sim.inject(fault);
      return;
    case 'dialing':
      dial(rig, kind);
      rig.advance(1000);
      rig.sim.inject(fault);
      return;
    case 'dataSent':
      dial(rig, kind);
      waitFor(rig, 'data sent', () => rig.call().phase === 'dataSent');
      rig.sim.inject(fault);
      return;
    case 'voice':
      dial(rig, kind);
      waitFor(rig, 'voice', () => rig.call().phase === 'voice');
      rig.advance(5000);
      rig.sim.inject(fault);
      return;
    case 'callbackWindow':
      dial(rig, kind);
      waitFor(rig, 'voice', () => rig.call().phase === 'voice');
      rig.advance(5000);
      rig.sim.centreEndsCall();
      waitFor(rig, 'call ended', () => rig.call().screen === 'ended');
      rig.sim.inject(fault);
      rig.advance(5000);
      rig.sim.centreCallsBack();
      return;
  }
}

function runCell(fault: Fault, phase: MatrixPhase, kind: MatrixKind): void {
  const want = expectation(fault, phase, kind);
  const rig = Rig.ready(RIG_OPTIONS);
  try {
    assert.equal(rig.status().level, 'ready', 'the car starts ready');
    injectIn(rig, fault, phase, kind);
    rig.advance(100);
    assert.equal(rig.status().level, want.status, 'SOS status once the fault is present');

    // No lost call: once a call has started, a call screen stays until the outcome is shown.
    let started = rig.call().screen !== 'none';
    // Failed: the cancel window, then the redial window from the first failure, then some slack.
    // Long enough for the outcome: what is left of the cancel window, then answer + voice (≈ 6 s) or
    // the whole redial window from the first failure.
    const countdownLeft = kind === 'manual' && (phase === 'idle' || phase === 'cancelWindow');
    const unit = rig.sim.telematics;
    const horizonMs =
      (countdownLeft ? unit.cancelWindowMs : 0) +
      (want.end === 'failed' ? unit.redialWindowMs + 5_000 : rig.config.unconfirmedMs + 8_000);
    rig.advanceChecked(horizonMs, 1000, () => {
      const screen = rig.call().screen;
      if (want.end === 'noCall') {
        assert.equal(screen, 'none', 'no call screen for an unheard trigger');
        return;
      }
      if (screen !== 'none') started = true;
      else if (started) assert.fail(`the call went silently idle at ${rig.clock.now()}`);
    });

    const call = rig.call();
    assert.equal(rig.status().level, want.status, 'SOS status at the end');
    assert.ok(
      !rig.commands.some((c) => ['callNow', 'startTestCall'].includes(c.command.type) && c.at > 0 && false),
      'unused',
    );
    switch (want.end) {
      case 'noCall':
        assert.equal(call.screen, 'none');
        assert.ok(['idle', undefined].includes(rig.sim.session?.phase), 'the unit started no session');
        break;
      case 'unconfirmed':
        assert.equal(call.screen, 'unconfirmed');
        assert.equal(call.emergencyNumber, '112');
        assert.ok(call.position, 'the position to read out is shown');
        break;
      case 'continues':
      case 'continuesAudioLost':
        assert.equal(call.screen, 'active');
        assert.equal(call.phase, 'voice');
        assert.equal(call.audioMayBeLost, want.end === 'continuesAudioLost', 'audio may be lost');
        assert.equal(call.noVoiceHint, want.noVoiceHint, 'the centre has your position');
        assert.equal(call.failureReason, null);
        if (call.sent?.position)
          assert.equal(call.sent.position.trusted, !want.positionUntrusted, 'trust of the position sent');
        break;
      case 'failed':
        assert.equal(call.screen, 'failed');
        assert.equal(call.failureReason, want.failureReason);
        assert.equal(call.emergencyNumber, '112');
        assert.ok(call.position, 'the position to read out is shown');
        assert.equal(call.led, 'red');
        break;
      case 'callback':
      case 'callbackAudioLost':
        assert.equal(call.screen, 'callback');
        assert.equal(call.phase, 'voice');
        assert.equal(call.audioMayBeLost, want.end === 'callbackAudioLost', 'audio may be lost');
        assert.equal(rig.sim.session?.phase, 'callback', 'the unit answered the call-back');
        break;
      case 'noCallback':
        assert.equal(call.screen, 'ended');
        assert.notEqual(rig.sim.session?.phase, 'callback', 'nothing answered');
        break;
    }
  } finally {
    rig.dispose();
  }
}

for (const kind of MATRIX_KINDS) {
  describe(`fault matrix: ${kind} call`, () => {
    for (const phase of MATRIX_PHASES) {
      describe(phase, () => {
        for (const fault of MATRIX_FAULTS) {
          const want = expectation(fault, phase, kind);
          it(`${fault}: ${want.text}`, () => runCell(fault, phase, kind));
        }
      });
    }
  });
}

describe('fault matrix document', () => {
  it('docs/fault-matrix.md carries the table the tests check', () => {
    const url = new URL('../../docs/fault-matrix.md', import.meta.url);
    const doc = readFileSync(url, 'utf8');
    const begin = doc.indexOf(MATRIX_BEGIN);
    const end = doc.indexOf(MATRIX_END);
    assert.ok(begin >= 0 && end > begin, 'the document has the generated section markers');
    const table = renderMatrixMarkdown();
    const current = doc.slice(begin + MATRIX_BEGIN.length, end).trim();
    if (process.env.UPDATE_DOCS === '1' && current !== table) {
      writeFileSync(url, `${doc.slice(0, begin + MATRIX_BEGIN.length)}\n\n${table}\n\n${doc.slice(end)}`);
      return;
    }
    assert.equal(current, table, 'run UPDATE_DOCS=1 node --import tsx --test test/unit/faultMatrix.test.ts');
  });
});
