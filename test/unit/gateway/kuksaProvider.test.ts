/**
 * The KUKSA provider (gateway/kuksa/provider.ts) against a fake databroker built from KUKSA's own
 * `kuksa.val.v2` protos (test/unit/helpers/fakeDatabroker.ts), over real gRPC on loopback. The
 * vehicle is the gateway's simulator on a simulated clock; only socket I/O between steps is real.
 * What the databroker stores is served to the HMI's `VissBridge` as KUKSA's VISS server writes it
 * (typed values as Rust prints them), into the real HMI machines.
 */
import { after, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { createActor } from 'xstate';
import { WebSocket } from 'ws';
import type { VehicleCommand } from '../../../src/bridge/commands.js';
import { commandToVss, PATHS, pathSpec } from '../../../src/bridge/vissPaths.js';
import { VissBridge, type VissSocket } from '../../../src/bridge/vissBridge.js';
import { toMachineEvent } from '../../../src/machines/events.js';
import { selectHmiState } from '../../../src/machines/selectors.js';
import { sosHmiMachine } from '../../../src/machines/sosHmiMachine.js';
import { SimulatedClock } from '../../../src/time/simulatedClock.js';
import { signJwt } from '../../../gateway/jwt.js';
import { parseArgs } from '../../../gateway/main.js';
import { VissServer } from '../../../gateway/vissServer.js';
import type { CommandResult, SourceOutput, VehicleSource } from '../../../gateway/sources/source.js';
import { GatewayTap, PROVIDED_ACTUATORS, PUBLISHED_PATHS } from '../../../gateway/kuksa/gatewayTap.js';
import {
  bearer,
  fromTimestamp,
  kuksaValueToText,
  loadValApi,
  toKuksaValue,
  type ActuateRequest,
  type ActuateResponse,
} from '../../../gateway/kuksa/kuksaApi.js';
import { KuksaProvider, parseProviderArgs } from '../../../gateway/kuksa/provider.js';
import { FakeDatabroker } from '../helpers/fakeDatabroker.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

interface Rig {
  broker: FakeDatabroker;
  tap: GatewayTap;
  provider: KuksaProvider;
  clock: SimulatedClock;
  logs: string[];
  /** Moves the vehicle clock in 50 ms steps, letting real I/O happen in between, until `until`. */
  run(ms: number, until?: () => boolean): Promise<boolean>;
  /** Lets real I/O finish with the vehicle clock standing still: the databroker catches up. */
  settle(): Promise<void>;
  dispose(): Promise<void>;
}

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of disposers.splice(0)) await d();
});

async function rig(
  options: { broker?: FakeDatabroker; token?: string | null | (() => string | null); sim?: string[] } = {},
): Promise<Rig> {
  const broker = options.broker ?? new FakeDatabroker();
  if (!broker.port) await broker.start();
  const tap = await GatewayTap.start(
    parseArgs(['--sim', ...(options.sim ?? [])]),
    { driveClock: false, log: () => {} },
    { setTimeoutMs: 1000 },
  );
  const clock = tap.gateway.clock;
  const logs: string[] = [];
  const provider = new KuksaProvider({
    address: broker.address,
    token: options.token ?? null,
    vehicle: tap,
    clock,
    backoff: { initialMs: 200, maxMs: 800 },
    log: (m) => logs.push(m),
  });
  provider.start();
  const r: Rig = {
    broker,
    tap,
    provider,
    clock,
    logs,
    async run(ms, until) {
      for (let done = 0; done < ms; done += 50) {
        if (until?.()) return true;
        // The vehicle moves on only once the databroker has what it published so far (a loaded
        // machine slows the I/O, never the test's outcome).
        await r.settle();
        clock.advance(50);
        await tick();
      }
      // What is still in flight (an answer, a publish) gets real time to land.
      for (let i = 0; i < 1000 && until && !until(); i++) await tick();
      return until?.() ?? true;
    },
    async settle() {
      for (let quiet = 0, i = 0; quiet < 3 && i < 1000; i++) {
        await tick();
        const s = r.provider.stats();
        quiet = !s.connected || s.backlog === 0 ? quiet + 1 : 0;
      }
    },
    async dispose() {
      await provider.stop();
      await tap.stop();
      r.broker.stop();
    },
  };
  disposers.push(() => r.dispose());
  return r;
}

/** What the databroker holds for a path, as KUKSA's VISS server would write it. */
function vissText(broker: FakeDatabroker, path: string): string | null {
  const value = broker.values.get(path)?.value;
  return value ? kuksaValueToText(value) : null;
}

/**
 * KUKSA's VISS endpoint over the fake's store: the project's VISS server (it answers as KUKSA does)
 * fed with the stored values as text. A `set` only stores the target and answers at once, as
 * KUKSA's VISS does.
 */
class DatabrokerAsViss implements VehicleSource {
  readonly name = 'kuksa';
  constructor(private readonly broker: FakeDatabroker) {}
  onOutput(listener: (output: SourceOutput) => void): () => void {
    const emit = (path: string) => {
      const text = vissText(this.broker, path);
      if (text !== null) listener({ kind: 'vss', path, value: text });
    };
    for (const path of this.broker.values.keys()) emit(path);
    return this.broker.onChange((path) => emit(path));
  }
  handles(): boolean {
    return true;
  }
  command(command: VehicleCommand): Promise<CommandResult> {
    const { path, value } = commandToVss(command);
    const typed = toKuksaValue(path, value);
    if (!typed.ok) return Promise.resolve({ ok: false, error: typed.error });
    this.broker.setTarget(path, typed.value);
    return Promise.resolve({ ok: true });
  }
  start(): Promise<void> {
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
}

/** A `kuksa.val.v2` client's `Actuate`, as an HMI on KUKSA's gRPC API would send it. */
function actuate(
  address: string,
  request: ActuateRequest,
  token: string | null = null,
): Promise<ActuateResponse> {
  const { methods } = loadValApi();
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  return new Promise<ActuateResponse>((resolveCall, reject) => {
    client.makeUnaryRequest(
      methods.Actuate.path,
      methods.Actuate.requestSerialize,
      methods.Actuate.responseDeserialize,
      request,
      bearer(token),
      (error, response) => (error || !response ? reject(error) : resolveCall(response)),
    );
  }).finally(() => client.close());
}

describe('KUKSA provider → fake databroker (kuksa.val.v2 from KUKSA’s protos)', () => {
  after(() => {
    for (const d of disposers.splice(0)) void d();
  });

  it('claims the request actuators first, then publishes every value the HMI reads: the HMI on KUKSA’s VISS shows SOS ready, and its cancel reaches the unit', async () => {
    const r = await rig();
    assert.ok(await r.run(5000, () => r.provider.stats().connected), 'the databroker takes the provider');
    // KUKSA's provider sequence: ids by ListMetadata, ProvideActuationRequest, then values.
    const firstProvide = r.broker.calls.indexOf('ProvideActuationRequest');
    assert.ok(firstProvide > 0, r.broker.calls.join(','));
    assert.ok(r.broker.calls.slice(0, firstProvide).every((c) => c === 'ListMetadata'));
    assert.deepEqual(r.broker.provideRequests, [[...PROVIDED_ACTUATORS]]);
    await r.run(3000);
    await r.settle();

    // Every value the gateway has is in the databroker, byte for byte as KUKSA's VISS will write it.
    for (const path of PUBLISHED_PATHS) {
      const own = r.tap.gateway.server.value(path);
      if (own === undefined) continue;
      const stored = vissText(r.broker, path);
      if (path === PATHS.latitude || path === PATHS.longitude || path === PATHS.heading)
        assert.equal(Number(stored), Number(own), path);
      else assert.equal(stored, own, `${path}\n${r.logs.join('\n')}`);
    }

    const viss = new VissServer({
      source: new DatabrokerAsViss(r.broker),
      port: 0,
      now: () => r.clock.now(),
      log: () => {},
      heartbeatMs: 0,
    });
    await viss.start();
    const hmiClock = new SimulatedClock(r.clock.now());
    const bridge = new VissBridge({
      url: `ws://127.0.0.1:${viss.port}`,
      clock: hmiClock,
      createSocket: (url, protocol) => new WebSocket(url, protocol) as unknown as VissSocket,
      log: () => {},
    });
    const actor = createActor(sosHmiMachine, { clock: hmiClock, input: { config: {} } });
    actor.on('command', (e) => bridge.send(e.command));
    actor.start();
    bridge.subscribe((event) => actor.send(toMachineEvent(event)));
    disposers.unshift(async () => {
      bridge.dispose();
      actor.stop();
      await viss.stop();
    });
    const ready = await r.run(10_000, () => {
      hmiClock.advance(50);
      return selectHmiState(actor).status.level === 'ready';
    });
    assert.ok(ready, JSON.stringify(selectHmiState(actor).status));
    assert.deepEqual(bridge.rejected, []);

    // The occupant presses SOS and cancels on screen: the HMI's VISS set only stores the target on
    // KUKSA; the provider sees the target change and the unit gets the request.
    r.tap.gateway.sim!.sim.pressSos();
    const step = () => {
      hmiClock.advance(50);
      return true;
    };
    assert.ok(
      await r.run(3000, () => step() && selectHmiState(actor).call.screen === 'cancelWindow'),
      'the cancel window on screen',
    );
    const commands = () => r.tap.gateway.server.commands.map((c) => c.type);
    assert.deepEqual(commands(), []);
    actor.send({ type: 'user.cancel' });
    assert.ok(await r.run(2000, () => step() && commands().length > 0));
    assert.deepEqual(commands(), ['cancelCall']);
    assert.ok(
      await r.run(3000, () => step() && selectHmiState(actor).call.screen === 'cancelled'),
      `the unit's report brings the cancelled notice: ${selectHmiState(actor).call.screen}`,
    );
    assert.equal(r.provider.stats().actuationsRefused, 0);
  });

  it('a request stored on the databroker before the provider came is never acted on (an old CallNow starts no call)', async () => {
    const broker = new FakeDatabroker();
    await broker.start();
    const callNow = toKuksaValue(PATHS.command.callNow, 'true');
    assert.ok(callNow.ok);
    broker.setTarget(PATHS.command.callNow, callNow.value);
    const r = await rig({ broker });
    assert.ok(await r.run(5000, () => r.provider.stats().connected), 'the databroker takes the provider');
    await r.run(2000);
    assert.deepEqual(r.tap.gateway.server.commands, []);
    assert.equal(r.provider.stats().actuations, 0);
    const session = JSON.parse(vissText(broker, PATHS.callSession)!) as { phase: string };
    assert.equal(session.phase, 'idle');
  });

  it('a crash in the simulator arrives as the crash event with its seq and the vehicle’s time', async () => {
    const r = await rig();
    assert.ok(await r.run(5000, () => r.provider.stats().connected), 'the databroker takes the provider');
    await r.run(1000, () => r.broker.values.has(PATHS.callSession));
    const before = r.broker.published.length;
    const crashAt = r.clock.now();
    r.tap.gateway.sim!.sim.crash({ severity: 3, airbagDeployed: true, rollover: false, occupants: 2 });
    assert.ok(await r.run(2000, () => r.broker.values.has(PATHS.crashEvent)));
    const event = JSON.parse(vissText(r.broker, PATHS.crashEvent)!) as Record<string, unknown>;
    assert.equal(typeof event.seq, 'number');
    assert.ok((event.seq as number) >= 1);
    assert.deepEqual(
      { severity: event.severity, airbagDeployed: event.airbagDeployed, occupants: event.occupants },
      { severity: 3, airbagDeployed: true, occupants: 2 },
    );
    // The same text the gateway's own VISS endpoint carries: one encoding, the gateway's.
    assert.equal(vissText(r.broker, PATHS.crashEvent), r.tap.gateway.server.value(PATHS.crashEvent));
    const ts = fromTimestamp(r.broker.values.get(PATHS.crashEvent)!.timestamp);
    assert.ok(ts !== null && ts >= crashAt && ts <= crashAt + 100, `ts ${ts} vs ${crashAt}`);
    // The unit dials by itself: its session report follows the crash.
    assert.ok(
      await r.run(3000, () => {
        const s = vissText(r.broker, PATHS.callSession);
        return s !== null && (JSON.parse(s) as { kind: unknown }).kind === 'automatic';
      }),
    );
    assert.ok(r.broker.published.length > before);
  });

  it('a kuksa.val.v2 client’s Actuate of the HMI’s cancel reaches the unit as BatchActuateStreamRequest by id; a refused one is answered with its reason', async () => {
    const r = await rig();
    assert.ok(await r.run(5000, () => r.provider.stats().connected), 'the databroker takes the provider');
    r.tap.gateway.sim!.sim.pressSos();
    assert.ok(
      await r.run(2000, () => {
        const s = vissText(r.broker, PATHS.callSession);
        return s !== null && (JSON.parse(s) as { cancellable: unknown }).cancellable === true;
      }),
      'the cancel window opens',
    );
    // The value the HMI's cancel carries (commandToVss), as the typed value KUKSA stores for it.
    const cancel = commandToVss({ type: 'cancelCall' });
    const value = toKuksaValue(cancel.path, cancel.value);
    assert.ok(value.ok);
    await actuate(r.broker.address, { signal_id: { path: cancel.path }, value: value.value });
    assert.ok(await r.run(2000, () => r.broker.actuationResponses.length === 1));
    assert.deepEqual(
      r.tap.gateway.server.commands.map((c) => c.type),
      ['cancelCall'],
    );
    const id = r.broker.actuationResponses[0]!.signal_id;
    assert.ok(id.signal === 'id' && typeof (id as { id: number }).id === 'number', JSON.stringify(id));
    assert.equal(r.broker.actuationResponses[0]!.error.code, 'ERROR_CODE_OK');
    assert.ok(
      await r.run(2000, () => {
        const s = vissText(r.broker, PATHS.callSession);
        return s !== null && (JSON.parse(s) as { phase: unknown }).phase !== 'cancelWindow';
      }),
      'the unit reports the cancelled session',
    );

    // Nothing to end now: the unit refuses, and the refusal goes back with its reason.
    const end = commandToVss({ type: 'endCall' });
    const endValue = toKuksaValue(end.path, end.value);
    assert.ok(endValue.ok);
    await actuate(r.broker.address, { signal_id: { path: end.path }, value: endValue.value });
    assert.ok(await r.run(2000, () => r.broker.actuationResponses.length === 2));
    const refused = r.broker.actuationResponses[1]!;
    assert.equal(refused.error.code, 'ERROR_CODE_INVALID_ARGUMENT');
    assert.ok(refused.error.message.length > 0);
    assert.equal(r.provider.stats().actuationsRefused, 1);
  });

  it('the databroker restarts: the provider logs it, retries with backoff, and republishes the latest of every value', async () => {
    const r = await rig();
    assert.ok(await r.run(5000, () => r.provider.stats().connected), 'the databroker takes the provider');
    await r.run(1000, () => r.broker.values.has(PATHS.callSession));
    const port = r.broker.port;
    r.broker.stop();
    assert.ok(await r.run(2000, () => r.provider.stats().connectionFailures >= 1));
    assert.equal(r.provider.stats().connected, false);
    // While the databroker is away the vehicle changes: only the latest state matters to KUKSA.
    r.tap.gateway.sim!.sim.inject('no-gps');
    await r.run(1500);
    const failures = r.provider.stats().connectionFailures;
    assert.ok(failures >= 2, `retried while away: ${failures}`);
    const restarted = new FakeDatabroker();
    await restarted.start(port);
    r.broker = restarted;
    assert.ok(await r.run(4000, () => r.provider.stats().connected));
    assert.deepEqual(restarted.provideRequests, [[...PROVIDED_ACTUATORS]]);
    await r.settle();
    for (const path of PUBLISHED_PATHS)
      if (r.tap.gateway.server.value(path) !== undefined && !pathSpec(path)?.event)
        assert.ok(restarted.values.has(path), path);
    assert.equal(vissText(restarted, PATHS.fixType), r.tap.gateway.server.value(PATHS.fixType));
    assert.equal(
      vissText(restarted, PATHS.unitStatus('gnss')),
      r.tap.gateway.server.value(PATHS.unitStatus('gnss')),
    );
    assert.ok(
      r.logs.some((l) => /lost databroker/.test(l)),
      r.logs.join('\n'),
    );
  });

  it('a crash while the databroker is away is not sent late (KUKSA would date it on arrival): the session report brings the call', async () => {
    const r = await rig();
    assert.ok(await r.run(5000, () => r.provider.stats().connected), 'the databroker takes the provider');
    await r.run(1000, () => r.broker.values.has(PATHS.callSession));
    const port = r.broker.port;
    r.broker.stop();
    assert.ok(await r.run(2000, () => r.provider.stats().connectionFailures >= 1));
    r.tap.gateway.sim!.sim.crash({ severity: 3, airbagDeployed: true, rollover: false, occupants: 1 });
    await r.run(1000);
    const restarted = new FakeDatabroker();
    await restarted.start(port);
    r.broker = restarted;
    assert.ok(await r.run(4000, () => r.provider.stats().connected));
    await r.settle();
    assert.equal(restarted.values.has(PATHS.crashEvent), false, 'no late crash event');
    assert.equal(r.provider.stats().eventsNotReplayed, 1);
    assert.ok(r.logs.some((l) => l.includes(PATHS.crashEvent) && /not sent late/.test(l)));
    const session = JSON.parse(vissText(restarted, PATHS.callSession)!) as { kind: unknown };
    assert.equal(session.kind, 'automatic');
    // A crash while connected goes at once, as before.
    r.tap.gateway.sim!.sim.crash({ severity: 2, airbagDeployed: false, rollover: false, occupants: 1 });
    assert.ok(await r.run(1000, () => restarted.values.has(PATHS.crashEvent)));
  });

  it('a token the databroker refuses: UNAUTHENTICATED is logged, counted and retried, nothing is published; a renewed token is taken at the next retry', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const broker = new FakeDatabroker({ jwtPublicKey: keys.publicKey });
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: 'p',
      iss: 'p',
      aud: ['kuksa.val'],
      iat: now,
      exp: now + 3600,
      scope: 'provide actuate',
    };
    let token = signJwt(claims, other.privateKey);
    const r = await rig({ broker, token: () => token });
    assert.ok(await r.run(3000, () => r.provider.stats().authFailures >= 2), r.logs.join('\n'));
    assert.ok(r.logs.some((l) => /refused the provider's token/.test(l)));
    assert.ok(broker.unauthenticated.length >= 2);
    assert.equal(broker.published.length, 0);
    assert.equal(r.provider.stats().connected, false);
    // The token file is renewed: the next retry reads it and the databroker takes the provider.
    token = signJwt(claims, keys.privateKey);
    assert.ok(await r.run(3000, () => r.provider.stats().connected), r.logs.join('\n'));
    assert.ok(await r.run(2000, () => broker.values.has(PATHS.callSession)));
  });

  it('with a valid provide/actuate token the same databroker takes the provider', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const broker = new FakeDatabroker({ jwtPublicKey: keys.publicKey });
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt(
      {
        sub: 'sos-provider',
        iss: 'sos-hmi',
        aud: ['kuksa.val'],
        iat: now,
        exp: now + 3600,
        scope:
          'provide:Vehicle actuate:Vehicle.Private.SOS.Command actuate:Vehicle.Body.Lights.Hazard.IsSignaling',
      },
      keys.privateKey,
    );
    const r = await rig({ broker, token });
    assert.ok(await r.run(5000, () => r.provider.stats().connected), 'the databroker takes the provider');
    assert.ok(await r.run(2000, () => broker.values.has(PATHS.callSession)));
    assert.deepEqual(broker.unauthenticated, []);
    assert.equal(r.provider.stats().authFailures, 0);
  });

  it('a second provider for the same requests is refused with ALREADY_EXISTS, says why, and retries; the first keeps them', async () => {
    const first = await rig();
    assert.ok(
      await first.run(5000, () => first.provider.stats().connected),
      'the databroker takes the provider',
    );
    const second = await rig({ broker: first.broker });
    assert.ok(
      await second.run(2000, () => second.provider.stats().connectionFailures >= 2),
      second.logs.join('\n'),
    );
    assert.ok(
      second.logs.some((l) => /refused the provider \(ALREADY_EXISTS/.test(l)),
      second.logs.join('\n'),
    );
    assert.equal(second.provider.stats().connected, false);
    assert.equal(first.provider.stats().connected, true);
    assert.equal(first.broker.provideRequests.length, 1);
  });

  it('a path missing from the databroker’s VSS tree is refused on its own: the crash still arrives', async () => {
    const broker = new FakeDatabroker({ omit: [PATHS.ecallService, PATHS.airbagDeployed] });
    const r = await rig({ broker });
    assert.ok(await r.run(5000, () => r.provider.stats().connected), 'the databroker takes the provider');
    r.tap.gateway.sim!.sim.crash({ severity: 2, airbagDeployed: true, rollover: false, occupants: 1 });
    assert.ok(await r.run(2000, () => broker.values.has(PATHS.crashEvent)));
    await r.run(2000, () => r.logs.some((l) => l.includes(PATHS.ecallService)));
    assert.ok(
      r.logs.some((l) => l.includes(PATHS.ecallService) && /NOT_FOUND/.test(l)),
      r.logs.join('\n'),
    );
    assert.ok(r.logs.some((l) => l.includes(PATHS.airbagDeployed) && /NOT_FOUND/.test(l)));
    assert.ok(r.provider.stats().refused >= 2);
    assert.equal(r.provider.stats().connected, true);
  });
});

describe('KUKSA provider: values and command line', () => {
  it('writes typed values as KUKSA’s VISS server prints them (Rust to_string)', () => {
    const f = toKuksaValue(PATHS.heading, '90');
    assert.ok(f.ok);
    assert.equal(kuksaValueToText(f.value), '90');
    assert.equal(kuksaValueToText({ typed_value: 'float', float: Math.fround(48.1424) }), '48.1424');
    assert.equal(kuksaValueToText({ typed_value: 'double', double: 11.5562 }), '11.5562');
    assert.equal(kuksaValueToText({ typed_value: 'bool', bool: true }), 'true');
    assert.equal(kuksaValueToText({ typed_value: 'uint32', uint32: 4 }), '4');
    const bars = toKuksaValue(PATHS.signalBars, '4');
    assert.ok(bars.ok && bars.value.typed_value === 'uint32');
    assert.equal(toKuksaValue(PATHS.signalBars, '-1').ok, false);
    assert.equal(toKuksaValue(PATHS.connectivity, 'yes').ok, false);
  });

  it('takes the gateway’s vehicle options and refuses the VISS server’s', () => {
    const a = parseProviderArgs(['--databroker', '127.0.0.1:55555', '--sim', '--scenario', 'crash']);
    assert.equal(a.databroker, '127.0.0.1:55555');
    assert.equal(a.gateway.mode, 'sim');
    assert.equal(a.gateway.scenario, 'crash');
    assert.equal(
      parseProviderArgs(['--databroker', 'kuksa:55555', '--replay', 'x.log']).gateway.mode,
      'replay',
    );
    assert.throws(() => parseProviderArgs(['--sim']), /--databroker/);
    assert.throws(
      () => parseProviderArgs(['--databroker', '127.0.0.1:55555', '--port', '8090']),
      /VISS server/,
    );
    assert.throws(() => parseProviderArgs(['--databroker', 'nohost']), /host:port/);
  });
});
