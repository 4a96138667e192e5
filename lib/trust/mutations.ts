import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { publicKeyPem } from '@/lib/signing/keys';
import { listCertifications } from '@/lib/audits/certifications/queries';
import { getAttestation, listModels } from '@/lib/models/queries';
import { listFrameworks } from '@/lib/requirements/queries';
import { getPolicy } from '@/lib/policies/queries';
import { createHash } from 'node:crypto';
import { trustSettingsSchema, type TrustSettingsInput, type TrustSnapshot } from './schema';
import { forgetRendered } from './render-cache';

type Settings = ReturnType<typeof trustSettingsSchema.parse>;

/**
 * What visitors will see, read with the publisher's own rights (the gate
 * applies: a section the publisher cannot read stays out). Only the chosen
 * sections, and of each only the public fields.
 */
async function buildSnapshot(actor: Actor, s: Settings, nda: TrustSnapshot['nda']): Promise<TrustSnapshot> {
  const org = await db.organization.findUnique({ where: { id: actor.orgId }, select: { name: true, slug: true } });
  if (!org) throw notFound('The organisation');
  const certifications = s.showCertifications
    ? (await listCertifications(actor)).filter((c) => !c.expired).map((c) => ({ name: c.name, standard: c.standard, issuer: c.issuer, issuedAt: c.issuedAt, expiresAt: c.expiresAt }))
    : null;
  let frameworks: TrustSnapshot['frameworks'] = null;
  if (s.showFrameworks) {
    const names = new Map((await listFrameworks(actor)).map((f) => [f.key, f.name]));
    frameworks = s.frameworks.filter((f) => names.has(f.key)).map((f) => ({ key: f.key, name: names.get(f.key)!, status: f.status }));
  }
  let attestations: TrustSnapshot['attestations'] = null;
  if (s.showAttestations) {
    attestations = [];
    const models = await listModels(actor, { stage: 'PRODUCTION', pageSize: 100 });
    for (const m of models.items) {
      if (!m.production) continue;
      const a = await getAttestation(actor, m.key, m.production).catch((e: { code?: string }) => {
        if (e.code === 'NOT_FOUND') return null;
        throw e;
      });
      if (!a || !a.verified) continue;
      const manifest = a.manifest as { artifact?: { sha256?: string | null }; approvals?: { role: string; name: string; at: string }[] };
      attestations.push({
        model: m.key,
        modelName: m.name,
        version: m.production,
        digest: manifest.artifact?.sha256 ?? null,
        approvals: (manifest.approvals ?? []).map((p) => ({ role: p.role, name: p.name, at: p.at })),
        manifest: a.manifestCanonical,
        signature: a.signature,
        signedAt: a.signedAt,
      });
    }
  }
  let policies: TrustSnapshot['policies'] = null;
  if (s.showPolicies) {
    policies = [];
    for (const id of s.policies) {
      const p = await getPolicy(actor, id).catch((e: { code?: string }) => {
        if (e.code === 'NOT_FOUND') return null;
        throw e;
      });
      // Only a published version is public; a policy never published stays off the page.
      if (!p?.current) continue;
      policies.push({ id: p.id, title: p.title, category: p.category, version: p.current.label, publishedAt: p.current.publishedAt, body: p.current.body });
    }
    policies.sort((a, b) => a.title.localeCompare(b.title));
  }
  const documents = await db.trustDocument.findMany({ where: { orgId: actor.orgId, withdrawnAt: null }, orderBy: { title: 'asc' }, take: 100, select: { id: true, title: true, description: true } });
  return {
    orgName: org.name,
    slug: org.slug,
    publishedAt: new Date().toISOString(),
    securityContact: s.securityContact,
    certifications,
    frameworks,
    attestations,
    policies,
    documents,
    nda: documents.length ? nda : null,
    // The key is needed (and signing configured) only when there is something it verifies.
    publicKey: attestations?.length ? publicKeyPem() : '',
  };
}

/**
 * Saves what the trust centre shows and publishes it: the public page is
 * rendered from the snapshot taken here, so nothing else of the portal is
 * ever read on a visitor's behalf. Turning it off takes the page down.
 */
export async function publishTrustCentre(actor: Actor, input: TrustSettingsInput) {
  authorize(actor, 'trust:manage');
  const data = trustSettingsSchema.parse(input);
  const ndaSha = data.ndaText ? createHash('sha256').update(data.ndaText, 'utf8').digest('hex') : null;
  const current = await db.trustCentre.findUnique({ where: { orgId: actor.orgId }, select: { ndaVersion: true } });
  const currentNda = current?.ndaVersion ? await db.trustNda.findUnique({ where: { orgId_version: { orgId: actor.orgId, version: current.ndaVersion } }, select: { version: true, sha256: true } }) : null;
  const latest = await db.trustNda.findFirst({ where: { orgId: actor.orgId }, orderBy: { version: 'desc' }, select: { version: true } });
  // A changed text is a new version; the same text keeps its version (requests cite it).
  const ndaVersion = !ndaSha ? null : currentNda?.sha256 === ndaSha ? currentNda.version : (latest?.version ?? 0) + 1;
  const newNda = ndaSha && ndaVersion !== currentNda?.version ? { version: ndaVersion!, text: data.ndaText!, sha256: ndaSha } : null;
  const nda = ndaSha ? { version: ndaVersion!, text: data.ndaText!, sha256: ndaSha } : null;
  const snapshot = data.enabled ? await buildSnapshot(actor, data, nda) : null;
  const result = await db.$transaction(async (tx) => {
    if (newNda) {
      await tx.trustNda.create({ data: { orgId: actor.orgId, ...newNda, createdById: actor.userId } });
      await recordEvent(tx, actor, { action: 'trust_nda.versioned', entityType: 'trust_centre', entityId: actor.orgId, changes: { version: newNda.version, sha256: newNda.sha256 } });
    }
    const before = await tx.trustCentre.findUnique({
      where: { orgId: actor.orgId },
      select: { enabled: true, showCertifications: true, showFrameworks: true, showAttestations: true, showPolicies: true, policies: true, securityContact: true, frameworks: true, ndaVersion: true },
    });
    const fields = { enabled: data.enabled, showCertifications: data.showCertifications, showFrameworks: data.showFrameworks, showAttestations: data.showAttestations, securityContact: data.securityContact, frameworks: data.frameworks, showPolicies: data.showPolicies, policies: data.policies, ndaVersion };
    const row = await tx.trustCentre.upsert({
      where: { orgId: actor.orgId },
      create: { orgId: actor.orgId, ...fields, snapshot: snapshot ?? Prisma.DbNull, publishedAt: snapshot ? new Date(snapshot.publishedAt) : null, updatedById: actor.userId },
      update: { ...fields, snapshot: snapshot ?? Prisma.DbNull, publishedAt: snapshot ? new Date(snapshot.publishedAt) : null, updatedById: actor.userId },
      select: { publishedAt: true },
    });
    await recordEvent(tx, actor, {
      action: data.enabled ? 'trust_centre.published' : 'trust_centre.disabled',
      entityType: 'trust_centre',
      entityId: actor.orgId,
      before: before ?? null,
      after: { ...fields, attestations: snapshot?.attestations?.length ?? 0, certifications: snapshot?.certifications?.length ?? 0, policies: snapshot?.policies?.length ?? 0, documents: snapshot?.documents?.length ?? 0 },
    });
    return { enabled: data.enabled, publishedAt: row.publishedAt?.toISOString() ?? null, slug: snapshot?.slug ?? null };
  });
  forgetRendered();
  return result;
}

export { addTrustDocument, decideTrustRequest, revokeTrustRequest, withdrawTrustDocument } from './documents';
