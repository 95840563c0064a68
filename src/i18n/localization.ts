/**
 * The HMI's languages (`@lit/localize`, runtime mode). English is the source language and is built
 * in; German, French, Italian and Spanish are separate chunks loaded only when chosen, so the
 * head-unit bundle carries one language. eCall is pan-European: the driver's language, not the
 * country's, decides.
 */
import { configureLocalization, type LocaleModule } from '@lit/localize';
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

function localization(): ReturnType<typeof configureLocalization> {
  configured ??= configureLocalization({
    sourceLocale,
    targetLocales: LANGUAGES.filter((l): l is Exclude<Language, 'en'> => l !== sourceLocale),
    loadLocale: (locale) => LOADERS[locale as Exclude<Language, 'en'>](),
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
