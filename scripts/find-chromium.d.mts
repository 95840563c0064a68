/** Launch flags that work as root in a closed network. */
export declare const CHROMIUM_FLAGS: readonly string[];
/** Where Debian and Ubuntu put a Chromium or Chrome, in order of preference. */
export declare const CHROMIUM_CANDIDATES: readonly string[];
/** Looks for a Chromium (CHROME_PATH first) without installing anything; null if none. */
export declare function locateChromium(options?: { log?: (line: string) => void }): string | null;
/** Finds a Chromium, installing Debian's when root with apt-get; throws with instructions otherwise. */
export declare function findChromium(options?: { install?: boolean; log?: (line: string) => void }): string;
