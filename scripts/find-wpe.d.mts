/** A browser WPEWebDriver can start headless, with its arguments and its fixed viewport. */
export interface WpeBrowser {
  readonly binary: string;
  readonly args: string[];
  readonly viewport: string;
}
/** Looks for WPEWebDriver and a headless-capable WPE browser without installing anything. */
export declare function locateWpe(): { driver: string; browser: WpeBrowser } | null;
/** Finds WPE WebKit, installing Debian's `cog wpewebkit-driver` as root with apt-get; else the reason. */
export declare function findWpe(options?: {
  install?: boolean;
  log?: (line: string) => void;
}): { ok: true; driver: string; browser: WpeBrowser } | { ok: false; reason: string };
