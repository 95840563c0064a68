/**
 * The vehicle gateway: CAN (live SocketCAN or a recorded candump log) and MOST, or the simulator,
 * published to the HMI as W3C VISS v2 over WebSocket.
 *
 *   npm run gateway -- --sim | --replay drive.log | --can vcan0
 *     [--port 8090] [--host 127.0.0.1] [--speed 2] [--loop] [--from 12.5]
 *     [--origin http://…]… [--token secret] [--scenario ready]
 *     [--most-socket /tmp/SocketMost.sock] [--most-fail telematics] [--can-driver socketcan|can-utils]
 *     [--serve dist] [--density 5.25] [--day-night day|night]
 *     [--cancel-window-ms 10000] [--hold-to-end-ms 2000] [--hold-to-end-policy always|untilConnected] …
 *
 * With `--sim` the simulated telematics unit owns the emergency call (a crash dials with no page
 * connected); the `--…-ms` and `--hold-to-end-policy` options set its calibration. A real unit (CAN)
 * has its own, so they are refused there.
 *
 * `--serve <dir>`: also serve the built HMI from that directory on the same port (the head unit's one
 * process, `npm run headunit`); the VISS endpoint is then `ws://host:port/viss`.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DAY_NIGHT_MODES, MOST_NODES, type DayNightMode, type MostNode } from '../src/bridge/signals.js';
import type { TelematicsSettings } from '../src/sim/types.js';
import { RealTimeDriver } from '../src/time/realTimeDriver.js';
import { SimulatedClock } from '../src/time/simulatedClock.js';
import { parseCandumpLog } from './can/candump.js';
import { CanVehicle } from './can/canVehicle.js';
import { DbcCodec } from './can/dbc.js';
import { formatFrame, formatLogLine } from './can/frame.js';
import {
  CanUtilsTransport,
  loadSocketCan,
  MemoryCanBus,
  ReplayTransport,
  SocketCanTransport,
  type CanTransport,
} from './can/transports.js';
import { MostNetwork } from './most/mostNetwork.js';
import { createMemoryMostLink, type MostTransport } from './most/protocol.js';
import { DEFAULT_MOST_RING, SimulatedMostRing } from './most/simulatedRing.js';
import { UnixDgramTransport } from './most/unixDgram.js';
import { SimSource } from './sources/simSource.js';
import { CombinedSource, type VehicleSource } from './sources/source.js';
import { createHmiServer } from './hmiServer.js';
import { DEFAULT_ORIGINS, VissServer } from './vissServer.js';

export interface GatewayArgs {
  mode: 'sim' | 'replay' | 'can';
  replayFile?: string;
  iface?: string;
  port: number;
  host: string;
  speed: number;
  loop: boolean;
  fromS: number;
  origins: string[];
  token: string | null;
  /** KUKSA's authorization: the RSA public key (PEM file) that signs the clients' JWTs. */
  jwtPublicKey: string | null;
  scenario: string | null;
  mostSocket: string | null;
  mostFail: MostNode[];
  canDriver: 'auto' | 'socketcan' | 'can-utils';
  txLog: string | null;
  /** Serve the built HMI from this directory on the same port (head-unit mode). */
  serve: string | null;
  /** The display's pixel density (physical px per mm), told to the HMI in head-unit mode. */
  density: number | null;
  /** With `--sim`: the car reports this day/night mode. */
  dayNight: DayNightMode | null;
  /** With `--sim`: the simulated telematics unit's calibration (only what was given). */
  telematics: Partial<Mutable<TelematicsSettings>>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The telematics unit's durations, as command-line options (ms, integers ≥ 0). */
const TELEMATICS_MS_OPTIONS = {
  '--cancel-window-ms': 'cancelWindowMs',
  '--trigger-hold-ms': 'triggerHoldMs',
  '--hold-to-end-ms': 'holdToEndMs',
  '--redial-window-ms': 'redialWindowMs',
  '--redial-interval-ms': 'redialIntervalMs',
  '--attempt-timeout-ms': 'attemptTimeoutMs',
  '--callback-window-ms': 'callbackWindowMs',
} as const satisfies Record<string, Exclude<keyof TelematicsSettings, 'holdToEndPolicy'>>;

const USAGE = `usage: npm run gateway -- (--sim | --replay <candump.log> | --can <iface>) [--port 8090] [--host 127.0.0.1]
  [--speed 1] [--loop] [--from <s>] [--origin <url>]... [--token <secret>] [--jwt-public-key <file>] [--scenario <name>]
  [--most-socket <path>] [--most-fail <unit>] [--can-driver auto|socketcan|can-utils] [--tx-log <file>]
  [--serve <dist dir>] [--density <px per mm>] [--day-night day|night]
  with --sim, the telematics unit's calibration: [--cancel-window-ms <ms>] [--trigger-hold-ms <ms>]
  [--hold-to-end-ms <ms>] [--hold-to-end-policy always|untilConnected] [--redial-window-ms <ms>]
  [--redial-interval-ms <ms>] [--attempt-timeout-ms <ms>] [--callback-window-ms <ms>]`;

export function parseArgs(argv: readonly string[]): GatewayArgs {
  const args: GatewayArgs = {
    mode: 'sim',
    port: 8090,
    host: '127.0.0.1',
    speed: 1,
    loop: false,
    fromS: 0,
    origins: [...DEFAULT_ORIGINS],
    token: null,
    jwtPublicKey: null,
    scenario: null,
    mostSocket: null,
    mostFail: [],
    canDriver: 'auto',
    txLog: null,
    serve: null,
    density: null,
    dayNight: null,
    telematics: {},
  };
  let modes = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return value;
    };
    switch (a) {
      case '--sim':
        args.mode = 'sim';
        modes++;
        break;
      case '--replay':
        args.mode = 'replay';
        args.replayFile = next();
        modes++;
        break;
      case '--can':
        args.mode = 'can';
        args.iface = next();
        modes++;
        break;
      case '--port':
        args.port = Number(next());
        if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)
          throw new Error('--port: 0–65535');
        break;
      case '--host':
        args.host = next();
        break;
      case '--speed':
        args.speed = Number(next());
        if (!(args.speed > 0)) throw new Error('--speed must be > 0');
        break;
      case '--loop':
        args.loop = true;
        break;
      case '--from':
        args.fromS = Number(next());
        if (!(args.fromS >= 0)) throw new Error('--from must be ≥ 0 seconds');
        break;
      case '--origin':
        args.origins.push(next());
        break;
      case '--token':
        args.token = next();
        break;
      case '--jwt-public-key':
        args.jwtPublicKey = next();
        break;
      case '--scenario':
        args.scenario = next();
        break;
      case '--most-socket':
        args.mostSocket = next();
        break;
      case '--most-fail': {
        const node = next();
        if (!(MOST_NODES as readonly string[]).includes(node))
          throw new Error(`--most-fail: one of ${MOST_NODES.join(', ')}`);
        args.mostFail.push(node as MostNode);
        break;
      }
      case '--can-driver': {
        const d = next();
        if (d !== 'auto' && d !== 'socketcan' && d !== 'can-utils')
          throw new Error('--can-driver: auto, socketcan or can-utils');
        args.canDriver = d;
        break;
      }
      case '--tx-log':
        args.txLog = next();
        break;
      case '--serve':
        args.serve = next();
        break;
      case '--density':
        args.density = Number(next());
        if (!(args.density >= 1 && args.density <= 40))
          throw new Error('--density: physical px per mm, 1–40');
        break;
      case '--day-night': {
        const mode = next();
        if (!(DAY_NIGHT_MODES as readonly string[]).includes(mode))
          throw new Error('--day-night: day or night');
        args.dayNight = mode as DayNightMode;
        break;
      }
      case '--hold-to-end-policy': {
        const policy = next();
        if (policy !== 'always' && policy !== 'untilConnected')
          throw new Error('--hold-to-end-policy: always or untilConnected');
        args.telematics.holdToEndPolicy = policy;
        break;
      }
      case '-h':
      case '--help':
        throw new Error(USAGE);
      default: {
        if (!Object.hasOwn(TELEMATICS_MS_OPTIONS, a)) throw new Error(`unknown option ${a}\n${USAGE}`);
        const ms = Number(next());
        if (!Number.isInteger(ms) || ms < 0 || ms > 24 * 3600_000)
          throw new Error(`${a}: whole milliseconds, 0 to 86400000`);
        args.telematics[TELEMATICS_MS_OPTIONS[a as keyof typeof TELEMATICS_MS_OPTIONS]] = ms;
      }
    }
  }
  if (modes > 1) throw new Error(`choose one of --sim, --replay, --can\n${USAGE}`);
  // A real telematics unit has its own calibration: the gateway cannot set it.
  if (args.mode !== 'sim' && Object.keys(args.telematics).length > 0)
    throw new Error('the telematics options (--cancel-window-ms …) need --sim');
  return args;
}

export interface Gateway {
  readonly server: VissServer;
  readonly clock: SimulatedClock;
  readonly bus: MemoryCanBus | null;
  readonly ring: SimulatedMostRing | null;
  readonly sim: SimSource | null;
  stop(): Promise<void>;
}

/** How `startGateway` runs, beside the command line (tests and tools). */
export interface StartOptions {
  /** `false` leaves the clock to the caller (tests); default: the clock follows wall time. */
  readonly driveClock?: boolean;
  readonly log?: (m: string) => void;
  /**
   * Test support: the vehicle clock starts at this epoch (ms) instead of now. With a driven clock, a
   * start in the past is caught up at once before the first client is served, so everything the
   * vehicle does in between happens as it would have (`--sim --scenario crash` with `startAt` 6 s ago:
   * a crash 6 s in the past and the call the telematics unit placed since, without waiting).
   */
  readonly startAt?: number;
}

/** Builds and starts a gateway. `driveClock: false` leaves the clock to the caller (tests). */
export async function startGateway(args: GatewayArgs, options: StartOptions = {}): Promise<Gateway> {
  const log = options.log ?? ((m: string) => console.log(m));
  const clock = new SimulatedClock(options.startAt ?? Date.now());
  const driver = options.driveClock === false ? null : new RealTimeDriver(clock, 1, 20);

  // MOST: the real SocketMost daemon, or the simulated ring over an in-memory link.
  let mostTransport: MostTransport;
  let ring: SimulatedMostRing | null = null;
  if (args.mostSocket) {
    mostTransport = new UnixDgramTransport({
      localPath: `${args.mostSocket}.sos-hmi`,
      peerPath: args.mostSocket,
    });
  } else {
    const link = createMemoryMostLink();
    mostTransport = link.client;
    ring = new SimulatedMostRing({ transport: link.daemon, clock });
    for (const node of args.mostFail) ring.fail(node);
  }
  const most = new MostNetwork({ transport: mostTransport, clock, order: DEFAULT_MOST_RING, log });

  let bus: MemoryCanBus | null = null;
  let sim: SimSource | null = null;
  const sources: VehicleSource[] = [];
  if (args.mode === 'sim') {
    sim = new SimSource({
      clock,
      scenario: args.scenario,
      telematics: args.telematics,
      ...(ring ? { ring } : {}),
    });
    sources.push(sim);
  } else {
    const codec = DbcCodec.fromFile();
    let transport: CanTransport;
    if (args.mode === 'replay') {
      const text = readFileSync(args.replayFile!, 'utf8');
      const parsed = parseCandumpLog(text);
      for (const e of parsed.errors) log(`[gateway] ${args.replayFile}: ${e.message} (skipped)`);
      bus = new MemoryCanBus();
      transport = new ReplayTransport({
        frames: parsed.frames,
        clock,
        speed: args.speed,
        loop: args.loop,
        fromS: args.fromS,
        bus,
        onEnd: () => log('[gateway] replay finished'),
      });
      log(
        `[gateway] replaying ${parsed.frames.length} frames from ${args.replayFile} at ${args.speed}×${args.loop ? ', looping' : ''}`,
      );
    } else {
      transport = await liveTransport(args.iface!, args.canDriver, log);
    }
    const txLog = args.txLog;
    const iface = args.iface ?? 'vcan0';
    const logged: CanTransport = {
      name: transport.name,
      onFrame: (l) => transport.onFrame(l),
      onState: (l) => transport.onState(l),
      start: () => transport.start(),
      stop: () => transport.stop(),
      send: async (frame) => {
        await transport.send(frame);
        log(`[gateway] TX ${formatFrame(frame)}`);
        if (txLog) appendFileSync(txLog, `${formatLogLine(frame, iface)}\n`);
      },
    };
    sources.push(new CanVehicle({ transport: logged, codec, clock, log }));
  }
  sources.push(most);

  // Head-unit mode: one port for the HMI and the vehicle link; the page's own origin is allowed.
  let http: HttpServer | null = null;
  let origins = args.origins;
  if (args.serve) {
    http = createHmiServer({
      root: args.serve,
      config: { bridge: 'ws', vissPath: '/viss', ...(args.density ? { density: args.density } : {}) },
    });
    const listening = http;
    await new Promise<void>((resolveListen, reject) => {
      listening.once('error', reject);
      listening.listen(args.port, args.host, () => resolveListen());
    });
    const port = (http.address() as AddressInfo).port;
    origins = [
      ...origins,
      `http://127.0.0.1:${port}`,
      `http://localhost:${port}`,
      `http://${args.host}:${port}`,
    ];
  }
  const server = new VissServer({
    source: new CombinedSource(sources),
    host: args.host,
    port: args.port,
    ...(http ? { server: http, path: '/viss' } : {}),
    origins,
    token: args.token,
    ...(args.jwtPublicKey ? { jwtPublicKey: readFileSync(args.jwtPublicKey, 'utf8') } : {}),
    now: () => clock.now(),
    log,
  });
  try {
    await server.start();
  } catch (error) {
    http?.close();
    throw error;
  }
  ring?.start();
  if (driver && options.startAt !== undefined) {
    // Started in the past (tests): the vehicle lives through the time up to now before real time takes over.
    const behind = Date.now() - clock.now();
    if (behind > 0) clock.advance(behind);
  }
  driver?.start();
  if (args.dayNight) sim?.sim.dayNight(args.dayNight);
  if (http) {
    log(`[gateway] head unit: HMI on http://${args.host}:${server.port}/ (from ${resolve(args.serve!)})`);
    log(`[gateway] ${args.mode} → VISS v2 on ws://${args.host}:${server.port}/viss (subprotocol VISSv2)`);
  } else {
    log(`[gateway] ${args.mode} → VISS v2 on ws://${args.host}:${server.port} (subprotocol VISSv2)`);
  }
  return {
    server,
    clock,
    bus,
    ring,
    sim,
    stop: async () => {
      driver?.stop();
      ring?.stop();
      await server.stop();
      if (http) {
        const closing = http;
        closing.closeAllConnections();
        await new Promise<void>((resolveClose) => closing.close(() => resolveClose()));
      }
      mostTransport.close();
    },
  };
}

async function liveTransport(
  iface: string,
  driver: GatewayArgs['canDriver'],
  log: (m: string) => void,
): Promise<CanTransport> {
  if (driver !== 'can-utils') {
    const loaded = await loadSocketCan();
    if (loaded.module) return new SocketCanTransport(iface, loaded.module);
    if (driver === 'socketcan') throw new Error(loaded.reason);
    log(`[gateway] ${loaded.reason}; trying can-utils (candump/cansend)`);
  }
  const probe = spawnSync('candump', ['-h'], { stdio: 'ignore' });
  if (probe.error) {
    throw new Error(
      'no live CAN access: install the optional "socketcan" package or Debian\'s can-utils (apt-get install can-utils)',
    );
  }
  return new CanUtilsTransport(iface);
}

const isMain = !!process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  let args: GatewayArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  startGateway(args).then(
    (gateway) => {
      const stop = () => {
        void gateway.stop().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(`[gateway] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
