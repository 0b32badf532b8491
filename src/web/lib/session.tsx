// Who is signed in. Restored from GET /api/auth/session at start; when a call gets 401 (the session
// expired or was revoked) the sign-in dialog opens over the current page, which stays mounted, so
// nothing typed is lost; the failed call is retried after signing in.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { AuthResponse, SessionResponse, SessionUserView } from '../../modules/users/users.schemas.ts';
import { ApiError, api, setCsrfToken, setSessionExpiredHandler } from './api.ts';

/** The signed-in user (GET /api/auth/session, POST /api/auth/login). */
export type User = SessionUserView;

interface SessionState {
  user: User | null;
  ready: boolean;
  login(email: string, password: string): Promise<User>;
  logout(): Promise<void>;
  /** Set while the sign-in dialog is asked for by an expired session. */
  expired: boolean;
  resolveExpired(ok: boolean): void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);
  const [expired, setExpired] = useState(false);
  const waiting = useRef<((ok: boolean) => void)[]>([]);

  useEffect(() => {
    // /api/auth/session answers a visitor 200 with nulls: no 401 in the console of a public page.
    api<SessionResponse>('/api/auth/session', { anonymous: true })
      .then((r) => {
        setCsrfToken(r.csrfToken);
        setUser(r.user);
      })
      .catch(() => setUser(null))
      .finally(() => setReady(true));
  }, []);

  useEffect(() => {
    setSessionExpiredHandler(
      () =>
        new Promise<boolean>((resolve) => {
          waiting.current.push(resolve);
          setExpired(true);
        }),
    );
    return () => setSessionExpiredHandler(null);
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const r = await api<AuthResponse>('/api/auth/login', {
      method: 'POST',
      body: { email, password },
      anonymous: true,
    });
    setCsrfToken(r.csrfToken);
    setUser(r.user);
    return r.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST', body: {}, anonymous: true });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    setCsrfToken(null);
    setUser(null);
  }, []);

  const resolveExpired = useCallback((ok: boolean) => {
    setExpired(false);
    const list = waiting.current;
    waiting.current = [];
    for (const r of list) r(ok);
  }, []);

  return (
    <SessionContext.Provider value={{ user, ready, login, logout, expired, resolveExpired }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export const isNationalRole = (role: string | undefined) =>
  role === 'national_admin' || role === 'national_analyst';
