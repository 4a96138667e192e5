import 'server-only';
import { createHash, X509Certificate } from 'node:crypto';
import { generateServiceProviderMetadata } from '@node-saml/node-saml';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { requireFreshFactor } from '@/lib/auth/step-up';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { publicBaseUrl } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { parseIdpMetadata } from './metadata';
import { certificatesOf, samlSettingsSchema, type SamlSettingsInput } from './schema';

export const NAMEID_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

/** The portal as a service provider for one organisation: its entity ID is its metadata URL. */
export function spUrls(slug: string) {
  const base = `${publicBaseUrl()}/api/saml/${encodeURIComponent(slug)}`;
  return { entityId: `${base}/metadata`, acs: `${base}/acs`, login: `${base}/login`, metadata: `${base}/metadata` };
}

/** SP metadata for the IdP's administrator: signed assertions wanted, e-mail NameID, the POST consumer URL. */
export async function spMetadata(slug: string): Promise<string | null> {
  const org = await db.organization.findUnique({ where: { slug }, select: { id: true } });
  if (!org) return null;
  const urls = spUrls(slug);
  return generateServiceProviderMetadata({ issuer: urls.entityId, callbackUrl: urls.acs, wantAssertionsSigned: true, identifierFormat: NAMEID_EMAIL });
}

function fingerprints(pems: string[]): string[] {
  return pems.map((pem) => {
    try {
      return new X509Certificate(pem).fingerprint256;
    } catch {
      return `sha256:${createHash('sha256').update(pem).digest('hex').slice(0, 16)}`;
    }
  });
}

function certificateProblem(pems: string[]): string | null {
  for (const pem of pems) {
    try {
      const cert = new X509Certificate(pem);
      if (Date.parse(cert.validTo) < Date.now()) return `The certificate ${cert.subject.replace(/\n/g, ', ')} expired on ${cert.validTo}.`;
    } catch {
      return 'A certificate could not be read (paste it as PEM).';
    }
  }
  return null;
}

export async function getSamlSettings(actor: Actor) {
  authorize(actor, 'settings:manage');
  const [org, conn] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { slug: true } }),
    db.samlConnection.findUnique({ where: { orgId: actor.orgId }, select: { enabled: true, idpEntityId: true, ssoUrl: true, idpCert: true, clockSkewSeconds: true, updatedAt: true } }),
  ]);
  return {
    sp: spUrls(org.slug),
    connection: conn ? { ...conn, updatedAt: conn.updatedAt.toISOString(), fingerprints: fingerprints(certificatesOf(conn.idpCert)) } : null,
  };
}

/** Admins set the IdP (fields or its metadata XML); a change of how people sign in needs a fresh factor. */
export async function updateSamlSettings(actor: Actor, input: SamlSettingsInput) {
  authorize(actor, 'settings:manage');
  requireFreshFactor(actor);
  const data = samlSettingsSchema.parse(input);
  const fromMetadata = data.metadataXml ? parseIdpMetadata(data.metadataXml) : null;
  const idpEntityId = fromMetadata?.idpEntityId ?? data.idpEntityId!;
  const ssoUrl = fromMetadata?.ssoUrl ?? data.ssoUrl!;
  const certs = fromMetadata?.certificates ?? certificatesOf(data.idpCert!);
  const problem = certificateProblem(certs);
  if (problem) throw new AppError('VALIDATION', problem, { fieldErrors: { [fromMetadata ? 'metadataXml' : 'idpCert']: [problem] } });
  const row = { enabled: data.enabled, idpEntityId, ssoUrl, idpCert: certs.join('\n'), clockSkewSeconds: data.clockSkewSeconds };
  await db.$transaction(async (tx) => {
    const before = await tx.samlConnection.findUnique({ where: { orgId: actor.orgId }, select: { enabled: true, idpEntityId: true, ssoUrl: true, idpCert: true, clockSkewSeconds: true } });
    await tx.samlConnection.upsert({ where: { orgId: actor.orgId }, create: { orgId: actor.orgId, ...row }, update: row });
    const view = (r: typeof row | null) => (r ? { enabled: r.enabled, idpEntityId: r.idpEntityId, ssoUrl: r.ssoUrl, clockSkewSeconds: r.clockSkewSeconds, certificates: fingerprints(certificatesOf(r.idpCert)) } : null);
    await recordEvent(tx, actor, { action: 'saml.settings_updated', entityType: 'saml_connection', entityId: actor.orgId, before: view(before), after: view(row) });
  });
  return { enabled: row.enabled, idpEntityId, ssoUrl, clockSkewSeconds: row.clockSkewSeconds };
}

/** The sign-in page's "Sign in with SAML" choices: organisations whose connection is on. */
export async function listSamlSignIns(): Promise<{ slug: string; name: string }[]> {
  const rows = await db.samlConnection.findMany({ where: { enabled: true }, select: { org: { select: { slug: true, name: true } } }, orderBy: { org: { name: 'asc' } } });
  return rows.map((r) => r.org);
}
