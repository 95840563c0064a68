/**
 * Day and night themes as CSS custom properties on the document element (`data-theme`), plus the
 * shared focus ring. Custom properties inherit into every shadow root, so components only read
 * `var(--sos-…)`. System fonts only: a head unit has no network to fetch web fonts.
 */
import { css, type CSSResult } from 'lit';

/**
 * The two themes a head unit switches between (light sensor / headlights), plus a high-contrast
 * variant (accessibility setting: pure black, white text, saturated signal colours, solid borders).
 */
export type Theme = 'day' | 'night' | 'contrast';

/** Every theme, for pickers and URL parsing. */
export const THEMES: readonly Theme[] = ['day', 'night', 'contrast'];

/** Document-level tokens. Night is the default: head units start dark. */
export const themeTokens: CSSResult = css`
  :root,
  :root[data-theme='night'] {
    color-scheme: dark;
    --sos-font:
      system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif;
    --sos-bg: #04070d;
    --sos-bg-gradient: radial-gradient(120% 140% at 50% -20%, #0f1d33 0%, #060b14 55%, #03050a 100%);
    --sos-surface: #0c1524;
    --sos-surface-raised: #132036;
    --sos-surface-sunken: #080f1a;
    --sos-border: #22344f;
    --sos-text: #eef3fb;
    --sos-text-dim: #a3b0c6;
    /* WCAG AA (≥ 4.5:1) on every night surface, the sunken rail and raised panels included. */
    --sos-text-faint: #8391a9;
    --sos-accent: #4fa8ff;
    /* White text on it (test-call banner, current step) at WCAG AA: 4.8:1. */
    --sos-accent-strong: #1b72d1;
    --sos-on-accent: #ffffff;
    --sos-danger: #ff4338;
    --sos-danger-strong: #d7261d;
    --sos-danger-soft: rgba(255, 67, 56, 0.14);
    --sos-on-danger: #ffffff;
    --sos-ready: #3ddc84;
    --sos-ready-soft: rgba(61, 220, 132, 0.14);
    --sos-limited: #ffb020;
    --sos-limited-soft: rgba(255, 176, 32, 0.14);
    --sos-unknown: #8592a8;
    --sos-unknown-soft: rgba(133, 146, 168, 0.16);
    --sos-neutral-button: #1a2942;
    --sos-neutral-button-border: #34507a;
    --sos-focus: #7cc8ff;
    --sos-focus-glow: rgba(79, 168, 255, 0.55);
    --sos-shadow: 0 12px 40px rgba(0, 0, 0, 0.55);
    --sos-telltale-off: #2a3a55;
  }

  :root[data-theme='day'] {
    color-scheme: light;
    --sos-bg: #e9eef5;
    --sos-bg-gradient: radial-gradient(120% 140% at 50% -20%, #ffffff 0%, #eef2f8 55%, #dfe6f0 100%);
    --sos-surface: #ffffff;
    --sos-surface-raised: #f4f7fb;
    --sos-surface-sunken: #e3e9f2;
    --sos-border: #c3cedd;
    --sos-text: #0a1220;
    --sos-text-dim: #3d4a60;
    /* WCAG AA (≥ 4.5:1) on every day surface, the sunken rail included. */
    --sos-text-faint: #566377;
    --sos-accent: #0b5ec9;
    --sos-accent-strong: #0b5ec9;
    --sos-on-accent: #ffffff;
    --sos-danger: #c8141c;
    --sos-danger-strong: #c8141c;
    --sos-danger-soft: rgba(200, 20, 28, 0.1);
    --sos-on-danger: #ffffff;
    --sos-ready: #06703a;
    --sos-ready-soft: rgba(11, 138, 66, 0.1);
    --sos-limited: #8f5200;
    --sos-limited-soft: rgba(214, 134, 0, 0.14);
    --sos-unknown: #5f6b80;
    --sos-unknown-soft: rgba(95, 107, 128, 0.12);
    --sos-neutral-button: #ffffff;
    --sos-neutral-button-border: #8fa3c0;
    --sos-focus: #0b5ec9;
    --sos-focus-glow: rgba(11, 94, 201, 0.35);
    --sos-shadow: 0 10px 30px rgba(20, 40, 80, 0.18);
    --sos-telltale-off: #b9c4d4;
  }

  /* High contrast (WCAG AAA on black): no gradients or soft tints, text white or signal colour. */
  :root[data-theme='contrast'] {
    color-scheme: dark;
    --sos-bg: #000000;
    --sos-bg-gradient: #000000;
    --sos-surface: #000000;
    --sos-surface-raised: #000000;
    --sos-surface-sunken: #000000;
    --sos-border: #ffffff;
    --sos-text: #ffffff;
    --sos-text-dim: #ffffff;
    --sos-text-faint: #d0d0d0;
    --sos-accent: #00e5ff;
    --sos-accent-strong: #00b8d4;
    --sos-on-accent: #000000;
    --sos-danger: #ff5c5c;
    --sos-danger-strong: #ff1f1f;
    --sos-danger-soft: #000000;
    --sos-on-danger: #000000;
    --sos-ready: #00ff7f;
    --sos-ready-soft: #000000;
    --sos-limited: #ffd500;
    --sos-limited-soft: #000000;
    --sos-unknown: #ffffff;
    --sos-unknown-soft: #000000;
    --sos-neutral-button: #000000;
    --sos-neutral-button-border: #ffffff;
    --sos-focus: #ffff00;
    --sos-focus-glow: rgba(255, 255, 0, 0.45);
    --sos-shadow: none;
    --sos-telltale-off: #8a8a8a;
  }

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
 * both themes. Apply to `:focus-visible` of anything the controller can select.
 */
export const focusRing: CSSResult = css`
  /* Drawn with box-shadow, which follows border-radius in every engine (WPE WebKit 2.38 draws outlines
     square); the transparent outline is what forced-colours mode paints instead. */
  outline: 4px solid transparent;
  outline-offset: 3px;
  box-shadow:
    0 0 0 3px var(--sos-bg),
    0 0 0 7px var(--sos-focus),
    0 0 0 13px var(--sos-focus-glow),
    0 0 28px 6px var(--sos-focus-glow);
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
