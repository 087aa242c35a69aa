/**
 * Who is signed in: asked once at start (GET /api/auth/me), changed by signing in and out. The CSRF token that
 * comes with it goes to http.ts, in memory.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { getJson, send, setCsrfToken } from "./http.ts";

export interface User {
  readonly id: number | string;
  readonly email: string;
  readonly name: string;
  readonly role: "focal-point" | "editor" | "administrator";
  /** A focal point's reporting countries; empty for editors and administrators, who act for all. */
  readonly countries: readonly string[];
}

export interface Me {
  readonly user: User | null;
  readonly csrfToken: string | null;
}

export interface Session {
  /** Undefined while the first answer is awaited. */
  readonly user: User | null | undefined;
  signIn(email: string, password: string, lang: string): Promise<User>;
  signOut(): Promise<void>;
  /** Takes the session another request opened (an accepted invitation signs in). */
  adopt(me: Me): void;
}

const SessionContext = createContext<Session>({
  user: null,
  signIn: () => Promise.reject(new Error("no session provider")),
  signOut: () => Promise.resolve(),
  adopt: () => undefined,
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const accept = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setUser(me.user);
  }, []);

  useEffect(() => {
    getJson<Me>("/api/auth/me").then(accept, () => accept({ user: null, csrfToken: null }));
  }, [accept]);

  const signIn = useCallback(
    async (email: string, password: string, lang: string) => {
      const me = await send<{ user: User; csrfToken: string }>(`/api/auth/login?lang=${lang}`, { email, password });
      accept(me);
      return me.user;
    },
    [accept],
  );
  const signOut = useCallback(async () => {
    await send("/api/auth/logout");
    accept({ user: null, csrfToken: null });
  }, [accept]);

  const value = useMemo(() => ({ user, signIn, signOut, adopt: accept }), [user, signIn, signOut, accept]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export const useSession = (): Session => useContext(SessionContext);

/** Whether the account manages accounts and reads the audit log (administrators). */
export const isAdministrator = (user: User | null | undefined): boolean => user?.role === "administrator";

/** Whether the account may moderate the inventory (editors and administrators). */
export const canModerate = (user: User | null | undefined): boolean =>
  user?.role === "editor" || user?.role === "administrator";
