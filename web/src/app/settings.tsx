import { createContext, useContext, useState, type ReactNode } from 'react';

interface Settings {
  largeText: boolean;
  setLargeText: (v: boolean) => void;
}
const SettingsContext = createContext<Settings | null>(null);
const KEY = 'dangvu.largeText';

/** Display preferences kept on the device: older secretaries set large text once. */
export function SettingsProvider({ children }: { children: ReactNode }) {
  const [largeText, set] = useState(() => localStorage.getItem(KEY) === '1');
  const setLargeText = (v: boolean) => {
    localStorage.setItem(KEY, v ? '1' : '0');
    set(v);
  };
  return <SettingsContext.Provider value={{ largeText, setLargeText }}>{children}</SettingsContext.Provider>;
}

export function useSettings(): Settings {
  const v = useContext(SettingsContext);
  if (!v) throw new Error('useSettings outside SettingsProvider');
  return v;
}
