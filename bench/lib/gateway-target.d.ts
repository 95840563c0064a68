/**
 * What the gateway bench needs from the gateway: `gateway/benchTarget.ts` exports
 * `createGatewayBenchTarget()` resolving to this. The gateway runs on loopback with an in-memory CAN
 * bus; the bench puts frames on that bus and reads the WebSocket pushes they cause.
 */
export interface GatewayBenchTarget {
  /** `ws://127.0.0.1:<port>` of the running gateway. */
  readonly url: string;
  /** WebSocket subprotocols to ask for (e.g. `['VISSv2']`). */
  readonly protocols: readonly string[];
  /** Messages a client sends after opening to get the pushes `inject` causes (VISS `subscribe`). */
  readonly subscribeMessages: readonly unknown[];
  /** Puts one CAN frame on the in-memory bus whose decoded value changes and carries `seq` (0 … 2^16-1 wraps are fine). */
  inject(seq: number): void;
  /** The `seq` a pushed message carries, or null for any other message. */
  seqOf(message: unknown): number | null;
  close(): Promise<void>;
}

export declare function createGatewayBenchTarget(): Promise<GatewayBenchTarget>;
