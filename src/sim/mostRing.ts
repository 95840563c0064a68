/**
 * The MOST optical ring: its units in light direction from the network master (the head unit),
 * the fibre-optic bypass loops a technician fits, and the master's ring-break diagnosis from the
 * faults present. While the ring is open, MOST nodes other than the master cannot talk (their
 * `unitHealth` stops, so it goes stale → unknown, never "fault" without evidence); units on CAN
 * keep reporting.
 */
import type { ChainUnit, MostNode, MostRingSignal } from '../bridge/signals.js';
import { MOST_NODES } from '../bridge/signals.js';
import type { Fault, RingUnit } from './faults.js';

/** Default ring (E90-like): head unit → amplifier → telematics → satellite radio → hands-free → head unit. */
export const DEFAULT_RING_ORDER: readonly MostNode[] = [
  'head-unit',
  'amplifier',
  'telematics',
  'satellite-radio',
  'hands-free',
];

/** Read-only ring state, as a designer or test sees it. */
export interface SimulatorRingState {
  readonly nodes: readonly MostNode[];
  readonly closed: boolean;
  readonly silent: readonly MostNode[];
  readonly breakBetween: readonly [MostNode, MostNode] | null;
  /** Units bridged with a fibre-optic bypass loop. */
  readonly bypassed: readonly MostNode[];
}

const RING_FAULT = /^(most-node-failure|fibre-damage|blown-fuse):(.+)$/;

export class MostRing {
  /** The units in light direction, starting at the network master. */
  readonly order: readonly MostNode[];
  /** Units bridged with a fibre-optic bypass loop (bypass test). */
  private readonly loops = new Set<MostNode>();

  constructor(order: readonly MostNode[] = DEFAULT_RING_ORDER) {
    checkRingOrder(order);
    this.order = [...order];
  }

  /**
   * Bypass test: bridges a ring unit with a fibre-optic bypass loop (or removes the loop). Light
   * then passes the unit's connector: the unit's own failure or missing power no longer opens the
   * ring, a broken fibre into the connector still does. The head unit (master) cannot be bypassed.
   * True when that changed the ring.
   */
  bypass(unit: MostNode, on: boolean): boolean {
    if (unit === 'head-unit' || !this.order.includes(unit)) return false;
    if (on === this.loops.has(unit)) return false;
    if (on) this.loops.add(unit);
    else this.loops.delete(unit);
    return true;
  }

  state(faults: readonly Fault[]): SimulatorRingState {
    const breakAt = this.breakAt(faults);
    const closed = breakAt === null;
    return {
      nodes: [...this.order],
      closed,
      // A bypassed unit is out of the ring: it never answers the master.
      silent: this.order.filter((n) => n !== 'head-unit' && (!closed || this.loops.has(n))),
      breakBetween: breakAt,
      bypassed: this.order.filter((n) => this.loops.has(n)),
    };
  }

  /** The ring is open with `node` on it: the node cannot reach the master (nor the master it). */
  cutsOff(node: MostNode, faults: readonly Fault[]): boolean {
    return this.order.includes(node) && this.breakAt(faults) !== null;
  }

  /** A MOST node other than the master cannot talk while the ring is open; CAN units always can. */
  canTalk(unit: ChainUnit, faults: readonly Fault[]): boolean {
    if (unit === 'head-unit') return true;
    if (!(MOST_NODES as readonly string[]).includes(unit)) return true;
    if (!this.order.includes(unit as MostNode)) return true;
    // A bypassed unit is out of the ring: it cannot talk to the master.
    if (this.loops.has(unit as MostNode)) return false;
    return this.breakAt(faults) === null;
  }

  /** The master's `mostRing` report. */
  signal(ts: number, faults: readonly Fault[]): MostRingSignal {
    const ring = this.state(faults);
    return {
      type: 'mostRing',
      ts,
      nodes: [...ring.nodes],
      closed: ring.closed,
      silent: [...ring.silent],
      ...(ring.breakBetween ? { breakBetween: [ring.breakBetween[0], ring.breakBetween[1]] } : {}),
      ...(ring.bypassed.length ? { bypassed: [...ring.bypassed] } : {}),
    };
  }

  /**
   * Ring-break diagnosis by the network master. Each ring fault loses the light on one link
   * (link k runs from nodes[k-1] to nodes[k]; the last link closes the ring back to the master):
   * - `most-node-failure:X` — X itself has failed (like the failed satellite tuner of the E90 case):
   *   it neither answers nor passes light on, so the diagnosis sees light up to X's input → [previous(X), X].
   * - `fibre-damage:X` — the fibre into X is broken: light is lost before X → [previous(X), X].
   * - `blown-fuse:X` — X has no power and is dark; the diagnosis sees light up to X's input but
   *   nothing from X on → [previous(X), X] (X is the suspect).
   * With several breaks the master can only locate the one nearest upstream of itself (the node
   * after it is the first to send light round to the master), i.e. the break on the highest link.
   * Faults naming a node that is not on this ring (e.g. no satellite radio fitted) have no effect.
   */
  private breakAt(faults: readonly Fault[]): readonly [MostNode, MostNode] | null {
    const nodes = this.order;
    const n = nodes.length;
    let link = -1;
    for (const fault of faults) {
      const m = RING_FAULT.exec(fault);
      if (!m) continue;
      const i = nodes.indexOf(m[2] as RingUnit);
      if (i < 0) continue;
      // A bypass loop carries the light past a dead or unpowered unit, not past a broken fibre.
      if (m[1] !== 'fibre-damage' && this.loops.has(m[2] as MostNode)) continue;
      const k = i === 0 ? n : i;
      link = Math.max(link, k);
    }
    if (link < 0) return null;
    return [nodes[link - 1]!, nodes[link % n]!];
  }
}

function checkRingOrder(order: readonly MostNode[]): void {
  if (order[0] !== 'head-unit') throw new Error('MOST ring must start at the network master, head-unit');
  if (new Set(order).size !== order.length) throw new Error('MOST ring lists a node twice');
  for (const node of order) {
    if (!(MOST_NODES as readonly string[]).includes(node)) throw new Error(`unknown MOST node "${node}"`);
  }
}
