// The console's own small i18n: typed catalogues per UI area, lazy non-English catalogues,
// Intl for plurals, numbers and dates. (react-i18next + i18next would add ~18 kB gzip to a page
// with a 190 kB budget, for features this console does not need.)
export { currentLocale, detectLocale, isLocale, LOCALE_NAMES, LOCALES, setLocale, type Locale } from './locale';
export { LocaleRemount } from './locale-remount';
export { rich, slot } from './rich';
export {
  onDemandNamespace,
  translate,
  useLocale,
  useT,
  type CoreNamespace,
  type Namespace,
  type NamespaceBinding,
  type Translate,
  type Vars,
} from './translate';
