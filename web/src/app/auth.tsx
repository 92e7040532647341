import type { Role } from '@dangvu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, UNAUTHENTICATED_EVENT } from '../api/client';

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  scopeOrgIds: string[];
  csrfToken: string;
}

interface AuthState {
  me: Me | null;
  loading: boolean;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: () => api<Me>('GET', '/auth/me').catch((e: unknown) => (e instanceof ApiError && e.status === 401 ? null : Promise.reject(e))),
    staleTime: 60_000,
  });
  useEffect(() => {
    // Any 401 from any screen: the session is gone; send the user to the login page with the reason.
    const onUnauth = (ev: Event) => {
      const code = (ev as CustomEvent<string>).detail;
      qc.setQueryData(['me'], null);
      navigate(`/login?reason=${code === 'SESSION_EXPIRED' ? 'expired' : 'login'}&next=${encodeURIComponent(location.pathname + location.search)}`);
    };
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauth);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauth);
  }, [navigate, qc]);
  const logout = useCallback(async () => {
    await api('POST', '/auth/logout').catch(() => undefined);
    qc.clear();
    qc.setQueryData(['me'], null);
    navigate('/login?reason=logout');
  }, [navigate, qc]);
  return <AuthContext.Provider value={{ me: me.data ?? null, loading: me.isPending, logout }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
