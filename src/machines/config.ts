/**
 * Settings of the SOS HMI. Every timer of the machines is here, with the rule it comes from.
 * Defaults follow the product description and `domain/emergency-call.md`.
 */
export interface SosConfig {
  /** Telltale bulb check at ignition on, ms. */
  readonly selfTestMs: number;
  /** A required signal older than this is stale: status "unknown", never "ready". */
  readonly stalenessMs: number;
  /** Manual call: cancel window before dialing, ms. 0 = dial at once, cancel allowed until connected. */
  readonly cancelWindowMs: number;
  /** Manual trigger: how long the button must be held to start a call (0 = a short press after the cover is opened). */
  readonly triggerHoldMs: number;
  /** Holding the button this long ends a manual call (product description: "a few seconds"). */
  readonly holdToEndMs: number;
  /** `always`: hold-to-end works during the whole manual call (product description). `untilConnected`: EU eCall practice, only the centre ends a connected call. */
  readonly holdToEndPolicy: 'always' | 'untilConnected';
  /** EN 16062: redial attempts within 2 minutes of the drop/failure. */
  readonly redialWindowMs: number;
  /** At most one attempt per this interval from the previous attempt's start (at once if it had connected). */
  readonly redialIntervalMs: number;
  /** An attempt that has not reached the centre within this time counts as failed. */
  readonly attemptTimeoutMs: number;
  /** After clear-down the centre may call back; incoming call-backs are answered automatically (EN 16062 T9 ≥ 1 h; Ford ≈ 1 h). */
  readonly callbackWindowMs: number;
  /** With no voice this long after the data was acknowledged, tell the occupants help is on the way anyway. */
  readonly noVoiceHintMs: number;
  /** How long "call cancelled" stays on screen. */
  readonly cancelledNoticeMs: number;
  /** Emergency number to call from a phone when the car cannot: by region. */
  readonly region: 'eu' | 'na';
}

export const DEFAULT_CONFIG: SosConfig = {
  selfTestMs: 3000,
  stalenessMs: 3000,
  cancelWindowMs: 10_000,
  triggerHoldMs: 0,
  holdToEndMs: 2000,
  holdToEndPolicy: 'always',
  redialWindowMs: 120_000,
  redialIntervalMs: 30_000,
  attemptTimeoutMs: 30_000,
  callbackWindowMs: 60 * 60_000,
  noVoiceHintMs: 10_000,
  cancelledNoticeMs: 3000,
  region: 'eu',
};

export function emergencyNumber(region: SosConfig['region']): '112' | '911' {
  return region === 'na' ? '911' : '112';
}
