/**
 * The HMI's languages (`@lit/localize`, runtime mode). English is the source language and is built
 * in; German, French, Italian and Spanish are separate chunks loaded only when chosen, so the
 * head-unit bundle carries one language. eCall is pan-European: the driver's language, not the
 * country's, decides.
 */
import {
  LOCALE_STATUS_EVENT,
  configureLocalization,
  type LocaleModule,
  type TemplateMap,
} from '@lit/localize';
import { allLocales, sourceLocale } from './locale-codes.js';

/** A language the HMI speaks (ISO 639-1). */
export type Language = (typeof allLocales)[number];

/** Every language, source first. */
export const LANGUAGES: readonly Language[] = [sourceLocale, ...allLocales.filter((l) => l !== sourceLocale)];

/** Each language in its own words, for pickers. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  it: 'Italiano',
  es: 'Español',
};

const LOADERS: Readonly<Record<Exclude<Language, 'en'>, () => Promise<LocaleModule>>> = {
  de: () => import('./locales/de.js'),
  fr: () => import('./locales/fr.js'),
  it: () => import('./locales/it.js'),
  es: () => import('./locales/es.js'),
};

let configured: ReturnType<typeof configureLocalization> | null = null;
/** The messages of each loaded language: the very objects `msg()` reads (see `activeTemplates`). */
const loadedTemplates = new Map<Language, TemplateMap>();

function localization(): ReturnType<typeof configureLocalization> {
  configured ??= configureLocalization({
    sourceLocale,
    targetLocales: LANGUAGES.filter((l): l is Exclude<Language, 'en'> => l !== sourceLocale),
    loadLocale: (locale) =>
      LOADERS[locale as Exclude<Language, 'en'>]().then((module) => {
        loadedTemplates.set(locale as Language, module.templates);
        return module;
      }),
  });
  return configured;
}

export function isLanguage(value: string | null | undefined): value is Language {
  return (LANGUAGES as readonly string[]).includes(value ?? '');
}

/** The language the screens speak now. */
export function currentLanguage(): Language {
  const locale = configured ? configured.getLocale() : sourceLocale;
  return isLanguage(locale) ? locale : sourceLocale;
}

/**
 * Switches every screen to `language` (loads its strings first) and sets `lang` on the document,
 * so screen readers and hyphenation follow. Resolves once the screens can render in it.
 */
export async function setLanguage(language: Language, doc: Document = document): Promise<void> {
  doc.documentElement.lang = language;
  if (language === sourceLocale && currentLanguage() === sourceLocale) return;
  await localization().setLocale(language);
}

/**
 * Designer hook (the workbench's wording section, src/designer/): the messages of the language the
 * screens speak now, id → template — the loaded module's own map, which `msg()` reads on every call,
 * so a changed entry shows after `relocalize()`. Null for the source language (English is compiled
 * into the templates, not loaded).
 */
export function activeTemplates(): TemplateMap | null {
  return loadedTemplates.get(currentLanguage()) ?? null;
}

/**
 * Designer hook: says the current language is ready again, so `texts.ts` recomputes its strings and
 * every element that called `updateWhenLocaleChanges` re-renders (after `activeTemplates()` changed).
 */
export function relocalize(target: EventTarget = window): void {
  target.dispatchEvent(
    new CustomEvent(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: currentLanguage() } }),
  );
}
