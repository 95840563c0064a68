/**
 * Post-crash guidance, pure: which safety steps the card shows, in the order that keeps people alive
 * (owners' manuals, e.g. Škoda 2024–26: hazard lights, get out away from traffic, triangle and vest,
 * stay clear), with the high-voltage warning for electric and hybrid cars and the mechanical door
 * release where the car says where it is. Words live in the screens' texts.
 */
import type { DoorRelease, Powertrain } from '../../bridge/signals.js';

/** Post-crash guidance steps, in the order that keeps people alive. */
export type SafetyStepId =
  | 'hazardLights'
  | 'leaveAwayFromTraffic'
  | 'triangleAndVest'
  | 'keepClear'
  /** Electric and hybrid cars: do not touch orange cables, keep away if it smokes. */
  | 'highVoltage'
  /** If the doors do not open: where the mechanical release is. */
  | 'doorRelease';

/** The car's build facts the card reads (from the `vehicleConfig` signal; null = not known). */
export interface SafetyFacts {
  readonly powertrain: Powertrain | null;
  readonly doorRelease: DoorRelease | null;
}

export function safetySteps(facts: SafetyFacts | null): SafetyStepId[] {
  const steps: SafetyStepId[] = ['hazardLights', 'leaveAwayFromTraffic', 'triangleAndVest', 'keepClear'];
  // High voltage stays in electric and hybrid cars after a crash (orange cables, smoke); unknown is warned too.
  if (facts?.powertrain !== 'combustion') steps.push('highVoltage');
  // Occupants who do not know the manual release can be trapped when the car has no power.
  if (facts?.doorRelease) steps.push('doorRelease');
  return steps;
}
