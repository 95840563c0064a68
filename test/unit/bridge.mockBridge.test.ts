import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SimulatedClock } from '../../src/time/simulatedClock.js';
import { MockBridge, type MockBridgeOptions, type SimulatedVehicle } from '../../src/bridge/mockBridge.js';
import type { BridgeEvent } from '../../src/bridge/vehicleBridge.js';
import type { CommandAckSignal, VehicleSignal } from '../../src/bridge/signals.js';
import { COMMAND_ACK_TIMEOUT_MS, type SentCommand, type VehicleCommand } from '../../src/bridge/commands.js';
import { CommandTracker } from '../../src/bridge/commandTracker.js';

function setup(options: Partial<MockBridgeOptions> = {}) {
  const clock = new SimulatedClock(0);
  const logged: string[] = [];
  const bridge = new MockBridge({ clock, log: (m) => logged.push(m), ...options });
  const events: BridgeEvent[] = [];
  bridge.subscribe((e) => events.push(e));
  const signals = () => events.flatMap((e) => (e.kind === 'signal' ? [e.signal] : []));
  const acks = () => signals().filter((s): s is CommandAckSignal => s.type === 'commandAck');
  return { clock, bridge, events, signals, acks, logged, sim: bridge.sim! };
}

/** A vehicle that hears commands but never answers. */
class SilentVehicle implements SimulatedVehicle {
  readonly got: SentCommand[] = [];
  private listener: ((msg: unknown) => void) | undefined;
  onMessage(listener: (msg: unknown) => void) {
    this.listener = listener;
    return () => (this.listener = undefined);
  }
  receive(sent: SentCommand) {
    this.got.push(sent);
  }
  say(msg: unknown) {
    this.listener?.(msg);
  }
}

describe('MockBridge: link and signals', () => {
  it('is a connected mock bridge; a subscriber hears the link state at once', () => {
    const t = setup();
    assert.equal(t.bridge.kind, 'mock');
    assert.equal(t.bridge.connection, 'connected');
    assert.deepEqual(t.events[0], { kind: 'connection', state: 'connected' });
  });

  it("delivers the simulator's cyclic signals, validated", () => {
    const t = setup();
    t.clock.advance(2000);
    const ignition = t.signals().filter((s) => s.type === 'ignition');
    assert.deepEqual(
      ignition.map((s) => s.ts),
      [0, 1000, 2000],
    );
    assert.equal(t.bridge.rejected.length, 0);
    assert.equal(t.logged.length, 0);
  });

  it('unsubscribe stops delivery', () => {
    const t = setup();
    const mine: BridgeEvent[] = [];
    const off = t.bridge.subscribe((e) => mine.push(e));
    off();
    t.clock.advance(2000);
    assert.equal(mine.length, 1);
  });

  it('lost link: nothing delivered, and listeners are told', () => {
    const t = setup();
    t.bridge.setConnection('lost');
    t.clock.advance(2000);
    assert.deepEqual(t.events.slice(1), [{ kind: 'connection', state: 'lost' }]);
  });

  it('can start with the link lost (`?link=lost`): nothing arrives until it comes up', () => {
    const t = setup({ link: 'lost' });
    assert.deepEqual(t.events[0], { kind: 'connection', state: 'lost' });
    t.clock.advance(2000);
    assert.equal(t.signals().length, 0);
    t.bridge.setConnection('connected');
    t.clock.advance(1000);
    assert.deepEqual(t.events[1], { kind: 'connection', state: 'connected' });
    assert.ok(t.signals().some((s) => s.type === 'ignition' && s.ts === 3000));
  });
});

describe('MockBridge: boundary checks', () => {
  const bad: [string, unknown, RegExp][] = [
    ['unknown type', { type: 'teleport', ts: 0 }, /unknown signal type "teleport"/],
    [
      'malformed',
      { type: 'unitHealth', ts: 0, unit: 'telematics', status: 'great' },
      /unitHealth\.status: expected one of/,
    ],
    [
      'out of range',
      { type: 'gnss', ts: 0, fix: '3d', latitude: 123, longitude: 1, headingDeg: 1, trusted: true },
      /gnss\.latitude: expected a number from -90 to 90, got 123/,
    ],
    ['not JSON-like', 'garbage', /expected an object/],
  ];
  for (const [name, raw, error] of bad) {
    it(`refuses ${name}: logged, kept, never delivered`, () => {
      const t = setup();
      const before = t.events.length;
      t.bridge.injectRaw(raw);
      assert.equal(t.events.length, before);
      assert.equal(t.bridge.rejected.length, 1);
      assert.match(t.bridge.rejected[0]!.error, error);
      assert.equal(t.bridge.rejected[0]!.at, 0);
      assert.match(t.logged[0]!, /^\[sos-hmi bridge\] rejected/);
    });
  }

  it('a malformed "ok" never reaches a listener (cannot make anything ready)', () => {
    const t = setup();
    t.bridge.injectRaw({ type: 'unitHealth', ts: 0, unit: 'telematic', status: 'ok' });
    assert.ok(!t.signals().some((s) => s.type === 'unitHealth' && s.unit === 'telematics' && s.ts === 0));
  });

  it('logs with console.warn by default', () => {
    const clock = new SimulatedClock(0);
    const bridge = new MockBridge({ clock });
    const original = console.warn;
    const seen: unknown[] = [];
    console.warn = (...args: unknown[]) => void seen.push(args.join(' '));
    try {
      bridge.injectRaw({ type: 'nope', ts: 0 });
    } finally {
      console.warn = original;
    }
    assert.match(String(seen[0]), /^\[sos-hmi bridge\] rejected message: unknown signal type "nope"/);
  });

  it('refuses a signal older than the staleness limit on arrival', () => {
    const t = setup();
    t.clock.advance(10_000);
    const n = t.signals().length;
    t.bridge.injectRaw({ type: 'ignition', ts: 6999, state: 'on' });
    t.bridge.injectRaw({ type: 'ignition', ts: 7000, state: 'on' });
    assert.equal(t.signals().length, n + 1, 'exactly at the limit is still fresh');
    assert.match(t.bridge.rejected.at(-1)!.error, /ignition\.ts: stale, 3001 ms old \(limit 3000 ms\)/);
  });

  it('staleness limit is an option', () => {
    const t = setup({ stalenessMs: 500 });
    t.clock.advance(1000);
    t.bridge.injectRaw({ type: 'ignition', ts: 400, state: 'on' });
    assert.equal(t.bridge.rejected.length, 1);
  });

  it('keeps only the last 50 refusals', () => {
    const t = setup();
    for (let i = 0; i < 60; i++) t.bridge.injectRaw({ type: 'x', ts: i });
    assert.equal(t.bridge.rejected.length, 50);
    assert.match(t.bridge.rejected[0]!.raw, /"ts":10/);
  });

  it('an ack for a command nobody sent is refused', () => {
    const t = setup();
    t.bridge.injectRaw({ type: 'commandAck', ts: 0, commandId: 'cmd-99', command: 'endCall', ok: true });
    assert.equal(t.acks().length, 0);
    assert.match(t.bridge.rejected[0]!.error, /no command cmd-99/);
  });
});

describe('MockBridge: commands', () => {
  it("assigns ids, delivers after the latency, relays the vehicle's ack", () => {
    const t = setup();
    const id1 = t.bridge.send({ type: 'startTestCall' });
    const id2 = t.bridge.send({ type: 'callNow' });
    assert.deepEqual([id1, id2], ['cmd-1', 'cmd-2']);
    assert.equal(t.sim.commands.length, 0, 'not there yet');
    t.clock.advance(20);
    assert.deepEqual(
      t.sim.commands.map((c) => [c.id, c.at, c.command.type]),
      [
        ['cmd-1', 0, 'startTestCall'],
        ['cmd-2', 0, 'callNow'],
      ],
    );
    // The unit takes the test call and has no cancel window to cut short: accepted, then refused.
    assert.deepEqual(t.acks(), [
      { type: 'commandAck', ts: 20, commandId: 'cmd-1', command: 'startTestCall', ok: true },
      {
        type: 'commandAck',
        ts: 20,
        commandId: 'cmd-2',
        command: 'callNow',
        ok: false,
        error: 'no cancel window',
      },
    ]);
    assert.deepEqual(
      t.bridge.sent.map((s) => s.id),
      ['cmd-1', 'cmd-2'],
    );
    t.clock.advance(COMMAND_ACK_TIMEOUT_MS * 2);
    assert.equal(t.acks().length, 2, 'no timeout after a real ack');
  });

  it('a crash: the unit dials by itself and its session reports come through the bridge', () => {
    const t = setup();
    t.clock.advance(0);
    t.sim.crash();
    t.clock.advance(10_000);
    assert.deepEqual(t.acks(), [], 'nothing was asked of the vehicle');
    const phases: [string, number][] = [];
    for (const s of t.signals()) {
      if (s.type !== 'callSession') continue;
      if (phases.at(-1)?.[0] !== s.phase) phases.push([s.phase, s.ts]);
    }
    assert.deepEqual(phases, [
      ['idle', 0],
      ['dialing', 0],
      ['connected', 4000],
      ['voice', 6000],
    ]);
  });

  it('the bridge answers "timeout" when the vehicle stays silent', () => {
    const clock = new SimulatedClock(0);
    const vehicle = new SilentVehicle();
    const bridge = new MockBridge({ clock, simulator: vehicle, log: () => {} });
    const events: BridgeEvent[] = [];
    bridge.subscribe((e) => events.push(e));
    const id = bridge.send({ type: 'cancelCall' });
    clock.advance(COMMAND_ACK_TIMEOUT_MS - 1);
    assert.equal(vehicle.got.length, 1);
    assert.equal(events.length, 1);
    clock.advance(1);
    assert.deepEqual(events.at(-1), {
      kind: 'signal',
      signal: {
        type: 'commandAck',
        ts: COMMAND_ACK_TIMEOUT_MS,
        commandId: id,
        command: 'cancelCall',
        ok: false,
        error: 'timeout',
      },
    });
    // A late answer after the timeout is dropped: every command resolves exactly once.
    vehicle.say({ type: 'commandAck', ts: clock.now(), commandId: id, command: 'cancelCall', ok: true });
    assert.equal(events.length, 2);
    assert.equal(bridge.rejected.length, 1);
  });

  it('timeout during a battery reset (nobody powered to answer)', () => {
    const t = setup();
    t.sim.batteryReset();
    t.bridge.send({ type: 'requestSelfTest' });
    t.clock.advance(COMMAND_ACK_TIMEOUT_MS + 20);
    assert.deepEqual(
      t.acks().map((a) => [a.ok, a.error]),
      [[false, 'timeout']],
    );
  });

  it('a lost link times commands out', () => {
    const t = setup();
    t.bridge.setConnection('lost');
    t.bridge.send({ type: 'endCall' });
    t.clock.advance(COMMAND_ACK_TIMEOUT_MS);
    assert.equal(t.sim.commands.length, 0);
    // The command never left, but it is still answered: the bridge's own timeout ack.
    assert.deepEqual(
      t.acks().map((a) => [a.command, a.ok, a.error]),
      [['endCall', false, 'timeout']],
    );
  });

  it('a malformed command is refused before it leaves, answered with ok:false', () => {
    const t = setup();
    const id = t.bridge.send({
      type: 'setRingBypass',
      unit: 'amplifier',
      bypassed: 'yes',
    } as unknown as VehicleCommand);
    t.clock.advance(COMMAND_ACK_TIMEOUT_MS * 2);
    assert.equal(t.sim.commands.length, 0);
    assert.deepEqual(
      t.acks().map((a) => [a.commandId, a.ok, a.error]),
      [[id, false, 'setRingBypass.bypassed: expected true or false, got "yes"']],
    );
  });

  it("a refused request reaches the HMI as ok:false with the unit's reason", () => {
    const t = setup();
    t.sim.crash();
    t.bridge.send({ type: 'startTestCall' });
    t.bridge.send({ type: 'cancelCall' });
    t.clock.advance(100);
    assert.deepEqual(
      t.acks().map((a) => [a.command, a.ok, a.error]),
      [
        ['startTestCall', false, 'busy'],
        ['cancelCall', false, 'not cancellable'],
      ],
    );
  });

  it('a crash with out-of-range fields is delivered with them unknown, and counted', () => {
    const t = setup();
    t.clock.advance(0);
    t.sim.crash({ severity: 9, occupants: -1 });
    const crash = t.signals().find((s) => s.type === 'crash');
    assert.deepEqual(crash, {
      type: 'crash',
      ts: 0,
      severity: null,
      airbagDeployed: true,
      rollover: false,
      occupants: null,
    });
    assert.ok(t.bridge.incomplete.length >= 1);
    assert.match(
      t.bridge.incomplete[0]!.error,
      /crash\.severity: expected an integer from 1 to 4, got 9; taken as unknown/,
    );
  });

  it("ring break: the silent units' health stops arriving through the bridge", () => {
    const t = setup();
    t.clock.advance(0);
    t.sim.inject('most-node-failure:satellite-radio');
    const from = t.signals().length;
    t.clock.advance(3000);
    const units = new Set(
      t
        .signals()
        .slice(from)
        .flatMap((s: VehicleSignal) => (s.type === 'unitHealth' ? [s.unit] : [])),
    );
    assert.ok(!units.has('telematics') && !units.has('amplifier') && !units.has('hands-free'));
    assert.ok(units.has('head-unit') && units.has('gnss'));
  });

  it('dispose stops everything', () => {
    const t = setup();
    t.bridge.send({ type: 'startTestCall' });
    t.sim.pressSos(1000);
    t.bridge.dispose();
    assert.equal(t.clock.pendingTimers, 0);
    const n = t.events.length;
    t.clock.advance(60_000);
    assert.equal(t.events.length, n);
  });
});

describe('CommandTracker', () => {
  it('ids, history, settle once, timeout once', () => {
    const clock = new SimulatedClock(100);
    const timeouts: CommandAckSignal[] = [];
    const tracker = new CommandTracker({ clock, timeoutMs: 50, onTimeout: (a) => timeouts.push(a) });
    const a = tracker.track({ type: 'endCall' });
    const b = tracker.track({ type: 'requestSelfTest' });
    assert.deepEqual([a.id, a.at, b.id], ['cmd-1', 100, 'cmd-2']);
    assert.deepEqual(tracker.pending, ['cmd-1', 'cmd-2']);
    assert.equal(tracker.settle('cmd-1'), true);
    assert.equal(tracker.settle('cmd-1'), false);
    clock.advance(50);
    assert.deepEqual(timeouts, [
      {
        type: 'commandAck',
        ts: 150,
        commandId: 'cmd-2',
        command: 'requestSelfTest',
        ok: false,
        error: 'timeout',
      },
    ]);
    assert.equal(tracker.settle('cmd-2'), false);
    assert.equal(tracker.sent.length, 2);
  });
});
