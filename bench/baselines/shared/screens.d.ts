/**
 * The HMI's screens, captured at bench time (`bench/lib/capture.mjs`) and handed to each baseline's
 * bundle by esbuild as the module `bench:screens` (bench/lib/build.mjs).
 */
declare module 'bench:screens' {
  /** A path from `<sos-app>`: child indexes, `-1` for the shadow root. */
  type Path = readonly number[];
  export type Patch =
    | { readonly op: 'text'; readonly path: Path; readonly value: string }
    | { readonly op: 'attr'; readonly path: Path; readonly name: string; readonly value: string | null }
    | { readonly op: 'replace'; readonly path: Path; readonly template: number }
    | {
        readonly op: 'splice';
        readonly path: Path;
        readonly start: number;
        readonly remove: number;
        readonly template: number | null;
      };

  /**
   * Both pages: the path to the element each state has rotary focus on, as the HMI had it (the raw
   * page's paths count the `<style>` that starts each of its shadow roots; the React page's do not).
   */
  export const focus: Readonly<Record<string, Path | null>>;

  /** Raw page: `from>to` → the DOM operations; every state whole (a template of the shell's shadow root). */
  export const patches: Readonly<Record<string, readonly Patch[]>>;
  export const whole: Readonly<
    Record<string, { readonly attrs: readonly (readonly [string, string])[]; readonly template: number }>
  >;

  /**
   * React page: every distinct subtree once, children before parents — a text, or
   * [tag, attributes, child indexes, shadow root?]; each state's root index; the unique stylesheets.
   */
  export type Node = string | ElementNode;
  export type ElementNode = readonly [
    string,
    Readonly<Record<string, string>>,
    readonly number[],
    ShadowNode?,
  ];
  export interface ShadowNode {
    readonly mode: 'open' | 'closed';
    readonly df: boolean;
    /** Indexes into `sheets`. */
    readonly css: readonly number[];
    /** Indexes into `nodes`. */
    readonly c: readonly number[];
  }
  export const nodes: readonly Node[];
  export const trees: Readonly<Record<string, number>>;
  export const sheets: readonly string[];
}
