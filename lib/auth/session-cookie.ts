import 'server-only';
import { cookies } from 'next/headers';
import { encode } from 'next-auth/jwt';
import { authSecret, env } from '@/lib/env';
import type { RequestMeta } from './actor';
import { ABSOLUTE_SESSION_SECONDS, startSession } from './session';

type CookieOptions = { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean; expires: Date };

/**
 * Starts a server-side session and returns the same cookie next-auth would
 * set (name, JWT contents, flags), so a sign-in outside next-auth's own
 * handlers (the portal's password form, SAML's assertion consumer) is a
 * normal next-auth session: sign-out, /api/auth/session and every check read
 * it alike.
 */
export async function sessionCookie(
  user: { id: string; email: string; name: string },
  meta: RequestMeta & { userAgent?: string | null },
  mfa: { pending?: boolean; factorMethod?: string } = {},
): Promise<{ name: string; value: string; options: CookieOptions }> {
  const sid = await startSession(user.id, meta, mfa);
  const value = await encode({
    token: { sid, uid: user.id, sub: user.id, name: user.name, email: user.email },
    secret: authSecret(),
    maxAge: ABSOLUTE_SESSION_SECONDS,
  });
  const secure = (env().NEXTAUTH_URL ?? '').startsWith('https://');
  return {
    name: `${secure ? '__Secure-' : ''}next-auth.session-token`,
    value,
    options: { httpOnly: true, sameSite: 'lax', path: '/', secure, expires: new Date(Date.now() + ABSOLUTE_SESSION_SECONDS * 1000) },
  };
}

/** The session cookie set on the current Server Action's response. */
export async function setSessionCookie(...args: Parameters<typeof sessionCookie>): Promise<void> {
  const c = await sessionCookie(...args);
  (await cookies()).set(c.name, c.value, c.options);
}
