import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CanVehicle } from '../../../gateway/can/canVehicle.js';
import { DbcCodec } from '../../../gateway/can/dbc.js';
import { formatFrame, type CanFrame } from '../../../gateway/can/frame.js';
import { encodeSessionFrames, SessionAssembler } from '../../../gateway/can/sessionFrames.js';
import { MemoryCanBus, ReplayTransport } from '../../../gateway/can/transports.js';
import { parseCandumpLog } from '../../../gateway/can/candump.js';
import type { SourceOutput } from '../../../gateway/sources/source.js';
import { SimulatedClock } from '../../../src/time/simulatedClock.js';
import { PATHS } from '../../../src/bridge/vissPaths.js';
import type { VehicleCommand } from '../../../src/bridge/commands.js';
import { NO_CALL_SESSION, type CallSessionSignal } from '../../../src/bridge/signals.js';
import { validateSignal } from '../../../src/bridge/validation.js';

const codec = DbcCodec.fromFile();

/** An idle session at `ts`; spread to make others. */
function idle(ts: number, seq = 1): CallSessionSignal {
  return { type: 'callSession', ts, seq, ...NO_CALL_SESSION };
}

async function setup() {
  const clock = new SimulatedClock(1_780_000_000_000);
  const bus = new MemoryCanBus();
  const vehicle = new CanVehicle({ transport: bus, codec, clock, answerWaitMs: 300 });
  const out: SourceOutput[] = [];
  vehicle.onOutput((o) => out.push(o));
  await vehicle.start();
  let k = 0;
  const klemmen = (stKl = 10) => bus.inject(codec.encode('KLEMMEN', { ALIV_COU_KL: k++ % 15, ST_KL: stKl }));
  const signals = () => out.flatMap((o) => (o.kind === 'signal' ? [o.signal] : []));
  const sessions = () => signals().flatMap((x) => (x.type === 'callSession' ? [x] : []));
  const vss = (path: string) => out.flatMap((o) => (o.kind === 'vss' && o.path === path ? [o.value] : []));
  let alive = 0;
  /** The unit sends a report as the fixture tool does: three parts back to back at `clock.now()`. */
  const report = (session: CallSessionSignal, only?: readonly number[]) =>
    encodeSessionFrames(codec, session, alive++, clock.now()).forEach(
      (f, i) => (!only || only.includes(i)) && bus.inject(f),
    );
  return { clock, bus, vehicle, out, klemmen, signals, sessions, vss, report };
}

describe('CAN vehicle', () => {
  it('KLEMMEN ST_KL → ignition; a repeated alive counter (frozen sender) is ignored', async () => {
    const { bus, signals, klemmen } = await setup();
    klemmen(10);
    klemmen(2);
    bus.inject(codec.encode('KLEMMEN', { ALIV_COU_KL: 1, ST_KL: 10 })); // same counter as the last
    klemmen(6);
    assert.deepEqual(
      signals().map((s) => s.type === 'ignition' && s.state),
      ['on', 'off', 'accessory'],
    );
  });

  it('a cyclic message missing for 5 cycles goes stale; a silent bus is its own state', async () => {
    const { clock, klemmen, vehicle, vss } = await setup();
    for (let i = 0; i < 5; i++) {
      klemmen();
      clock.advance(100);
    }
    assert.equal(vehicle.bus, 'ACTIVE');
    clock.advance(450);
    assert.deepEqual(vehicle.staleMessages, ['KLEMMEN']);
    assert.equal(vehicle.bus, 'PARTLY_STALE');
    assert.deepEqual(vss(PATHS.lowVoltageSystemState), ['UNDEFINED']);
    clock.advance(600);
    assert.equal(vehicle.bus, 'SILENT');
    klemmen();
    assert.equal(vehicle.bus, 'ACTIVE');
    assert.deepEqual(vehicle.staleMessages, []);
  });

  it('with no telematics unit on the bus the navigation position still comes through, never trusted', async () => {
    const { bus, signals } = await setup();
    bus.inject(codec.encode('NAV_GPS1', { ST_LAT_NAVI: 48.1424, ST_LONG_NAVI: 11.5775 }));
    const gnss = signals().filter((x) => x.type === 'gnss');
    assert.equal(gnss.length, 1);
    const [fix] = gnss;
    assert.ok(fix?.type === 'gnss');
    assert.deepEqual([fix.fix, fix.trusted], ['2d', false]);
    assert.ok(
      Math.abs((fix.latitude ?? 0) - 48.1424) < 1e-6 && Math.abs((fix.longitude ?? 0) - 11.5775) < 1e-6,
    );
  });

  it('ST_CR: one crash event per crash; the first frame after start is only a baseline', async () => {
    const { bus, signals } = await setup();
    const stcr = (k: number, crash: boolean) =>
      bus.inject(
        codec.encode('ST_CR', {
          ALIV_ST_CR: k,
          ST_DEPLOY_AB: crash ? 1 : 0,
          ST_CRSE_FRT: crash ? 3 : 0,
          ST_CRSE_ROV: crash ? 2 : 0,
        }),
      );
    stcr(0, true); // already crashed when the gateway started: not announced again
    stcr(1, false);
    stcr(2, true);
    stcr(3, true);
    const crashes = signals().filter((s) => s.type === 'crash');
    assert.deepEqual(
      crashes.map((c) => c.type === 'crash' && [c.severity, c.airbagDeployed, c.rollover]),
      [[3, true, true]],
    );
  });

  it('ST_CR fields the airbag unit did not grade become unknown (null); occupancy is not on ST_CR', async () => {
    const { bus, signals } = await setup();
    const stcr = (k: number, values: Record<string, number>) =>
      bus.inject(codec.encode('ST_CR', { ALIV_ST_CR: k, ...values }));
    stcr(0, {});
    stcr(1, { ST_DEPLOY_AB: 3, ST_CRSE_FRT: 14, ST_CRSE_SIDE_LH: 2, ST_CRSE_ROV: 15 });
    stcr(2, {});
    stcr(3, { ST_DEPLOY_AB: 1, ST_CRSE_FRT: 13, ST_CRSE_ROV: 13 });
    const crashes = signals().filter((s) => s.type === 'crash');
    assert.deepEqual(
      crashes.map((c) => ({ ...c, ts: 0 })),
      [
        { type: 'crash', ts: 0, severity: 2, airbagDeployed: null, rollover: null, occupants: null },
        { type: 'crash', ts: 0, severity: null, airbagDeployed: true, rollover: null, occupants: null },
      ],
    );
    for (const c of crashes) {
      const checked = validateSignal(c);
      // null is the gateway's own "unknown": the crash is taken as it is, nothing to note.
      assert.ok(checked.ok && checked.unknownFields === undefined, 'taken as it is');
      assert.deepEqual(checked.signal, c);
    }
  });

  it('SOS button press and release with the held time; TEL_STATUS carries no call any more', async () => {
    const { bus, clock, signals } = await setup();
    bus.inject(codec.encode('SOS_BUTTON', { SOS_BTN: 1, ALIV_SOS_BTN: 0 }));
    clock.advance(2100);
    bus.inject(codec.encode('SOS_BUTTON', { SOS_BTN: 0, ALIV_SOS_BTN: 1 }));
    bus.inject(
      codec.encode('TEL_STATUS', { CELL_REG: 1, CELL_BARS: 4, GNSS_FIX: 3, GNSS_TRUSTED: 1, ALIV_TEL: 1 }),
    );
    const s = signals();
    assert.deepEqual(
      s.filter((x) => x.type === 'sosButton').map((x) => x.type === 'sosButton' && [x.action, x.heldMs]),
      [
        ['press', undefined],
        ['release', 2100],
      ],
    );
    assert.deepEqual(
      s.map((x) => x.type),
      ['sosButton', 'sosButton', 'cellular'],
    );
    assert.deepEqual(codec.message('TEL_STATUS')!.signals, [
      'CELL_REG',
      'CELL_BARS',
      'GNSS_FIX',
      'GNSS_TRUSTED',
      'ALIV_TEL',
      'CELL_ECALL',
    ]);
  });

  it('the session report round-trips exactly: encoded as the unit sends it, decoded into the same CallSessionSignal', async () => {
    const { clock, report, sessions } = await setup();
    const t = clock.now();
    const cases: CallSessionSignal[] = [
      idle(t, 0),
      {
        ...idle(t, 1),
        phase: 'cancelWindow',
        kind: 'manual',
        triggeredAt: t - 3000,
        cancelWindowEndsAt: t + 6900,
        cancellable: true,
        holdToEndMs: 2000,
        holdEndsAt: t + 1300,
      },
      {
        ...idle(t, 2),
        phase: 'voice',
        kind: 'automatic',
        attempt: 1,
        triggeredAt: t - 65_000,
        voiceSince: t - 41_000,
        msd: 'ackPositive',
        contactsNotified: true,
        audioMuted: true,
        crash: { severity: 4, airbagDeployed: true, rollover: true, occupants: 3 },
        transport: 'ngECall',
        msdUpdatedAt: t - 12_000,
      },
      {
        ...idle(t, 3),
        phase: 'redialWait',
        kind: 'automatic',
        attempt: 255,
        triggeredAt: t - 7_200_000,
        nextAttemptAt: t + 29_900,
        redialWindowEndsAt: t + 409_400,
        failureReason: 'no answer',
        callEnd: 'dropped',
        msd: 'ackNegative',
        crash: { severity: null, airbagDeployed: null, rollover: false, occupants: null },
        audioMuted: true,
        transport: 'eCall',
      },
      {
        ...idle(t, 65_535),
        phase: 'ended',
        kind: 'test',
        attempt: 2,
        triggeredAt: t - 300_000,
        callbackWindowEndsAt: t + 12 * 3600_000,
        callEnd: 'clearDown',
        failureReason: 'ring break',
        msd: 'sent',
        holdToEndMs: 25_400,
        transport: 'plain112',
        msdUpdatedAt: t - 7_200_000,
      },
      {
        ...idle(t, 4),
        phase: 'callback',
        kind: 'manual',
        voiceSince: t,
        callEnd: 'hungUp',
        audioMuted: true,
      },
      { ...idle(t, 5), phase: 'cancelled', kind: 'manual', cancelWindowEndsAt: t },
    ];
    for (const session of cases) {
      report(session);
      assert.deepEqual(sessions().at(-1), session);
      assert.ok(validateSignal(session).ok, 'a valid signal');
    }
    assert.equal(sessions().length, cases.length);
    // A reason the list does not have still says the attempt failed.
    report({ ...idle(t, 6), phase: 'failed', kind: 'manual', failureReason: 'SIM locked' });
    assert.equal(sessions().at(-1)?.failureReason, 'other');
  });

  it('a torn set is never published: parts of two sessions never make a report', async () => {
    const { clock, report, sessions, bus } = await setup();
    const t = clock.now();
    const dialing: CallSessionSignal = {
      ...idle(t, 10),
      phase: 'dialing',
      kind: 'manual',
      attempt: 1,
      triggeredAt: t,
    };
    const voice: CallSessionSignal = { ...dialing, seq: 11, phase: 'voice', voiceSince: t };
    report(dialing);
    assert.equal(sessions().length, 1);
    report(voice, [0]); // part 1 of the new report …
    report(dialing, [1]); // … a late part 2 of the old one …
    report(voice, [2]); // … and part 3 of the new one
    assert.equal(sessions().length, 1, 'no report from parts with different seqs');
    report(voice, [0]);
    assert.equal(sessions().length, 1, 'nor from an incomplete set');
    report(voice, [1]);
    assert.equal(sessions().length, 1, 'part 1 says a fourth part belongs to the report: not without it');
    report(voice, [3]); // parts 3, 1, 2, 4 of the same seq: the same report, complete
    assert.deepEqual(sessions().at(-1), voice);
    // Any order within a set, any other frames in between.
    report(dialing, [3]);
    report(dialing, [2]);
    bus.inject(codec.encode('KLEMMEN', { ALIV_COU_KL: 3, ST_KL: 10 }));
    report(dialing, [1]);
    report(dialing, [0]);
    assert.deepEqual(sessions().at(-1), dialing);
    assert.equal(sessions().length, 3);
    // A lone part after a gap: wrong parts from different cycles never combine across a seq change.
    const assembler = new SessionAssembler();
    const frames = (s: CallSessionSignal): CanFrame[] => encodeSessionFrames(codec, s, 1);
    const d = frames(dialing).map((f) => codec.decode(f)!);
    const v = frames(voice).map((f) => codec.decode(f)!);
    assert.equal(assembler.take('TEL_SESSION_1', d[0]!.signals, t), null);
    assert.equal(assembler.take('TEL_SESSION_2', v[1]!.signals, t), null);
    assert.equal(assembler.take('TEL_SESSION_3', d[2]!.signals, t), null);
    assert.equal(assembler.take('TEL_SESSION_1', d[0]!.signals, t), null);
  });

  it('cyclic repeats are delivered, with the absolute times first decoded for that seq', async () => {
    const { clock, report, sessions } = await setup();
    const t = clock.now();
    const window: CallSessionSignal = {
      ...idle(t, 20),
      phase: 'cancelWindow',
      kind: 'manual',
      triggeredAt: t,
      cancelWindowEndsAt: t + 10_000,
      cancellable: true,
      holdToEndMs: 2000,
    };
    report(window);
    for (let i = 1; i <= 4; i++) {
      clock.advance(530); // not a multiple of the fields' resolution
      report({ ...window, ts: clock.now() });
    }
    const got = sessions();
    assert.equal(got.length, 5, 'every repeat is published');
    assert.deepEqual(
      got.map((x) => [x.seq, x.triggeredAt, x.cancelWindowEndsAt]),
      got.map(() => [20, t, t + 10_000]),
      'the same seq is the same report: no deadline wobbles by rounding',
    );
    assert.deepEqual(
      got.map((x) => x.ts - t),
      [0, 530, 1060, 1590, 2120],
    );
  });

  it('a frozen unit (TEL_SESSION_1 alive counter stuck) publishes no report; an unknown phase is refused', async () => {
    const { clock, sessions, bus } = await setup();
    const s = idle(clock.now(), 30);
    const frames = encodeSessionFrames(codec, s, 4);
    frames.forEach((f) => bus.inject(f));
    frames.forEach((f) => bus.inject(f)); // the same alive counter again
    assert.equal(sessions().length, 1);
    const bad = encodeSessionFrames(codec, { ...s, seq: 31 }, 5);
    bad[0] = codec.encode('TEL_SESSION_1', { ...codec.decode(bad[0]!)!.signals, SESS_PHASE: 14 });
    bad.forEach((f) => bus.inject(f));
    assert.equal(sessions().length, 1, 'a phase the gateway cannot read is never guessed');
  });

  it('SOS_LED_CMD from the telematics unit becomes sosLed', async () => {
    const { bus, signals } = await setup();
    for (const mode of [1, 2, 3, 0]) bus.inject(codec.encode('SOS_LED_CMD', { LED_MODE: mode }));
    assert.deepEqual(
      signals().map((x) => x.type === 'sosLed' && x.led),
      ['green-blinking', 'green-steady', 'red', 'off'],
    );
  });

  it('requests leave as TEL_CALL_REQ; the unit answers by REQ_SEQ; no answer or a dead interface is no success', async () => {
    const { bus, vehicle, clock } = await setup();
    const tcb = (result: number) =>
      bus.onSent((f) => {
        const req = codec.decode(f);
        if (req?.name === 'TEL_CALL_REQ')
          bus.inject(codec.encode('TEL_CALL_RSP', { RSP_REQ_SEQ: req.signals.REQ_SEQ!, REQ_RESULT: result }));
      });
    let off = tcb(0);
    const requests: VehicleCommand[] = [
      { type: 'cancelCall' },
      { type: 'endCall' },
      { type: 'answerCallback' },
      { type: 'requestSelfTest' },
      { type: 'callNow' },
      { type: 'startTestCall' },
    ];
    for (const r of requests) assert.deepEqual(await vehicle.command(r), { ok: true }, r.type);
    assert.deepEqual(bus.sent.map(formatFrame), [
      '5E4#0101',
      '5E4#0202',
      '5E4#0303',
      '5E4#0404',
      '5E4#0505',
      '5E4#0606',
    ]);
    off();
    for (const [code, reason] of [
      [1, 'not cancellable'],
      [2, 'no cancel window'],
      [3, 'automatic call'],
      [4, 'no call'],
      [5, 'no call-back'],
      [6, 'busy'],
      [7, 'not endable'],
      [12, 'refused'],
    ] as const) {
      off = tcb(code);
      assert.deepEqual(await vehicle.command({ type: 'cancelCall' }), { ok: false, error: reason });
      off();
    }
    // Nobody answers (a recording, a dead unit): no acknowledgement, the HMI reports the timeout.
    const pending = vehicle.command({ type: 'callNow' });
    clock.advance(300);
    assert.equal(await pending, null);
    bus.setUp(false);
    assert.equal(vehicle.bus, 'DOWN');
    assert.deepEqual(await vehicle.command({ type: 'endCall' }), { ok: false, error: 'interface down' });
    bus.setUp(true);
    assert.equal(clock.pendingTimers > 0, true);
  });

  it('the head unit never starts a call, drives the LED or mutes audio on CAN', async () => {
    const { bus, vehicle } = await setup();
    for (const gone of [
      { type: 'startCall', kind: 'manual' },
      { type: 'setLed', led: 'red' },
      { type: 'muteAudio', muted: true },
      { type: 'setRingBypass', unit: 'amplifier', bypassed: true },
    ]) {
      const command = gone as unknown as VehicleCommand;
      assert.equal(vehicle.handles(command), false, gone.type);
      assert.deepEqual(await vehicle.command(command), { ok: false, error: 'not supported on CAN' });
    }
    assert.deepEqual(bus.sent, []);
    assert.equal(codec.message('HU_SOS_AUDIO'), undefined);
    assert.deepEqual(codec.message('TEL_CALL_REQ')!.signals, ['CALL_REQ', 'REQ_SEQ']);
  });

  it('replay keeps the original timing, with a speed factor, looping and a start offset', () => {
    const { frames } = parseCandumpLog(
      ['(100.000000) vcan0 123#01', '(100.500000) vcan0 123#02', '(101.000000) vcan0 123#03'].join('\n'),
    );
    const clock = new SimulatedClock(0);
    const got: [number, string][] = [];
    const replay = new ReplayTransport({ frames, clock, speed: 2, loop: true });
    replay.onFrame((f) => got.push([clock.now(), formatFrame(f)]));
    void replay.start();
    clock.advance(1100);
    void replay.stop();
    assert.deepEqual(got, [
      [0, '123#01'],
      [250, '123#02'],
      [500, '123#03'],
      [500, '123#01'],
      [750, '123#02'],
      [1000, '123#03'],
      [1000, '123#01'],
    ]);
    assert.equal(got.length > 0 && frames[1]!.timestampUs, 100_500_000n);
    const late: string[] = [];
    const from = new ReplayTransport({ frames, clock: new SimulatedClock(0), fromS: 0.4 });
    from.onFrame((f) => late.push(formatFrame(f)));
    void from.start();
    assert.deepEqual(late, []);
  });
});
