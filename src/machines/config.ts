/**
 * Settings of the SOS HMI: presentation timing only. The emergency-call session's timers (cancel
 * window, redial, call-back window, hold-to-end) belong to the telematics unit, which reports them
 * as deadlines; the HMI never runs a session timer of its own. Defaults follow the product
 * description and `domain/emergency-call.md`.
 */
export interface SosConfig {
  /** Telltale bulb check at ignition on, ms. */
  readonly selfTestMs: number;
  /** A required signal older than this is stale: status "unknown", never "ready". */
  readonly stalenessMs: number;
  /** With no voice this long after the data was acknowledged, tell the occupants help is on the way anyway. */
  readonly noVoiceHintMs: number;
  /** How long "call cancelled" stays on screen. */
  readonly cancelledNoticeMs: number;
  /**
   * A crash on the bus with no emergency call confirmed by the telematics unit within this time, or a
   * unit silent this long during a call: tell the occupants to call 112/911 from a phone.
   */
  readonly unconfirmedMs: number;
  /** How long a refused request ("the car did not cancel: the call has connected") stays on screen. */
  readonly refusalNoticeMs: number;
  /** Emergency number to call from a phone when the car cannot: by region. */
  readonly region: 'eu' | 'na';
}

export const DEFAULT_CONFIG: SosConfig = {
  selfTestMs: 3000,
  stalenessMs: 3000,
  noVoiceHintMs: 10_000,
  cancelledNoticeMs: 3000,
  unconfirmedMs: 5000,
  refusalNoticeMs: 5000,
  region: 'eu',
};

export function emergencyNumber(region: SosConfig['region']): '112' | '911' {
  return region === 'na' ? '911' : '112';
}
