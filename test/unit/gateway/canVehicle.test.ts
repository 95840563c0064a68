import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CanVehicle } from '../../../gateway/can/canVehicle.js';
import { DbcCodec } from '../../../gateway/can/dbc.js';
import { formatFrame } from '../../../gateway/can/frame.js';
import { MemoryCanBus, ReplayTransport } from '../../../gateway/can/transports.js';
import { parseCandumpLog } from '../../../gateway/can/candump.js';
import type { SourceOutput } from '../../../gateway/sources/source.js';
import { SimulatedClock } from '../../../src/time/simulatedClock.js';
import { PATHS } from '../../../src/bridge/vissPaths.js';

const codec = DbcCodec.fromFile();

async function setup() {
  const clock = new SimulatedClock(1_000_000);
  const bus = new MemoryCanBus();
  const vehicle = new CanVehicle({ transport: bus, codec, clock });
  const out: SourceOutput[] = [];
  vehicle.onOutput((o) => out.push(o));
  await vehicle.start();
  let k = 0;
  const klemmen = (stKl = 10) => bus.inject(codec.encode('KLEMMEN', { ALIV_COU_KL: k++ % 15, ST_KL: stKl }));
  const signals = () => out.flatMap((o) => (o.kind === 'signal' ? [o.signal] : []));
  const vss = (path: string) => out.flatMap((o) => (o.kind === 'vss' && o.path === path ? [o.value] : []));
  return { clock, bus, vehicle, out, klemmen, signals, vss };
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

  it('SOS button press and release with the held time; TEL_STATUS call reports by CALL_SEQ', async () => {
    const { bus, clock, signals } = await setup();
    bus.inject(codec.encode('SOS_BUTTON', { SOS_BTN: 1, ALIV_SOS_BTN: 0 }));
    clock.advance(2100);
    bus.inject(codec.encode('SOS_BUTTON', { SOS_BTN: 0, ALIV_SOS_BTN: 1 }));
    const tel = (k: number, phase: number, seq: number) =>
      bus.inject(
        codec.encode('TEL_STATUS', {
          CALL_PHASE: phase,
          CALL_SEQ: seq,
          CELL_REG: 1,
          CELL_BARS: 4,
          GNSS_FIX: 3,
          GNSS_TRUSTED: 1,
          ALIV_TEL: k,
        }),
      );
    tel(0, 0, 0);
    tel(1, 1, 1);
    tel(2, 1, 1); // cyclic repeat: no new report
    tel(3, 9, 2);
    const s = signals();
    assert.deepEqual(
      s.filter((x) => x.type === 'sosButton').map((x) => x.type === 'sosButton' && [x.action, x.heldMs]),
      [
        ['press', undefined],
        ['release', 2100],
      ],
    );
    assert.deepEqual(
      s.filter((x) => x.type === 'callProgress').map((x) => x.type === 'callProgress' && x.phase),
      ['dialing', 'failed'],
    );
  });

  it('commands leave as frames; with the interface down they fail instead', async () => {
    const { bus, vehicle } = await setup();
    assert.deepEqual(await vehicle.command({ type: 'setLed', led: 'green-steady' }), { ok: true });
    assert.deepEqual(await vehicle.command({ type: 'startCall', kind: 'automatic' }), { ok: true });
    assert.deepEqual(bus.sent.map(formatFrame), ['5E3#02', '5E4#0902']);
    bus.setUp(false);
    assert.equal(vehicle.bus, 'DOWN');
    assert.deepEqual(await vehicle.command({ type: 'endCall' }), { ok: false, error: 'interface down' });
    bus.setUp(true);
    assert.deepEqual(await vehicle.command({ type: 'endCall' }), { ok: true });
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
