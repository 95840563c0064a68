import type { VehicleCommand } from './commands.js';
import type { VehicleSignal } from './signals.js';

/** State of the link to the vehicle side. `lost`: was connected, is not now (the HMI shows "unknown"). */
export type BridgeConnection = 'connecting' | 'connected' | 'lost';

/**
 * Why a link that is up gives this display nothing: `unauthorized` — the server refused its token or
 * its permissions (KUKSA's JWT model). null: no such problem.
 */
export type LinkProblem = 'unauthorized' | null;

/** What a bridge delivers to its listeners: validated signals and changes of the link itself. */
export type BridgeEvent =
  | { readonly kind: 'signal'; readonly signal: VehicleSignal }
  | { readonly kind: 'connection'; readonly state: BridgeConnection }
  | { readonly kind: 'linkProblem'; readonly problem: LinkProblem };

/** A message the bridge refused (or took with fields unknown) at its boundary, kept for diagnostics and logged. */
export interface RejectedMessage {
  readonly at: number;
  readonly error: string;
  /** The raw message, truncated for the log. */
  readonly raw: string;
}

/**
 * The only door between the HMI and the vehicle. Implementations: `MockBridge` (the in-browser
 * simulator) and `VissBridge` (VISS v2 over WebSocket: the gateway or a KUKSA databroker). Machines never see an implementation, only events
 * derived from `BridgeEvent`s and a `send()` for commands.
 */
export interface VehicleBridge {
  /** `mock` or `viss`: shown in the status bar and in `state()`. */
  readonly kind: string;
  readonly connection: BridgeConnection;
  /** Registers a listener for everything the bridge delivers; returns an unsubscribe function. */
  subscribe(listener: (event: BridgeEvent) => void): () => void;
  /**
   * Sends a command to the vehicle and returns its id. Its `commandAck` signal arrives later:
   * from the vehicle, or from the bridge with `error: "timeout"`.
   */
  send(command: VehicleCommand): string;
  /** Messages refused at the boundary (malformed, unknown type, out of range), newest last. */
  readonly rejected: readonly RejectedMessage[];
  /**
   * Safety-critical events taken with an ancillary field unknown (a crash with severity 9), newest
   * last: delivered, and kept here with what was wrong.
   */
  readonly incomplete: readonly RejectedMessage[];
  /** Stops timers and connections; the bridge delivers nothing afterwards. */
  dispose(): void;
}
