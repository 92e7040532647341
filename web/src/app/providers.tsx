import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import viVN from 'antd/es/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { I18nProvider, useI18n } from './i18n';
import { SettingsProvider, useSettings } from './settings';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Weak mountain connections: retry network failures, never 4xx answers.
      retry: (n, e) => n < 2 && (!(e instanceof ApiError) || e.status === 0 || e.status >= 500),
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

// Phones that ask for less motion (and slow ones, where animations make taps land late) get none.
const reducedMotion = typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

function Themed({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  const { largeText } = useSettings();
  dayjs.locale(lang === 'vi' ? 'vi' : 'en');
  return (
    <ConfigProvider
      locale={lang === 'vi' ? viVN : enUS}
      theme={{ token: { colorPrimary: '#b71c1c', fontSize: largeText ? 19 : 15, controlHeight: largeText ? 44 : 36, borderRadius: 6, motion: !reducedMotion } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <SettingsProvider>
          <Themed>{children}</Themed>
        </SettingsProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
