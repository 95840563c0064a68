/**
 * Day and night themes as CSS custom properties on the document element (`data-theme`), plus the
 * shared focus ring. Custom properties inherit into every shadow root, so components only read
 * `var(--sos-…)`. System fonts only: a head unit has no network to fetch web fonts.
 */
import { css, type CSSResult } from 'lit';

/** The two themes a head unit switches between (light sensor / headlights). */
export type Theme = 'day' | 'night';

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
    --sos-text-faint: #6d7c95;
    --sos-accent: #4fa8ff;
    --sos-accent-strong: #1f7de0;
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
    --sos-text-faint: #667389;
    --sos-accent: #0b5ec9;
    --sos-accent-strong: #0b5ec9;
    --sos-on-accent: #ffffff;
    --sos-danger: #c8141c;
    --sos-danger-strong: #c8141c;
    --sos-danger-soft: rgba(200, 20, 28, 0.1);
    --sos-on-danger: #ffffff;
    --sos-ready: #0b8a42;
    --sos-ready-soft: rgba(11, 138, 66, 0.1);
    --sos-limited: #a35f00;
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
  outline: 4px solid var(--sos-focus);
  outline-offset: 3px;
  box-shadow:
    0 0 0 9px var(--sos-focus-glow),
    0 0 28px 6px var(--sos-focus-glow);
`;

let installed: CSSStyleSheet | null = null;

/**
 * Adds the theme tokens to the document once (adopted stylesheet, so no build step is needed to
 * theme the page) and sets `data-theme` on the document element.
 */
export function applyTheme(theme: Theme, doc: Document = document): void {
  if (!installed) {
    const sheet = themeTokens.styleSheet;
    if (sheet && !doc.adoptedStyleSheets.includes(sheet)) {
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      installed = sheet;
    }
  }
  doc.documentElement.dataset['theme'] = theme;
}
