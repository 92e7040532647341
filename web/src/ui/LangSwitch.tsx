import { Button, Space } from 'antd';
import { useI18n, type Lang } from '../app/i18n';

const LANGS: { lang: Lang; label: string }[] = [
  { lang: 'vi', label: 'Tiếng Việt' },
  { lang: 'en', label: 'English' },
];

/** Two plain buttons rather than a dropdown: one tap on a phone, and no select widget in the first bundle. */
export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Space.Compact role="group" aria-label={t('settings.language')}>
      {LANGS.map((l) => (
        <Button key={l.lang} type={lang === l.lang ? 'primary' : 'default'} aria-pressed={lang === l.lang} onClick={() => setLang(l.lang)} lang={l.lang}>
          {l.label}
        </Button>
      ))}
    </Space.Compact>
  );
}
