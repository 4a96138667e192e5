import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { headers } from 'next/headers';
import { authSecret, env, oidcConfigured } from '@/lib/env';
import { metaFromHeaders } from './request';
import { safeRedirectUrl } from './redirect';
import { ABSOLUTE_SESSION_SECONDS, signOutSession, startSession } from './session';
import { hasSecondFactor, idpReportsMfa } from './mfa/factors';
import { findActiveUserByEmail, recordOidcSignIn, SignInError, signInWithPassword } from './sign-in';

// The JWT cookie only carries the server-side session id; revocation, the
// inactivity timeout and the absolute lifetime are enforced against
// AuthSession on every request.

function toHeaders(raw: unknown): Headers {
  if (raw instanceof Headers) return raw;
  const h = new Headers();
  for (const [k, v] of Object.entries((raw ?? {}) as Record<string, string | string[] | undefined>)) {
    if (typeof v === 'string') h.set(k, v);
    else if (Array.isArray(v)) h.set(k, v.join(', '));
  }
  return h;
}

export function authOptions(): NextAuthOptions {
  const e = env();
  const providers: NextAuthOptions['providers'] = [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const meta = metaFromHeaders(toHeaders(req?.headers));
        try {
          return await signInWithPassword(String(credentials?.email ?? ''), String(credentials?.password ?? ''), meta);
        } catch (error) {
          // next-auth hands the message of a thrown error to the sign-in form.
          if (error instanceof SignInError) throw new Error(error.message);
          console.error('[sign-in]', error);
          throw new Error('Sign-in is unavailable right now. Try again in a moment.');
        }
      },
    }),
  ];
  if (oidcConfigured()) {
    providers.push({
      id: 'oidc',
      name: e.OIDC_NAME,
      type: 'oauth',
      wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, '')}/.well-known/openid-configuration`,
      idToken: true,
      checks: ['pkce', 'state'],
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: 'openid email profile' } },
      profile(profile: { sub: string; email?: string; name?: string; email_verified?: boolean }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.email ?? null };
      },
    });
  }

  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: ABSOLUTE_SESSION_SECONDS },
    jwt: { maxAge: ABSOLUTE_SESSION_SECONDS },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers,
    callbacks: {
      // Every callbackUrl next-auth is given (sign-in, sign-out, OIDC) stays on the portal.
      redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, baseUrl);
      },
      async signIn({ user, account, profile }) {
        if (account?.provider === 'credentials') return true;
        const verified = (profile as { email_verified?: boolean } | undefined)?.email_verified;
        if (verified === false) return '/sign-in?error=EmailNotVerified';
        // The portal decides roles; an SSO login never creates or promotes a user.
        const portalUser = await findActiveUserByEmail(user.email);
        return portalUser ? true : '/sign-in?error=NoPortalAccount';
      },
      async jwt({ token, user, account, profile }) {
        if (user && account) {
          const h = await headers();
          const meta = metaFromHeaders(h);
          let userId = user.id;
          let idpFactor = false;
          if (account.provider !== 'credentials') {
            const portalUser = await findActiveUserByEmail(user.email);
            if (!portalUser) throw new Error('NoPortalAccount');
            userId = portalUser.id;
            ({ idpFactor } = await recordOidcSignIn(userId, meta, { idpMfa: idpReportsMfa(profile as { amr?: unknown; acr?: unknown } | undefined) }));
          }
          // An IdP-reported MFA counts when the policy says so; otherwise a user
          // with a factor of their own still has to give it (/sign-in/verify).
          const pending = !idpFactor && (await hasSecondFactor(userId));
          const sid = await startSession(userId, { ip: meta.ip, userAgent: h.get('user-agent') }, { pending, factorMethod: idpFactor ? 'idp' : undefined });
          return { sid, uid: userId, name: user.name, email: user.email };
        }
        return token;
      },
      async session({ session }) {
        return { expires: session.expires, user: { name: session.user?.name ?? null, email: session.user?.email ?? null } };
      },
    },
    events: {
      async signOut({ token }) {
        if (token && typeof token.sid === 'string') await signOutSession(token.sid, metaFromHeaders(await headers()));
      },
    },
  };
}
