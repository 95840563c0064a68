/**
 * The MOST protocol layer on the head unit's side: consumes the SocketMost events (from the real
 * daemon or the simulated ring), tracks ring lock, which units answer, and the network master's
 * ring-break diagnosis, and publishes the `mostRing` signal (on change and every `cycleMs`).
 * Handles the bypass command by addressing the NetworkMaster.
 */
import type { VehicleCommand } from '../../src/bridge/commands.js';
import type { MostNode, MostRingSignal } from '../../src/bridge/signals.js';
import type { Clock } from '../../src/time/simulatedClock.js';
import type { CommandResult, SourceOutput, VehicleSource } from '../sources/source.js';
import {
  FBLOCK,
  FKT,
  NODE_FBLOCK,
  OPTYPE,
  parseSocketMostEvent,
  type MostTransport,
  type SocketMostCommand,
} from './protocol.js';

export interface MostNetworkOptions {
  readonly transport: MostTransport;
  readonly clock: Clock & { now(): number };
  /** Ring order in light direction from the master (configuration, as the car's coding knows it). */
  readonly order: readonly MostNode[];
  readonly cycleMs?: number;
  readonly log?: (message: string) => void;
}

export class MostNetwork implements VehicleSource {
  readonly name = 'most';
  private readonly transport: MostTransport;
  private readonly clock: Clock & { now(): number };
  private readonly order: readonly MostNode[];
  private readonly cycleMs: number;
  private readonly log: (message: string) => void;
  private readonly listeners = new Set<(output: SourceOutput) => void>();
  private readonly offs: (() => void)[] = [];
  private readonly bypassed = new Set<MostNode>();
  private locked: boolean | null = null;
  private breakPos: number | null = null;
  private transportUp = false;
  private timer: number | undefined;
  /** Errors met on the socket (bad datagrams), for diagnostics. */
  readonly errors: string[] = [];

  constructor(options: MostNetworkOptions) {
    this.transport = options.transport;
    this.clock = options.clock;
    this.order = options.order;
    this.cycleMs = options.cycleMs ?? 1000;
    this.log = options.log ?? (() => {});
  }

  onOutput(listener: (output: SourceOutput) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  handles(command: VehicleCommand): boolean {
    return command.type === 'setRingBypass';
  }

  async command(command: VehicleCommand): Promise<CommandResult> {
    if (command.type !== 'setRingBypass') return { ok: false, error: 'not a MOST command' };
    const pos = this.order.indexOf(command.unit);
    if (pos < 0) return { ok: false, error: `${command.unit} is not on this ring` };
    if (!this.transportUp) return { ok: false, error: 'MOST interface down' };
    this.sendCommand({
      eventType: 'sendControlMessage',
      targetAddressHigh: 0x01,
      targetAddressLow: 0x00,
      fBlockID: FBLOCK.NetworkMaster,
      instanceID: 0,
      fktId: FKT.Bypass,
      opType: OPTYPE.Set,
      data: [pos, command.bypassed ? 1 : 0],
    });
    if (command.bypassed) this.bypassed.add(command.unit);
    else this.bypassed.delete(command.unit);
    return { ok: true };
  }

  async start(): Promise<void> {
    this.offs.push(this.transport.onMessage((text) => this.receive(text)));
    this.offs.push(
      this.transport.onState((state, why) => {
        this.transportUp = state === 'up';
        if (!this.transportUp) {
          this.log(`[gateway] MOST socket down${why ? `: ${why}` : ''}`);
          // Without the interface the ring state is unknown: say nothing, let it go stale.
          this.locked = null;
        } else {
          this.sendCommand({ eventType: 'getMaster' });
          this.sendCommand({ eventType: 'getNodePosition' });
        }
      }),
    );
    this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    for (const off of this.offs.splice(0)) off();
  }

  /** The ring as last diagnosed, or null before the first lock/unlock event. */
  get ring(): MostRingSignal | null {
    if (this.locked === null) return null;
    const closed = this.locked;
    const pos = this.breakPos;
    const n = this.order.length;
    return {
      type: 'mostRing',
      ts: this.clock.now(),
      nodes: [...this.order],
      closed,
      silent: closed ? [] : this.order.filter((node) => node !== 'head-unit'),
      ...(!closed && pos !== null
        ? { breakBetween: [this.order[(pos - 1 + n) % n]!, this.order[pos]!] as const }
        : {}),
      ...(this.bypassed.size ? { bypassed: this.order.filter((node) => this.bypassed.has(node)) } : {}),
    };
  }

  private tick(): void {
    this.timer = this.clock.setTimeout(() => this.tick(), this.cycleMs);
    this.publish();
  }

  private publish(): void {
    const ring = this.ring;
    if (ring) for (const l of [...this.listeners]) l({ kind: 'signal', signal: ring });
  }

  private receive(text: string): void {
    const parsed = parseSocketMostEvent(text);
    if (!parsed.ok) {
      this.errors.push(parsed.error);
      if (this.errors.length > 50) this.errors.shift();
      this.log(`[gateway] ${parsed.error}`);
      return;
    }
    const e = parsed.event;
    switch (e.eventType) {
      case 'locked':
        this.locked = true;
        this.breakPos = null;
        return this.publish();
      case 'unlocked':
        this.locked = false;
        this.breakPos = null;
        return this.publish();
      case 'newMessage':
        if (
          e.fBlockID === FBLOCK.Diagnosis &&
          e.fktID === FKT.RingBreakResult &&
          e.opType === OPTYPE.Status
        ) {
          const pos = e.data[0];
          if (pos !== undefined && pos < this.order.length) {
            this.breakPos = pos;
            this.publish();
          }
        } else if (e.fBlockID === FBLOCK.NetBlock && this.locked === null) {
          // A unit answering means the ring carries light.
          const node = this.order.find((n) => NODE_FBLOCK[n] === e.data[0]);
          if (node) {
            this.locked = true;
            this.publish();
          }
        }
        return;
      case 'positionUpdate':
      case 'masterFound':
      case 'messageSent':
        return;
    }
  }

  private sendCommand(command: SocketMostCommand): void {
    this.transport.send(JSON.stringify(command));
  }
}
