/**
 * Timing of the simulated vehicle, telematics unit and emergency centre, ms. One source for the
 * simulator, its tests and the docs.
 */
export const SIM_TIMING = {
  /** Cyclic publishing period (well inside the HMI's 3 s staleness limit). */
  cycleMs: 1000,
  /** Modem set-up inside `dialing` (not reported on its own: the session report has one `dialing` phase). */
  dialingMs: 100,
  /** Ringing at the centre inside `dialing` (not reported on its own). */
  ringingMs: 1000,
  /** Attempt start → failed "no network" (not registered) or "ring break" (MOST ring open). */
  noNetworkFailMs: 1000,
  /** The centre does not answer: the attempt fails `answerDelayMs` + this after it started (ring-out). */
  noAnswerRingOutMs: 20_000,
  /** connected → MSD sent (in-band modem transfer). */
  msdSentMs: 500,
  /** connected → MSD acknowledged (AL-ACK). */
  msdAcknowledgedMs: 1500,
  /** connected → emergency contacts notified. */
  contactsNotifiedMs: 1750,
  /** connected → voice channel open. */
  voiceConnectedMs: 2000,
  /** Call-back answered by the unit → voice connected. */
  callbackVoiceMs: 500,
  /** Battery reset: how long every unit stays without power. */
  batteryResetMs: 3000,
  /** After power returns: time until the units have booted and the MOST ring is up again. */
  unitBootMs: 5000,
  /** Default `pressSos()` hold. */
  shortPressMs: 200,
  /** requestSelfTest → results of every item (the telematics unit tests its periphery). */
  selfTestMs: 1500,
  /** Test call: the test number plays its announcement this long after voice, then hangs up. */
  testCallVoiceMs: 6000,
  /** setHazardLights accepted → the body controller has the lights flashing. */
  hazardLightsMs: 200,
} as const;

/**
 * The text channel of the call (EECC art. 109: emergency access not only by voice), ms from the
 * occupants' request. One block, so the sim, its tests and the docs agree on how a line gets through.
 */
export const TEXT_TIMING = {
  /** Request accepted (`sending`) → the unit has put the line on the call (`sent`). */
  sentMs: 300,
  /** Request accepted → the centre has the line (`delivered`, RFC 8147 message received). */
  deliveredMs: 1000,
} as const;
