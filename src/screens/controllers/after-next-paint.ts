/**
 * Resolves in the task after the next frame is painted. Frames stop in a hidden tab: with
 * `hiddenTabFallbackMs` it resolves after that long anyway.
 */
export function afterNextPaint(hiddenTabFallbackMs?: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => setTimeout(resolve, 0);
    requestAnimationFrame(done);
    if (hiddenTabFallbackMs !== undefined) setTimeout(done, hiddenTabFallbackMs);
  });
}
