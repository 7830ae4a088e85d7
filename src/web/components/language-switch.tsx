import { NativeSelect } from '@mantine/core';
import { isLocale, LOCALE_NAMES, LOCALES, setLocale, translate, useLocale, useT } from '../i18n';
import { notify } from '../lib/notify';

function GlobeIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
    </svg>
  );
}

/**
 * English / 简体中文, each named in its own language (and marked so); the choice is remembered.
 * Named by a globe and its accessible name (hover title too), no visible label: the header's one row.
 */
export function LanguageSwitch() {
  const t = useT('shell');
  const { locale } = useLocale();
  return (
    <NativeSelect
      aria-label={t('language')}
      title={t('language')}
      size="xs"
      className="dcs-header-switch"
      leftSection={<GlobeIcon />}
      value={locale}
      onChange={(event) => {
        const next = event.currentTarget.value;
        if (!isLocale(next)) return;
        setLocale(next).catch(() =>
          notify.show({ color: 'red', title: translate('shell', 'languageLoadFailed'), message: LOCALE_NAMES[next] }),
        );
      }}
      data-testid="language-switch"
    >
      {LOCALES.map((value) => (
        <option key={value} value={value} lang={value}>
          {LOCALE_NAMES[value]}
        </option>
      ))}
    </NativeSelect>
  );
}
