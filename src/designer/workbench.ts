/**
 * The designer workbench entry (`?designer`, or Ctrl+Shift+D in a designer build). Loaded with a
 * dynamic import from main.ts only in builds that include it (`vite` dev server, `npm run
 * build:designer`); the head-unit build (`npm run build`) compiles it out.
 */
import type { InspectionEvent } from 'xstate';
import type { Hmi } from '../app/assembleHmi.js';
import type { Theme } from '../styles/theme.js';
import { readDesignerState } from './deepLink.js';
import { createStateChartInspector } from './inspector.js';
import './workbench-panel.js';

/** Marks designer code in a bundle (the head-unit build test looks for it). */
export const DESIGNER_MARKER = 'sos-hmi-designer-workbench';

export interface Workbench {
  /** Records the machines for the opt-in live state chart; give it to createHmi before the actor starts. */
  readonly inspect: (event: InspectionEvent) => void;
  /** Puts the head-unit frame beside the panel. */
  mount(hmi: Hmi, app: HTMLElement & { theme: Theme }): void;
}

export function createWorkbench(): Workbench {
  const inspector = createStateChartInspector();
  return {
    inspect: inspector.inspect,
    mount(hmi, app) {
      document.documentElement.dataset['designer'] = DESIGNER_MARKER;
      document.title = 'SOS HMI workbench';
      const panel = document.createElement('sos-workbench');
      panel.hmi = hmi;
      panel.app = app;
      panel.inspector = inspector;
      panel.initial = readDesignerState(location.search);
      // The shell fills the frame instead of the window.
      app.style.position = 'absolute';
      app.style.inset = '0';
      document.body.append(panel);
      panel.append(app);
    },
  };
}
