/**
 * A simulated MOST ring that speaks the SocketMost socket protocol from the daemon side: the units
 * in light direction from the network master (default: head unit → amplifier → telematics →
 * satellite radio → hands-free → back), light and lock per node, NetBlock reports from every node
 * while the ring is locked, and the network master's ring-break diagnosis reporting where light is
 * lost. Runs on the injected clock.
 */
import type { MostNode } from '../../src/bridge/signals.js';
import type { Clock } from '../../src/time/simulatedClock.js';
import {
  FBLOCK,
  FKT,
  NODE_FBLOCK,
  OPTYPE,
  parseSocketMostCommand,
  type MostTransport,
  type SocketMostEvent,
} from './protocol.js';

export const DEFAULT_MOST_RING: readonly MostNode[] = [
  'head-unit',
  'amplifier',
  'telematics',
  'satellite-radio',
  'hands-free',
];

export interface SimulatedRingOptions {
  readonly transport: MostTransport;
  readonly clock: Clock & { now(): number };
  readonly order?: readonly MostNode[];
  /** NetBlock report period while locked. Default 1000 ms. */
  readonly cycleMs?: number;
  /** Unlock → diagnosis result. Default 100 ms. */
  readonly diagnosisMs?: number;
}

export interface NodeLight {
  readonly node: MostNode;
  /** Light arrives at this node's input. */
  readonly lightIn: boolean;
  readonly failed: boolean;
  readonly bypassed: boolean;
}

export class SimulatedMostRing {
  readonly order: readonly MostNode[];
  private readonly transport: MostTransport;
  private readonly clock: Clock & { now(): number };
  private readonly cycleMs: number;
  private readonly diagnosisMs: number;
  /** Units that do not pass light on (failed, dark, or the fibre into them is broken). */
  private readonly failed = new Set<MostNode>();
  private readonly bypassed = new Set<MostNode>();
  private locked = true;
  private cycleTimer: number | undefined;
  private diagnosisTimer: number | undefined;
  private readonly off: () => void;

  constructor(options: SimulatedRingOptions) {
    this.transport = options.transport;
    this.clock = options.clock;
    this.order = [...(options.order ?? DEFAULT_MOST_RING)];
    if (this.order[0] !== 'head-unit')
      throw new Error('the MOST ring starts at the network master, head-unit');
    this.cycleMs = options.cycleMs ?? 1000;
    this.diagnosisMs = options.diagnosisMs ?? 100;
    this.off = this.transport.onMessage((text) => this.command(text));
  }

  start(): void {
    this.send({ eventType: 'masterFound', nodePosition: 0 });
    this.send({ eventType: 'positionUpdate', nodePosition: 0, maxPosition: this.order.length });
    this.relock();
    this.cycle();
  }

  stop(): void {
    for (const t of [this.cycleTimer, this.diagnosisTimer]) if (t !== undefined) this.clock.clearTimeout(t);
    this.off();
  }

  /** A unit stops passing light (node failure, damaged fibre into it, blown fuse). */
  fail(node: MostNode): void {
    if (!this.order.includes(node) || this.failed.has(node)) return;
    this.failed.add(node);
    this.relock();
  }

  repair(node?: MostNode): void {
    if (node) this.failed.delete(node);
    else this.failed.clear();
    this.relock();
  }

  setBypass(node: MostNode, bypassed: boolean): void {
    if (bypassed) this.bypassed.add(node);
    else this.bypassed.delete(node);
    this.relock();
  }

  get isLocked(): boolean {
    return this.locked;
  }

  /** Light per node, as the diagnosis sees it. */
  get light(): NodeLight[] {
    const breakPos = this.breakPosition();
    return this.order.map((node, i) => ({
      node,
      lightIn: breakPos === null || (breakPos === 0 ? true : i < breakPos),
      failed: this.failed.has(node),
      bypassed: this.bypassed.has(node),
    }));
  }

  /**
   * Position (index in ring order) of the unit whose input the diagnosis finds dark; 0 = the master's
   * own input (the break is on the last link). With several breaks the master can only locate the one
   * nearest upstream of itself, i.e. the highest position. Null while the ring is closed.
   */
  breakPosition(): number | null {
    let best = -1;
    this.order.forEach((node, i) => {
      if (this.failed.has(node) && !this.bypassed.has(node))
        best = Math.max(best, i === 0 ? this.order.length : i);
    });
    if (best < 0) return null;
    return best === this.order.length ? 0 : best;
  }

  private relock(): void {
    const locked = this.breakPosition() === null;
    if (this.diagnosisTimer !== undefined) this.clock.clearTimeout(this.diagnosisTimer);
    this.diagnosisTimer = undefined;
    if (locked !== this.locked) {
      this.locked = locked;
      this.send({ eventType: locked ? 'locked' : 'unlocked' });
    }
    if (locked) {
      this.send({ eventType: 'positionUpdate', nodePosition: 0, maxPosition: this.order.length });
      this.reportNodes();
    } else {
      // The network master runs ring-break diagnosis after losing lock and reports the result.
      this.diagnosisTimer = this.clock.setTimeout(() => {
        this.diagnosisTimer = undefined;
        const pos = this.breakPosition();
        if (pos === null) return;
        this.send({
          eventType: 'newMessage',
          fBlockID: FBLOCK.Diagnosis,
          instanceID: 0,
          fktID: FKT.RingBreakResult,
          opType: OPTYPE.Status,
          data: [pos, this.order.length],
          sourceAddrHigh: 0x01,
          sourceAddrLow: 0x00,
        });
      }, this.diagnosisMs);
    }
  }

  private cycle(): void {
    this.cycleTimer = this.clock.setTimeout(() => this.cycle(), this.cycleMs);
    if (this.locked) this.reportNodes();
  }

  /** Every unit on a locked ring answers with its NetBlock report (its main FBlock). */
  private reportNodes(): void {
    this.order.forEach((node, i) => {
      if (this.bypassed.has(node)) return;
      this.send({
        eventType: 'newMessage',
        fBlockID: FBLOCK.NetBlock,
        instanceID: i,
        fktID: FKT.FktIDs,
        opType: OPTYPE.Status,
        data: [NODE_FBLOCK[node]],
        sourceAddrHigh: 0x01,
        sourceAddrLow: i,
      });
    });
  }

  private command(text: string): void {
    const parsed = parseSocketMostCommand(text);
    if (!parsed.ok) return;
    const c = parsed.command;
    switch (c.eventType) {
      case 'getNodePosition':
        return this.send({ eventType: 'positionUpdate', nodePosition: 0, maxPosition: this.order.length });
      case 'getMaster':
        return this.send({ eventType: 'masterFound', nodePosition: 0 });
      case 'allocate':
        return;
      case 'sendControlMessage':
        if (c.fBlockID === FBLOCK.NetworkMaster && c.fktId === FKT.Bypass && c.data.length >= 2) {
          const node = this.order[c.data[0]!];
          if (node) this.setBypass(node, c.data[1] === 1);
        }
        return this.send({ eventType: 'messageSent' });
    }
  }

  private send(event: SocketMostEvent): void {
    this.transport.send(JSON.stringify(event));
  }
}
