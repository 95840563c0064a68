/**
 * The base of every harness (components, panels, screens): the element, its rendered shadow root,
 * its named parts (`data-part`) and its visible text. A harness reads and operates a component the
 * way a test, a designer's script or an integrator's test would — never through its private state.
 */
export class ElementHarness<E extends HTMLElement> {
  constructor(readonly element: E) {}

  /** The shadow root once the element has rendered (a Lit element's `updateComplete`). */
  async rendered(): Promise<ShadowRoot> {
    await (this.element as E & { updateComplete?: Promise<unknown> }).updateComplete;
    const root = this.element.shadowRoot;
    if (!root) throw new Error(`${this.element.localName} has no shadow root`);
    return root;
  }

  /** The first element marked `data-part="name"`, or null. */
  async part<T extends Element = HTMLElement>(name: string): Promise<T | null> {
    return (await this.rendered()).querySelector<T>(`[data-part="${name}"]`);
  }

  /** Every element marked `data-part="name"`. */
  async parts<T extends Element = HTMLElement>(name: string): Promise<T[]> {
    return Array.from((await this.rendered()).querySelectorAll<T>(`[data-part="${name}"]`));
  }

  /** All text of the component as shown (its panels' too), whitespace collapsed. */
  async text(): Promise<string> {
    return shownText(await this.rendered())
      .replace(/\s+/g, ' ')
      .trim();
  }

  /** Sends a key press to what has focus inside the component (or the component itself). */
  async key(key: string, init: KeyboardEventInit = {}): Promise<void> {
    const root = await this.rendered();
    let target: Element = this.element;
    for (let active = root.activeElement; active; active = active.shadowRoot?.activeElement ?? null)
      target = active;
    for (const type of ['keydown', 'keyup'])
      target.dispatchEvent(
        new KeyboardEvent(type, { key, bubbles: true, composed: true, cancelable: true, ...init }),
      );
    await this.rendered();
  }
}

/** The text of a node as it is shown: an element's shadow root in place of its children, slots filled. */
function shownText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof HTMLStyleElement || node instanceof HTMLScriptElement) return '';
  if (node instanceof HTMLSlotElement) {
    const assigned = node.assignedNodes({ flatten: true });
    return (assigned.length ? assigned : Array.from(node.childNodes)).map(shownText).join('');
  }
  const shadow = node instanceof Element ? node.shadowRoot : null;
  return Array.from((shadow ?? node).childNodes, shownText).join('');
}
