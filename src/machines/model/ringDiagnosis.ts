/**
 * The MOST ring as the HMI reads it, pure: the ring as the status and the Check Control message
 * show it (`RingView`), and the localisation of a break — what the network master's ring-break
 * diagnosis says, drawn as units in ring order with the light/lock state of every link. It never
 * claims more than the data shows: with the ring open the other units are silent, so they are
 * "unknown" — only the link the master reports as dark, and the unit behind it, are named.
 */
import type { MostNode, UnitStatus } from '../../bridge/signals.js';

/** State of a unit in the drawing. `suspect`: named by the ring-break diagnosis. */
export type RingNodeState = 'ok' | 'fault' | 'suspect' | 'unknown' | 'bypassed';

/** State of a fibre link: `light` (ring locked through it), `dark` (the break), `unknown`. */
export type RingLinkState = 'light' | 'dark' | 'unknown' | 'bypassed';

export interface RingNodeDiagnosis {
  readonly node: MostNode;
  /** Position in light direction; 0 is the network master (the head unit). */
  readonly position: number;
  readonly state: RingNodeState;
  readonly master: boolean;
}

export interface RingLinkDiagnosis {
  /** Link k carries light from `from` (nodes[k-1]) into `to` (nodes[k], the master for the last link). */
  readonly from: MostNode;
  readonly to: MostNode;
  readonly state: RingLinkState;
  /** The ring is locked: light and lock all the way round. */
  readonly locked: boolean;
}

/** What may have failed, most likely first. */
export type RingSuspect =
  | { readonly kind: 'unit'; readonly unit: MostNode }
  | { readonly kind: 'fibre'; readonly from: MostNode; readonly to: MostNode };

/** The outcome in one word, for the headline and the guide. */
export type RingVerdict =
  /** No ring data, or it is stale. */
  | 'unknown'
  /** Light and lock all the way round. */
  | 'closed'
  /** Closed only because units are bypassed: the bypassed unit was the fault. */
  | 'closedWithBypass'
  /** Open, break located: a unit or the fibre into it. */
  | 'breakLocated'
  /** Open, the bypassed unit is out of the loop and the ring is still dark into it: the fibre. */
  | 'fibreLocated'
  /** Open, not located (the diagnosis has not run or found nothing). */
  | 'open';

export interface RingDiagnosis {
  readonly verdict: RingVerdict;
  readonly nodes: readonly RingNodeDiagnosis[];
  readonly links: readonly RingLinkDiagnosis[];
  /** The dark link as the master reports it, or null. */
  readonly breakBetween: readonly [MostNode, MostNode] | null;
  readonly suspects: readonly RingSuspect[];
  readonly bypassed: readonly MostNode[];
}

/** The ring as the status knows it (a `mostRing` fact). */
export interface RingInput {
  readonly nodes: readonly MostNode[];
  readonly closed: boolean;
  readonly silent: readonly MostNode[];
  readonly breakBetween?: readonly [MostNode, MostNode] | null;
  readonly bypassed?: readonly MostNode[];
}

export interface RingView {
  readonly nodes: readonly MostNode[];
  readonly closed: boolean;
  readonly silent: readonly MostNode[];
  readonly breakBetween: readonly [MostNode, MostNode] | null;
  /** Best guess of the failed unit (the node after the break), null if not pinpointed. */
  readonly suspect: MostNode | null;
}

/** The ring as the screens show it; the suspect is the node after the break (light lost going into it). */
export function ringView(ring: RingInput | undefined): RingView | null {
  if (!ring) return null;
  const breakBetween = ring.breakBetween ? ([ring.breakBetween[0], ring.breakBetween[1]] as const) : null;
  return {
    nodes: ring.nodes,
    closed: ring.closed,
    silent: ring.silent,
    breakBetween,
    suspect: !ring.closed && breakBetween ? breakBetween[1] : null,
  };
}

export interface RingDiagnosisOptions {
  /** The ring fact is older than the staleness limit (or the link to the car is lost). */
  readonly stale?: boolean;
  /** Health the master reports about itself (it stays on CAN when the ring is down). */
  readonly masterHealth?: UnitStatus;
}

/**
 * Localises a ring break. `ring` null (no data) or `stale` gives an all-unknown drawing of
 * `fallbackOrder` (the configured ring, if known).
 */
export function diagnoseRing(
  ring: RingInput | null,
  options: RingDiagnosisOptions = {},
  fallbackOrder: readonly MostNode[] = [],
): RingDiagnosis {
  if (!ring || options.stale) {
    const nodes = ring?.nodes ?? fallbackOrder;
    return {
      verdict: 'unknown',
      nodes: nodes.map((node, position) => ({ node, position, state: 'unknown', master: position === 0 })),
      links: linksOf(nodes, () => 'unknown', false),
      breakBetween: null,
      suspects: [],
      bypassed: ring?.bypassed ? [...ring.bypassed] : [],
    };
  }
  const nodes = ring.nodes;
  const bypassed = new Set(ring.bypassed ?? []);
  const masterState = (): RingNodeState =>
    options.masterHealth === 'fault' ? 'fault' : options.masterHealth ? 'ok' : 'unknown';

  if (ring.closed) {
    return {
      verdict: bypassed.size > 0 ? 'closedWithBypass' : 'closed',
      nodes: nodes.map((node, position) => ({
        node,
        position,
        master: position === 0,
        state: bypassed.has(node) ? 'bypassed' : position === 0 ? masterState() : 'ok',
      })),
      links: linksOf(
        nodes,
        (from, to) => (bypassed.has(from) || bypassed.has(to) ? 'bypassed' : 'light'),
        true,
      ),
      breakBetween: null,
      suspects: [],
      bypassed: [...bypassed],
    };
  }

  const pair = ring.breakBetween ?? null;
  const located = pair !== null && nodes.includes(pair[0]) && nodes.includes(pair[1]);
  const [from, to] = located ? pair : [null, null];
  // A bypassed unit is out of the loop: if the light is still lost going into it, it is the fibre.
  const fibreOnly = located && bypassed.has(to as MostNode);
  const suspects: RingSuspect[] = !located
    ? []
    : fibreOnly
      ? [{ kind: 'fibre', from: from!, to: to! }]
      : [
          { kind: 'unit', unit: to! },
          { kind: 'fibre', from: from!, to: to! },
        ];
  return {
    verdict: !located ? 'open' : fibreOnly ? 'fibreLocated' : 'breakLocated',
    nodes: nodes.map((node, position) => ({
      node,
      position,
      master: position === 0,
      state: bypassed.has(node)
        ? 'bypassed'
        : located && node === to
          ? 'suspect'
          : position === 0
            ? masterState()
            : // Silent behind an open ring: no data, so unknown — never "fault".
              'unknown',
    })),
    links: linksOf(
      nodes,
      (a, b) =>
        located && a === from && b === to
          ? 'dark'
          : bypassed.has(a) || bypassed.has(b)
            ? 'bypassed'
            : 'unknown',
      false,
    ),
    breakBetween: located ? [from!, to!] : null,
    suspects,
    bypassed: [...bypassed],
  };
}

function linksOf(
  nodes: readonly MostNode[],
  state: (from: MostNode, to: MostNode) => RingLinkState,
  locked: boolean,
): RingLinkDiagnosis[] {
  if (nodes.length < 2) return [];
  return nodes.map((_, k) => {
    const from = nodes[k]!;
    const to = nodes[(k + 1) % nodes.length]!;
    return { from, to, state: state(from, to), locked };
  });
}

/** The unit the diagnosis points at (for guides and the headline), or null. */
export function suspectUnit(diagnosis: RingDiagnosis): MostNode | null {
  const unit = diagnosis.suspects.find((s) => s.kind === 'unit');
  return unit && unit.kind === 'unit' ? unit.unit : null;
}
