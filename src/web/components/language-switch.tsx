import { NativeSelect } from '@mantine/core';
import { isLocale, LOCALE_NAMES, LOCALES, setLocale, translate, useLocale, useT } from '../i18n';
import { notify } from '../lib/notify';

/** English / 简体中文, each named in its own language (and marked so); the choice is remembered. */
export function LanguageSwitch() {
  const t = useT('shell');
  const { locale } = useLocale();
  return (
    <NativeSelect
      label={t('language')}
      size="xs"
      w={120}
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
