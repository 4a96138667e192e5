import 'server-only';
import { DOMParser } from '@xmldom/xmldom';
import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from '@node-saml/node-saml';
import { anonymousActor, type RequestMeta } from '@/lib/auth/actor';
import { hasSecondFactor, idpReportsMfa } from '@/lib/auth/mfa/factors';
import { safeRedirectPath } from '@/lib/auth/redirect';
import { sessionCookie } from '@/lib/auth/session-cookie';
import { findActiveUserByEmail, recordOidcSignIn } from '@/lib/auth/sign-in';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { publicBaseUrl } from '@/lib/env';
import { prismaCode } from '@/lib/errors';
import { NAMEID_EMAIL, spUrls } from './connection';
import { certificatesOf } from './schema';

const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
const EMAIL_ATTRIBUTES = ['email', 'mail', 'urn:oid:0.9.2342.19200300.100.1.3', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'];

/** Why a SAML sign-in was refused; the code is what the sign-in page explains. */
export class SamlRefused extends Error {
  constructor(
    readonly code: 'SamlNotConfigured' | 'SamlInvalid' | 'SamlReplayed' | 'NoPortalAccount',
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'SamlRefused';
  }
}

async function connectionFor(slug: string) {
  const org = await db.organization.findUnique({
    where: { slug },
    select: { id: true, samlConnection: { select: { enabled: true, idpEntityId: true, ssoUrl: true, idpCert: true, clockSkewSeconds: true } } },
  });
  if (!org?.samlConnection?.enabled) return null;
  return { orgId: org.id, ...org.samlConnection };
}

/** A response to an SP-initiated sign-in must answer a request sent in the last 10 minutes. */
const REQUEST_TTL_MS = 10 * 60_000;

/**
 * node-saml's store of outstanding AuthnRequest ids, in PostgreSQL so any
 * instance can take the answer. Saving removes expired ids; a successful or
 * failed answer removes its id, so it is taken once.
 */
function requestStore(orgId: string): CacheProvider {
  return {
    async saveAsync(key, value) {
      const createdAt = new Date(value);
      await db.$transaction(async (tx) => {
        await tx.samlRequest.deleteMany({ where: { orgId, createdAt: { lt: new Date(Date.now() - REQUEST_TTL_MS) } } });
        await tx.samlRequest.create({ data: { id: key, orgId, createdAt } });
      });
      return { value, createdAt: createdAt.getTime() };
    },
    async getAsync(key) {
      const row = await db.samlRequest.findFirst({ where: { id: key, orgId }, select: { createdAt: true } });
      return row && Date.now() - row.createdAt.getTime() < REQUEST_TTL_MS ? row.createdAt.toISOString() : null;
    },
    async removeAsync(key) {
      if (!key) return null;
      const gone = await db.samlRequest.deleteMany({ where: { id: key, orgId } });
      return gone.count ? key : null;
    },
  };
}

function client(slug: string, conn: NonNullable<Awaited<ReturnType<typeof connectionFor>>>) {
  const urls = spUrls(slug);
  return new SAML({
    callbackUrl: urls.acs,
    entryPoint: conn.ssoUrl,
    issuer: urls.entityId,
    audience: urls.entityId,
    idpIssuer: conn.idpEntityId,
    idpCert: certificatesOf(conn.idpCert),
    // The assertion itself must carry the IdP's signature; a signed envelope around an unsigned assertion is not enough.
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: conn.clockSkewSeconds * 1000,
    // An answer to one of our requests must name a request still outstanding; IdP-initiated
    // responses (no InResponseTo) are accepted, and replay is stopped by the assertion id.
    validateInResponseTo: ValidateInResponseTo.ifPresent,
    cacheProvider: requestStore(conn.orgId),
    requestIdExpirationPeriodMs: REQUEST_TTL_MS,
    identifierFormat: NAMEID_EMAIL,
    disableRequestedAuthnContext: true,
  });
}

/** The URL that sends the browser to the IdP (SP-initiated), carrying where to land afterwards. */
export async function samlLoginUrl(slug: string, callbackUrl: string | null): Promise<string | null> {
  const conn = await connectionFor(slug);
  if (!conn) return null;
  return client(slug, conn).getAuthorizeUrlAsync(safeRedirectPath(callbackUrl, publicBaseUrl()), undefined, {});
}

function parseXml(xml: string): Document {
  return new DOMParser({ errorHandler: { warning: () => undefined } }).parseFromString(xml, 'text/xml') as unknown as Document;
}

/** What node-saml does not check itself: the recipient and destination, and the facts replay protection needs. */
function assertionFacts(profile: Profile, skewMs: number) {
  const assertion = parseXml(profile.getAssertionXml?.() ?? '').documentElement;
  const response = parseXml(profile.getSamlResponseXml?.() ?? '').documentElement;
  const id = assertion?.getAttribute('ID') ?? '';
  const recipients = Array.from(assertion?.getElementsByTagNameNS(SAML_NS, 'SubjectConfirmationData') ?? []).map((e) => e.getAttribute('Recipient'));
  const limits = [
    ...Array.from(assertion?.getElementsByTagNameNS(SAML_NS, 'Conditions') ?? []).map((e) => e.getAttribute('NotOnOrAfter')),
    ...Array.from(assertion?.getElementsByTagNameNS(SAML_NS, 'SubjectConfirmationData') ?? []).map((e) => e.getAttribute('NotOnOrAfter')),
  ]
    .filter((v): v is string => Boolean(v))
    .map((v) => Date.parse(v))
    .filter((v) => !Number.isNaN(v));
  const classRef = assertion?.getElementsByTagNameNS(SAML_NS, 'AuthnContextClassRef')[0]?.textContent?.trim() ?? '';
  const destination = response?.namespaceURI === PROTOCOL_NS ? response.getAttribute('Destination') : null;
  // Kept as long as the assertion could be accepted: its latest limit plus the skew (at least 10 minutes).
  const expiresAt = new Date(Math.max(limits.length ? Math.min(...limits) : 0, Date.now() + 10 * 60_000) + skewMs);
  return { id, recipients, destination, classRef, expiresAt };
}

function emailOf(profile: Profile): string | null {
  for (const name of EMAIL_ATTRIBUTES) {
    const v = profile[name];
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string' && value.includes('@')) return value;
  }
  return profile.nameID?.includes('@') ? profile.nameID : null;
}

async function refuse(orgId: string, meta: RequestMeta, error: SamlRefused, email: string | null): Promise<never> {
  await db.$transaction((tx) =>
    recordEvent(tx, { ...anonymousActor(meta, email ?? 'saml'), orgId }, { action: 'auth.sign_in_failed', entityType: 'user', entityId: null, changes: { method: 'saml', reason: error.reason, ...(email ? { email } : {}) } }),
  );
  throw error;
}

/**
 * The assertion consumer: checks the IdP's signed response (node-saml:
 * signature by a configured certificate, issuer, audience, NotBefore and
 * NotOnOrAfter within the clock skew), then the recipient and destination,
 * then that the assertion id was never used before (kept until it expires).
 * An active portal user of this organisation with the asserted e-mail gets a
 * session, as with OIDC; nobody is created and no role changes.
 */
export async function consumeSamlResponse(slug: string, form: { SAMLResponse?: unknown; RelayState?: unknown }, meta: RequestMeta & { userAgent?: string | null }) {
  const conn = await connectionFor(slug);
  if (!conn) throw new SamlRefused('SamlNotConfigured', 'SAML sign-in is not set up for this organisation.');
  if (typeof form.SAMLResponse !== 'string' || !form.SAMLResponse || form.SAMLResponse.length > 500_000) {
    return refuse(conn.orgId, meta, new SamlRefused('SamlInvalid', 'no SAMLResponse'), null);
  }
  let profile: Profile | null;
  try {
    ({ profile } = await client(slug, conn).validatePostResponseAsync({ SAMLResponse: form.SAMLResponse }));
  } catch (error) {
    return refuse(conn.orgId, meta, new SamlRefused('SamlInvalid', error instanceof Error ? error.message.slice(0, 300) : 'invalid response'), null);
  }
  if (!profile) return refuse(conn.orgId, meta, new SamlRefused('SamlInvalid', 'not a sign-in response'), null);
  const email = emailOf(profile);
  const facts = assertionFacts(profile, conn.clockSkewSeconds * 1000);
  const acs = spUrls(slug).acs;
  if (!facts.id) return refuse(conn.orgId, meta, new SamlRefused('SamlInvalid', 'the assertion has no ID'), email);
  if (!facts.recipients.length || facts.recipients.some((r) => r !== acs)) return refuse(conn.orgId, meta, new SamlRefused('SamlInvalid', `recipient is not ${acs}`), email);
  if (facts.destination && facts.destination !== acs) return refuse(conn.orgId, meta, new SamlRefused('SamlInvalid', `destination is not ${acs}`), email);

  try {
    await db.$transaction(async (tx) => {
      await tx.samlAssertionUse.deleteMany({ where: { orgId: conn.orgId, expiresAt: { lt: new Date() } } });
      await tx.samlAssertionUse.create({ data: { orgId: conn.orgId, assertionId: facts.id.slice(0, 256), expiresAt: facts.expiresAt } });
    });
  } catch (error) {
    if (prismaCode(error) === 'P2002') return refuse(conn.orgId, meta, new SamlRefused('SamlReplayed', `assertion ${facts.id} was already used`), email);
    throw error;
  }

  const user = await findActiveUserByEmail(email);
  if (!user || user.orgId !== conn.orgId) return refuse(conn.orgId, meta, new SamlRefused('NoPortalAccount', 'no active portal user with this e-mail in the organisation'), email);
  const amr = profile['amr'] ?? profile['http://schemas.microsoft.com/claims/authnmethodsreferences'];
  const { idpFactor } = await recordOidcSignIn(user.id, meta, { method: 'saml', idpMfa: idpReportsMfa({ amr, acr: facts.classRef }) });
  const pending = !idpFactor && (await hasSecondFactor(user.id));
  const cookie = await sessionCookie(user, meta, { pending, factorMethod: idpFactor ? 'idp' : undefined });
  const target = safeRedirectPath(form.RelayState, publicBaseUrl());
  return { userId: user.id, cookie, redirectPath: pending ? `/sign-in/verify?callbackUrl=${encodeURIComponent(target)}` : target };
}
