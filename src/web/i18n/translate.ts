// `t(key, vars)`: the message of the current language, with `{name}` placeholders filled in and
// plural forms picked by `vars.count` (Intl.PluralRules). Numbers in vars are localised.
import { useSyncExternalStore } from 'react';
import { currentCatalog, currentLocale, localeStore, registerEnglish } from './locale';
import type { Catalog, Message, OnDemandNamespace } from './messages/en';

export type Namespace = keyof Catalog;
/** The namespaces of the first download, open to `useT(namespace)` and `translate(namespace, …)`. */
export type CoreNamespace = Exclude<Namespace, OnDemandNamespace>;
export type Vars = Record<string, string | number | null | undefined>;
export type Translate<N extends Namespace> = (key: keyof Catalog[N] & string, vars?: Vars) => string;

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<T>(map: Map<string, T>, locale: string, make: () => T): T {
  let value = map.get(locale);
  if (!value) map.set(locale, (value = make()));
  return value;
}

export function interpolate(message: Message, vars: Vars | undefined, locale: string): string {
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const count = Number(vars?.count ?? 0);
    const category = cached(pluralRules, locale, () => new Intl.PluralRules(locale)).select(count) as keyof typeof message;
    text = message[category] ?? message.other;
  }
  if (!vars) return text;
  const numbers = cached(numberFormats, locale, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }));
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined || value === null) return whole;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}

function translateIn<N extends Namespace>(namespace: N, key: keyof Catalog[N] & string, vars?: Vars): string {
  // Undefined only for an on-demand namespace before its binding's module ran (the key, never a crash).
  const messages = currentCatalog()[namespace] as Record<string, Message> | undefined;
  return interpolate(messages?.[key] ?? key, vars, currentLocale());
}

function useTranslateIn<N extends Namespace>(namespace: N): Translate<N> {
  const { locale, catalog } = useLocale();
  const messages = catalog[namespace] as Record<string, Message> | undefined;
  return (key, vars) => interpolate(messages?.[key] ?? key, vars, locale);
}

/** Outside React: translate with the current language (e.g. a notification's text). */
export function translate<N extends CoreNamespace>(namespace: N, key: keyof Catalog[N] & string, vars?: Vars): string {
  return translateIn(namespace, key, vars);
}

/** The current language and catalogue; re-renders when the language changes. */
export function useLocale() {
  return useSyncExternalStore(localeStore.subscribe, localeStore.get, localeStore.get);
}

/**
 * `const t = useT('list'); t('searchPlaceholder')`. Keys are checked by TypeScript. Only the
 * namespaces of the first download: an on-demand one is reached through its binding (below).
 */
export function useT<N extends CoreNamespace>(namespace: N): Translate<N> {
  return useTranslateIn(namespace);
}

/** The texts of an on-demand namespace, bound to it: a hook for components, a function for the rest. */
export interface NamespaceBinding<N extends OnDemandNamespace> {
  useT: () => Translate<N>;
  translate: Translate<N>;
}

/**
 * Registers the English of an on-demand namespace and returns its binding. Called once per
 * namespace, at the top level of the module that owns its English: whoever imports the binding
 * brings the English with it (and in its chunk), so no page can show the texts without them.
 */
export function onDemandNamespace<N extends OnDemandNamespace>(namespace: N, english: Catalog[N]): NamespaceBinding<N> {
  registerEnglish(namespace, english);
  return {
    useT: () => useTranslateIn(namespace),
    translate: (key, vars) => translateIn(namespace, key, vars),
  };
}
