/**
 * Where CAN frames come from and go to. Every transport has the same small interface:
 * - `MemoryCanBus`: in-process bus (tests, and what the replay writes outgoing frames to);
 * - `ReplayTransport`: a `candump -L` log with its original timing (speed factor, looping);
 * - `SocketCanTransport`: live SocketCAN through the optional native `socketcan` package;
 * - `CanUtilsTransport`: live SocketCAN through can-utils' `candump`/`cansend` processes.
 * The live ones report the interface going down and keep trying until it is back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseLogLine } from './candump.js';
import { formatFrame, type CanFrame } from './frame.js';
import type { Clock } from '../../src/time/simulatedClock.js';

export type TransportState = 'up' | 'down';

export interface CanTransport {
  readonly name: string;
  onFrame(listener: (frame: CanFrame) => void): () => void;
  onState(listener: (state: TransportState, why?: string) => void): () => void;
  /** Puts a frame on the bus; rejects when it could not be sent (interface down). */
  send(frame: CanFrame): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

type FrameListener = (frame: CanFrame) => void;
type StateListener = (state: TransportState, why?: string) => void;

class Listeners {
  readonly frames = new Set<FrameListener>();
  readonly states = new Set<StateListener>();
  frame(frame: CanFrame): void {
    for (const l of [...this.frames]) l(frame);
  }
  state(state: TransportState, why?: string): void {
    for (const l of [...this.states]) l(state, why);
  }
}

abstract class BaseTransport implements CanTransport {
  abstract readonly name: string;
  protected readonly listeners = new Listeners();
  onFrame(listener: FrameListener): () => void {
    this.listeners.frames.add(listener);
    return () => this.listeners.frames.delete(listener);
  }
  onState(listener: StateListener): () => void {
    this.listeners.states.add(listener);
    return () => this.listeners.states.delete(listener);
  }
  abstract send(frame: CanFrame): Promise<void>;
  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
}

/** An in-process bus: `inject` is a frame from another node; `sent` is what the gateway transmitted. */
export class MemoryCanBus extends BaseTransport {
  readonly name = 'memory';
  readonly sent: CanFrame[] = [];
  private up = true;
  private readonly sentListeners = new Set<FrameListener>();

  inject(frame: CanFrame): void {
    if (this.up) this.listeners.frame(frame);
  }
  /** Called for every frame the gateway sends (tests: "the LED command comes out as a CAN frame"). */
  onSent(listener: FrameListener): () => void {
    this.sentListeners.add(listener);
    return () => this.sentListeners.delete(listener);
  }
  setUp(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    this.listeners.state(up ? 'up' : 'down', up ? undefined : 'interface down');
  }
  async send(frame: CanFrame): Promise<void> {
    if (!this.up) throw new Error('interface down');
    this.sent.push(frame);
    for (const l of [...this.sentListeners]) l(frame);
  }
  async start(): Promise<void> {
    this.listeners.state(this.up ? 'up' : 'down');
  }
  async stop(): Promise<void> {}
}

export interface ReplayOptions {
  readonly frames: readonly CanFrame[];
  readonly clock: Clock & { now(): number };
  /** 2 = twice as fast. Default 1. */
  readonly speed?: number;
  readonly loop?: boolean;
  /** Skip the first `fromS` seconds of the log (start mid-drive). */
  readonly fromS?: number;
  /** Outgoing frames land here (and in `sent`). */
  readonly bus?: MemoryCanBus;
  readonly onEnd?: () => void;
}

/**
 * Replays a recorded log with its original timing on the injected clock: each frame is due at
 * `(t - t0) / speed` after start. Timestamps stay exact (µs `bigint`) on the replayed frames.
 */
export class ReplayTransport extends BaseTransport {
  readonly name = 'replay';
  readonly bus: MemoryCanBus;
  private readonly frames: readonly CanFrame[];
  private readonly clock: Clock & { now(): number };
  private readonly speed: number;
  private readonly loop: boolean;
  private readonly fromUs: bigint;
  private readonly onEnd: (() => void) | undefined;
  private timer: number | undefined;
  private index = 0;
  private startedAt = 0;
  private running = false;
  /** Completed passes through the log. */
  passes = 0;

  constructor(options: ReplayOptions) {
    super();
    const frames = options.frames.filter((f) => f.timestampUs !== undefined);
    if (frames.length === 0) throw new Error('the replay log has no frames');
    this.frames = frames;
    this.clock = options.clock;
    this.speed = options.speed ?? 1;
    if (!(this.speed > 0)) throw new RangeError('replay speed must be > 0');
    this.loop = options.loop ?? false;
    this.fromUs = BigInt(Math.round((options.fromS ?? 0) * 1e6));
    this.bus = options.bus ?? new MemoryCanBus();
    this.onEnd = options.onEnd;
  }

  get logDurationMs(): number {
    const first = this.frames[0]!.timestampUs!;
    const last = this.frames[this.frames.length - 1]!.timestampUs!;
    return Number(last - first) / 1000;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.listeners.state('up');
    this.beginPass(true);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  async send(frame: CanFrame): Promise<void> {
    await this.bus.send(frame);
  }

  private beginPass(first: boolean): void {
    const t0 = this.frames[0]!.timestampUs!;
    this.index = 0;
    if (first && this.fromUs > 0n) {
      while (this.index < this.frames.length && this.frames[this.index]!.timestampUs! - t0 < this.fromUs)
        this.index++;
    }
    const skipUs = first ? this.fromUs : 0n;
    this.startedAt = this.clock.now() - Number(skipUs) / 1000 / this.speed;
    this.scheduleNext();
  }

  private scheduleNext(): void {
    if (!this.running) return;
    if (this.index >= this.frames.length) {
      this.passes++;
      if (this.loop) return this.beginPass(false);
      this.running = false;
      this.onEnd?.();
      return;
    }
    const t0 = this.frames[0]!.timestampUs!;
    const due = this.startedAt + Number(this.frames[this.index]!.timestampUs! - t0) / 1000 / this.speed;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        // Deliver every frame due by now (frames a few µs apart share one timer tick).
        const now = this.clock.now();
        while (this.running && this.index < this.frames.length) {
          const frame = this.frames[this.index]!;
          if (this.startedAt + Number(frame.timestampUs! - t0) / 1000 / this.speed > now) break;
          this.index++;
          this.listeners.frame(frame);
        }
        this.scheduleNext();
      },
      Math.max(0, due - this.clock.now()),
    );
  }
}

/** The subset of the `socketcan` package (4.x) this transport uses. */
interface SocketCanChannel {
  addListener(
    event: 'onMessage',
    cb: (m: { id: number; ext?: boolean; rtr?: boolean; data: Uint8Array }) => void,
  ): void;
  addListener(event: 'onStopped', cb: () => void): void;
  start(): void;
  stop(): void;
  send(m: { id: number; ext: boolean; rtr: boolean; data: Uint8Array }): void;
}
interface SocketCanModule {
  createRawChannel(iface: string, timestamps?: boolean): SocketCanChannel;
}

/** Loads the optional native `socketcan` package; null with the reason when it is not there. */
export async function loadSocketCan(): Promise<
  { module: SocketCanModule } | { module: null; reason: string }
> {
  try {
    const name = 'socketcan';
    const mod = (await import(/* @vite-ignore */ name)) as SocketCanModule & { default?: SocketCanModule };
    const module = typeof mod.createRawChannel === 'function' ? mod : mod.default;
    if (!module) return { module: null, reason: 'the socketcan package has no createRawChannel' };
    return { module };
  } catch (error) {
    return {
      module: null,
      reason: `the optional native package "socketcan" is not installed (npm install socketcan, Linux only): ${
        error instanceof Error ? error.message.split('\n')[0] : String(error)
      }`,
    };
  }
}

/** Live SocketCAN via the `socketcan` package; retries every `retryMs` while the interface is down. */
export class SocketCanTransport extends BaseTransport {
  readonly name: string;
  private channel: SocketCanChannel | null = null;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly iface: string,
    private readonly module: SocketCanModule,
    private readonly retryMs = 1000,
  ) {
    super();
    this.name = `socketcan:${iface}`;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.open();
  }

  private open(): void {
    if (this.stopped) return;
    try {
      const channel = this.module.createRawChannel(this.iface, true);
      channel.addListener('onMessage', (m) =>
        this.listeners.frame({
          id: m.id,
          extended: !!m.ext,
          remote: !!m.rtr,
          fd: false,
          error: false,
          data: Uint8Array.from(m.data),
          timestampUs: BigInt(Date.now()) * 1000n,
          iface: this.iface,
        }),
      );
      // The channel stops when the interface goes down: report it and reopen until it is back.
      channel.addListener('onStopped', () => {
        this.channel = null;
        this.listeners.state('down', `${this.iface} stopped`);
        this.later();
      });
      channel.start();
      this.channel = channel;
      this.listeners.state('up');
    } catch (error) {
      this.listeners.state('down', error instanceof Error ? error.message : String(error));
      this.later();
    }
  }

  private later(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.open();
    }, this.retryMs);
  }

  async send(frame: CanFrame): Promise<void> {
    if (!this.channel) throw new Error(`${this.iface} is down`);
    this.channel.send({ id: frame.id, ext: frame.extended, rtr: frame.remote, data: frame.data });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.channel?.stop();
    this.channel = null;
  }
}

/**
 * Live SocketCAN via can-utils: `candump -L <iface>` for reception (restarted when it exits, e.g.
 * the interface went down) and one `cansend <iface> <frame>` per transmitted frame.
 */
export class CanUtilsTransport extends BaseTransport {
  readonly name: string;
  private candump: ChildProcess | null = null;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly iface: string,
    private readonly retryMs = 1000,
    private readonly bin = { candump: 'candump', cansend: 'cansend' },
  ) {
    super();
    this.name = `can-utils:${iface}`;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.open();
  }

  private open(): void {
    if (this.stopped) return;
    const child = spawn(this.bin.candump, ['-L', this.iface], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.candump = child;
    let announced = false;
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!announced) {
        announced = true;
        this.listeners.state('up');
      }
      const parsed = parseLogLine(line);
      if (parsed?.ok) this.listeners.frame(parsed.frame);
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    child.on('error', (error) => {
      stderr += error.message;
    });
    child.on('close', () => {
      this.candump = null;
      if (this.stopped) return;
      this.listeners.state('down', stderr.trim().split('\n')[0] || `candump ${this.iface} exited`);
      this.retry = setTimeout(() => {
        this.retry = undefined;
        this.open();
      }, this.retryMs);
    });
  }

  send(frame: CanFrame): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.bin.cansend, [this.iface, formatFrame(frame)], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += String(chunk)));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(stderr.trim() || `cansend exited ${code}`)),
      );
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.candump?.kill();
    this.candump = null;
  }
}
