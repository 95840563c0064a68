/**
 * Rotary focus in both baselines, where the HMI holds it: a head unit driven by a rotary controller
 * always has one control selected, and the selection is part of what the driver sees. The HMI's
 * `IDriveController` moves it in the task after the frame that shows a new screen; so do these.
 */

/** The node at `path` from `host`: child indexes into `childNodes`, `-1` for "its shadow root". */
export function nodeAt(host: Element, path: readonly number[]): Node {
  let node: Node = host;
  for (const step of path) node = step === -1 ? (node as Element).shadowRoot! : node.childNodes[step]!;
  return node;
}

/**
 * After the next frame, focuses the element at `path` (unless it has focus already, or `current()`
 * says another screen has come since).
 */
export function focusAfterPaint(host: Element, path: readonly number[] | null, current: () => boolean): void {
  if (!path) return;
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (!current()) return;
      const target = nodeAt(host, path) as HTMLElement;
      if (!target.matches(':focus')) target.focus({ preventScroll: true });
    }, 0),
  );
}
