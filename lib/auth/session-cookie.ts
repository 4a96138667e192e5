import 'server-only';
import { cookies } from 'next/headers';
import { encode } from 'next-auth/jwt';
import { authSecret, env } from '@/lib/env';
import type { RequestMeta } from './actor';
import { ABSOLUTE_SESSION_SECONDS, startSession } from './session';

/**
 * Starts a server-side session and sets the same cookie next-auth would
 * (name, JWT contents, flags), so a sign-in through the portal's own form
 * Server Action, which works without JavaScript, is a normal next-auth
 * session: sign-out, /api/auth/session and every check read it alike.
 */
export async function setSessionCookie(
  user: { id: string; email: string; name: string },
  meta: RequestMeta & { userAgent?: string | null },
  mfa: { pending?: boolean; factorMethod?: string } = {},
): Promise<void> {
  const sid = await startSession(user.id, meta, mfa);
  const token = await encode({
    token: { sid, uid: user.id, sub: user.id, name: user.name, email: user.email },
    secret: authSecret(),
    maxAge: ABSOLUTE_SESSION_SECONDS,
  });
  const secure = (env().NEXTAUTH_URL ?? '').startsWith('https://');
  (await cookies()).set(`${secure ? '__Secure-' : ''}next-auth.session-token`, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure,
    expires: new Date(Date.now() + ABSOLUTE_SESSION_SECONDS * 1000),
  });
}
