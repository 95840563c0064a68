/** Where the pre-rendered shell lives; vite.config.ts puts it in place of `<sos-app></sos-app>`. */
export declare const FIRST_FRAME_FILE: string;
/** The comment that heads the committed file (not shipped). */
export declare const FIRST_FRAME_HEADER: string;
/** Runs inside the page: a fresh `<sos-app>` with no vehicle, as HTML with declarative shadow roots. */
export declare function renderFirstFrameInPage(): Promise<string>;
/** The fragment as committed, without its header. */
export declare function fragmentOf(fileText: string): string;
