// The interface language: English by default, Simplified Chinese on request. The choice is kept
// in localStorage; without one, the browser's languages decide. Non-English catalogues load on
// demand, so English-only visits do not download them.
import type { Catalog, OnDemandNamespace } from './messages/en';
import { en } from './messages/en';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };
export const LOCALE_STORAGE_KEY = 'dcs-console.locale';

/** A language's messages as loaded: English may still lack the namespaces of pages not yet loaded. */
export type LoadedCatalog = Omit<Catalog, OnDemandNamespace> & Partial<Pick<Catalog, OnDemandNamespace>>;

/** English namespaces registered by the pages loaded so far (registerEnglish, via onDemandNamespace). */
const englishOnDemand: Partial<Pick<Catalog, OnDemandNamespace>> = {};

const loaders: Record<Locale, () => Promise<LoadedCatalog>> = {
  en: () => Promise.resolve({ ...en, ...englishOnDemand }),
  'zh-CN': () => import('./messages/zh-CN').then((module) => module.zhCN),
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The saved choice, else the first browser language we speak (any zh-Hans/zh-CN/zh → zh-CN), else English. */
export function detectLocale(): Locale {
  try {
    const saved = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // storage disabled: fall through to the browser's languages
  }
  for (const language of navigator.languages ?? [navigator.language]) {
    const lower = language.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-cn') || lower.startsWith('zh-hans') || lower.startsWith('zh-sg')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

let current: { locale: Locale; catalog: LoadedCatalog } = { locale: 'en', catalog: { ...en } };
const listeners = new Set<() => void>();

export const localeStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: () => current,
};

/** The locale in use, for code outside React (formatters, notifications). */
export const currentLocale = (): Locale => current.locale;
export const currentCatalog = (): LoadedCatalog => current.catalog;

/**
 * A page loaded on demand brings the English of its own namespace (called by onDemandNamespace in
 * translate.ts when the binding's module is evaluated, before anything using it renders). Added in
 * place: views rendered so far do not use it.
 */
export function registerEnglish<N extends OnDemandNamespace>(namespace: N, messages: Catalog[N]): void {
  englishOnDemand[namespace] = messages;
  if (current.locale === 'en') current.catalog[namespace] = messages;
}

/** Loads the catalogue, then switches every mounted view to it; `remember` saves the choice. */
export async function setLocale(locale: Locale, { remember = true } = {}): Promise<void> {
  const catalog = await loaders[locale]();
  current = { locale, catalog };
  document.documentElement.lang = locale;
  if (remember) {
    try {
      window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // storage disabled: the choice lasts for this page only
    }
  }
  listeners.forEach((listener) => listener());
}
