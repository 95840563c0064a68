/**
 * Day, night and high-contrast themes as CSS custom properties on the document element
 * (`data-theme`), plus the shared focus ring. The values are design tokens (`tokens/*.tokens.json`,
 * generated into tokens.generated.ts by `npm run tokens`). Custom properties inherit into every
 * shadow root, so components only read `var(--sos-…)`.
 */
import { css, type CSSResult } from 'lit';
import { tokenStyles } from './tokens.generated.js';

/**
 * The two themes a head unit switches between (light sensor / headlights), plus a high-contrast
 * variant (accessibility setting: pure black, white text, saturated signal colours, solid borders).
 */
export type Theme = 'day' | 'night' | 'contrast';

/** Every theme, for pickers and URL parsing. */
export const THEMES: readonly Theme[] = ['day', 'night', 'contrast'];

/**
 * Document-level tokens, generated from `tokens/` (docs/design-tokens.md): base on `:root`, each
 * theme on `:root[data-theme='…']`. Night is the default: head units start dark.
 */
export const themeTokens: CSSResult = css`
  ${tokenStyles}

  html,
  body {
    margin: 0;
    height: 100%;
    background: var(--sos-bg);
    color: var(--sos-text);
    font-family: var(--sos-font);
  }
`;

/**
 * The focus ring: thick, high-contrast and glowing like the iDrive selection frame, readable in
 * every theme (its sizes are the `focus-ring.*` tokens). Apply to `:focus-visible` of anything the
 * controller can select.
 */
export const focusRing: CSSResult = css`
  /* Drawn with box-shadow, which follows border-radius in every engine (WPE WebKit 2.38 draws outlines
     square); the transparent outline is what forced-colours mode paints instead. */
  outline: var(--sos-focus-ring-width) solid transparent;
  outline-offset: var(--sos-focus-ring-offset);
  box-shadow:
    0 0 0 var(--sos-focus-ring-offset) var(--sos-bg),
    0 0 0 calc(var(--sos-focus-ring-offset) + var(--sos-focus-ring-width)) var(--sos-focus),
    0 0 0 calc(var(--sos-focus-ring-offset) + var(--sos-focus-ring-width) + var(--sos-focus-ring-glow))
      var(--sos-focus-glow),
    0 0 var(--sos-focus-ring-halo-blur) var(--sos-focus-ring-halo-spread) var(--sos-focus-glow);
`;

let installed: CSSStyleSheet | HTMLStyleElement | null = null;

/**
 * Adds the theme tokens to the document once (adopted stylesheet, so no build step is needed to
 * theme the page) and sets `data-theme` on the document element.
 */
export function applyTheme(theme: Theme, doc: Document = document): void {
  if (!installed) {
    const sheet = themeTokens.styleSheet;
    if (sheet && Array.isArray(doc.adoptedStyleSheets)) {
      if (!doc.adoptedStyleSheets.includes(sheet))
        doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      installed = sheet;
    } else {
      // No constructable stylesheets (WPE WebKit 2.38, Safari < 16.4): the same tokens as a <style>.
      const style = doc.createElement('style');
      style.dataset['sosTheme'] = '';
      style.textContent = themeTokens.cssText;
      doc.head.append(style);
      installed = style;
    }
  }
  doc.documentElement.dataset['theme'] = theme;
}
