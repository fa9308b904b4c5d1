import { useEffect, useState } from "preact/hooks";

/** Who is signed in, from the access token's claims (for the screens' choices only: the API decides what is allowed). */
export interface SessionUser {
  sub: string;
  name: string;
  roles: string[];
  division: string;
  dept?: string;
  grids?: string[];
}

export interface Session {
  token: string;
  /** Epoch ms at which the token expires. */
  expiresAt: number;
  user: SessionUser;
  /** How it was obtained, and so how it is renewed. */
  via: "dev" | "oidc";
  /** Renews the token before it expires (the dev issuer mints again; OIDC refreshes). */
  renew?: () => Promise<Session>;
  /** Ends the session at the identity provider too, where there is one. */
  end?: () => void;
}

// Tokens are kept in memory only (never localStorage): a reload asks the identity provider again.
let current: Session | null = null;
let renewal: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<(s: Session | null) => void>();

export function session(): Session | null {
  return current;
}

export function token(): string | undefined {
  return current?.token;
}

export function setSession(next: Session | null): void {
  current = next;
  clearTimeout(renewal);
  if (next?.renew) {
    // A minute before expiry (at least 10 s from now): silent renewal, the same user, a fresh token.
    const renew = next.renew;
    renewal = setTimeout(
      () => void renew().then(setSession, () => setSession(null)),
      Math.max(10_000, next.expiresAt - Date.now() - 60_000),
    );
  }
  for (const l of listeners) l(next);
}

export function signOut(): void {
  const end = current?.end;
  setSession(null);
  end?.();
}

/** Calls `listener` with each new session (sign-in, silent renewal, sign-out); returns the way to stop. */
export function onSession(listener: (s: Session | null) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function useSession(): Session | null {
  const [s, set] = useState(current);
  useEffect(() => onSession(set), []);
  return s;
}

/** The claims of a JWT access token (not verified here: the gateway verifies every call). */
export function claimsOf(jwt: string): SessionUser & { exp: number } {
  const part = jwt.split(".")[1] ?? "";
  const json = new TextDecoder().decode(
    Uint8Array.from(atob(part.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0)),
  );
  const c = JSON.parse(json) as Record<string, unknown>;
  return {
    sub: String(c.sub ?? ""),
    name: String(c.name ?? c.sub ?? ""),
    roles: Array.isArray(c.roles) ? c.roles.map(String) : [],
    division: String(c.division ?? ""),
    dept: typeof c.dept === "string" ? c.dept : undefined,
    grids: Array.isArray(c.grids) ? c.grids.map(String) : undefined,
    exp: Number(c.exp ?? 0),
  };
}
