import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { loadWorkflowMessages, messages, type MessageKey } from './messages';

export type Lang = 'vi' | 'en';
type Params = Record<string, string | number>;

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (key: MessageKey, params?: Params) => string;
  /** Picks the right side of a `{ vi, en }` label from common. */
  label: (l: { vi: string; en: string } | undefined, fallback?: string) => string;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'dangvu.lang';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi'));
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
    setLangState(l);
  }, []);
  // The workflow texts arrive after the first screen; re-render once they are in.
  const [loaded, setLoaded] = useState(0);
  useEffect(() => {
    void loadWorkflowMessages().then(() => setLoaded(1));
  }, []);
  const t = useCallback(
    (key: MessageKey, params?: Params) => {
      let s: string = messages[lang][key] ?? messages.vi[key] ?? key;
      if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    },
    [lang, loaded], // `loaded` changes when messages gain the workflow texts
  );
  const label = useCallback((l: { vi: string; en: string } | undefined, fallback = '') => (l ? l[lang] : fallback), [lang]);
  const value = useMemo(() => ({ lang, setLang, t, label }), [lang, setLang, t, label]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
