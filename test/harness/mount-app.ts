/**
 * Mounts `sos-app` at a head-unit size for component tests and hands out the harness of the screen
 * on top. Shared by the screen tests (fake services) and the diagnosis tests (the real system).
 */
import { fixture, html } from '@open-wc/testing';
import type { SosApp } from '../../src/screens/app.js';
import { ScreenHarness } from '../../src/screens/harness.js';
import type { HmiScreen } from '../../src/screens/hmi-screen.js';
import type { HmiServices } from '../../src/screens/hmiContext.js';
import '../../src/screens/index.js';

/** `sos-app` in a 1280×480 frame, rendered, with these services. */
export async function mountApp(services: HmiServices, theme: 'day' | 'night' = 'night'): Promise<SosApp> {
  const app = await fixture<SosApp>(
    html`<div style="width:1280px;height:480px;display:grid">
      <sos-app .services=${services} theme=${theme}></sos-app>
    </div>`,
  ).then((wrapper) => wrapper.querySelector('sos-app')!);
  await app.updateComplete;
  return app;
}

/** The one screen `sos-app` shows, once it and its actions have rendered. */
export async function screenOf(app: SosApp): Promise<ScreenHarness> {
  await app.updateComplete;
  const screen = app.renderRoot.querySelector('main')!.firstElementChild as HmiScreen;
  await screen.updateComplete;
  await screen.idrive.actionsRendered();
  return new ScreenHarness(screen);
}
