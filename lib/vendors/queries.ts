import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { listLinksFor, type ResolvedLink } from '@/lib/links/links';
import { questionnaireCapabilities, vendorCapabilities } from './capabilities';
import { expiryState } from './rules';
import { listVendorsQuerySchema, type ListVendorsQuery, type VendorDetail } from './schema';
import { templateByKey, type QuestionnaireTemplate } from './templates';
import type { RiskTier } from './tier';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type ListRow = {
  id: string; name: string; category: VendorDetail['category']; riskTier: RiskTier | null; dataClassification: VendorDetail['dataClassification'];
  nextReviewAt: Date | null; nextExpiryWhat: string | null; nextExpiryAt: Date | null; openQuestionnaires: number; total: bigint;
};

/**
 * One page of the organisation's vendors, in one SQL statement: the next
 * contract or certification expiry and the open questionnaires come from
 * lateral subqueries on their indexes, so the page costs the same at 20 or
 * 2,000 vendors.
 */
export async function listVendors(actor: Actor, query: ListVendorsQuery = {}) {
  authorize(actor, 'vendors:read');
  const q = listVendorsQuerySchema.parse(query);
  const where: Prisma.Sql[] = [Prisma.sql`v."orgId" = ${actor.orgId}`];
  if (q.q) where.push(Prisma.sql`v."name" ILIKE ${`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (q.category) where.push(Prisma.sql`v."category" = ${q.category}::"VendorCategory"`);
  if (q.tier) where.push(Prisma.sql`v."riskTier" = ${q.tier}::"VendorRiskTier"`);
  const whereSql = Prisma.join(where, ' AND ');
  const rows = await db.$queryRaw<ListRow[]>`
    SELECT v."id", v."name", v."category"::text AS "category", v."riskTier"::text AS "riskTier", v."dataClassification"::text AS "dataClassification",
           v."nextReviewAt", e."what" AS "nextExpiryWhat", e."at" AS "nextExpiryAt",
           (SELECT count(*)::int FROM "VendorQuestionnaire" q WHERE q."vendorId" = v."id" AND q."status" IN ('SENT', 'SUBMITTED')) AS "openQuestionnaires",
           count(*) OVER () AS "total"
    FROM "Vendor" v
    LEFT JOIN LATERAL (
      SELECT x."what", x."at" FROM (
        (SELECT c."type"::text AS "what", c."expiresAt" AS "at" FROM "VendorContract" c WHERE c."vendorId" = v."id" AND c."expiresAt" IS NOT NULL ORDER BY c."expiresAt" LIMIT 1)
        UNION ALL
        (SELECT k."kind"::text AS "what", k."expiresAt" AS "at" FROM "VendorCertification" k WHERE k."vendorId" = v."id" AND k."expiresAt" IS NOT NULL ORDER BY k."expiresAt" LIMIT 1)
      ) x ORDER BY x."at" LIMIT 1
    ) e ON true
    WHERE ${whereSql}
    ORDER BY v."name" ASC, v."id" ASC
    LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`;
  const now = Date.now();
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      category: r.category,
      riskTier: r.riskTier,
      dataClassification: r.dataClassification,
      nextReviewAt: iso(r.nextReviewAt),
      reviewOverdue: !!r.nextReviewAt && r.nextReviewAt.getTime() < now,
      nextExpiry: r.nextExpiryAt && r.nextExpiryWhat ? { what: r.nextExpiryWhat, at: r.nextExpiryAt.toISOString() } : null,
      openQuestionnaires: r.openQuestionnaires,
    })),
    total: rows.length
      ? Number(rows[0].total)
      : q.page > 1
        ? Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS "n" FROM "Vendor" v WHERE ${whereSql}`)[0].n)
        : 0,
    page: q.page,
    pageSize: q.pageSize,
    capabilities: vendorCapabilities(actor),
  };
}

export async function getVendor(actor: Actor, id: string): Promise<VendorDetail> {
  authorize(actor, 'vendors:read');
  const v = await db.vendor.findFirst({
    where: { id, orgId: actor.orgId },
    select: {
      id: true, name: true, category: true, website: true, contactName: true, contactEmail: true, services: true, dataShared: true, dataClassification: true,
      riskTier: true, tierAnswers: true, subprocessors: true, aiSystemIds: true, modelIds: true, datasetIds: true, reviewCadenceMonths: true,
      lastReviewedAt: true, nextReviewAt: true, owner: { select: { id: true, name: true } },
      contracts: { orderBy: { type: 'asc' }, select: { id: true, type: true, reference: true, signedAt: true, expiresAt: true } },
      certifications: { orderBy: { kind: 'asc' }, select: { id: true, kind: true, label: true, expiresAt: true } },
      questionnaires: { orderBy: { sentAt: 'desc' }, select: { id: true, templateKey: true, status: true, sentAt: true, submittedAt: true, reviewedAt: true } },
    },
  });
  if (!v) throw notFound('The vendor');
  const [systems, models, datasets] = await Promise.all([
    db.aISystem.findMany({ where: { orgId: actor.orgId, id: { in: v.aiSystemIds } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.model.findMany({ where: { orgId: actor.orgId, id: { in: v.modelIds } }, select: { id: true, key: true, name: true }, orderBy: { name: 'asc' } }),
    db.dataset.findMany({ where: { orgId: actor.orgId, id: { in: v.datasetIds } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  const questionnaires = await Promise.all(
    v.questionnaires.map(async (q) => {
      const [link] = await listLinksFor(actor.orgId, 'vendor_questionnaire', q.id);
      return {
        id: q.id, templateKey: q.templateKey, title: templateByKey(q.templateKey)?.title ?? q.templateKey, status: q.status,
        sentAt: q.sentAt.toISOString(), submittedAt: iso(q.submittedAt), reviewedAt: iso(q.reviewedAt),
        linkState: link?.state ?? null, linkExpiresAt: link ? link.expiresAt.toISOString() : null,
      };
    }),
  );
  const caps = vendorCapabilities(actor);
  return {
    id: v.id, name: v.name, category: v.category, website: v.website, contactName: v.contactName, contactEmail: v.contactEmail, services: v.services,
    dataShared: v.dataShared, dataClassification: v.dataClassification, riskTier: v.riskTier,
    tierAnswers: (v.tierAnswers ?? {}) as Record<string, boolean>, subprocessors: v.subprocessors, systems, models, datasets,
    reviewCadenceMonths: v.reviewCadenceMonths, lastReviewedAt: iso(v.lastReviewedAt), nextReviewAt: iso(v.nextReviewAt), owner: v.owner,
    contracts: v.contracts.map((c) => ({ ...c, signedAt: iso(c.signedAt), expiresAt: iso(c.expiresAt), state: expiryState(c.expiresAt) })),
    certifications: v.certifications.map((c) => ({ ...c, expiresAt: iso(c.expiresAt), state: expiryState(c.expiresAt) })),
    questionnaires,
    capabilities: { edit: caps.edit, sendQuestionnaire: caps.sendQuestionnaire && !!v.contactEmail },
  };
}

/** Options for the vendor form's linked records. */
export async function vendorFormOptions(actor: Actor) {
  authorize(actor, 'vendors:read');
  const [systems, models, datasets] = await Promise.all([
    db.aISystem.findMany({ where: { orgId: actor.orgId }, select: { id: true, name: true }, orderBy: { name: 'asc' }, take: 500 }),
    db.model.findMany({ where: { orgId: actor.orgId }, select: { id: true, name: true }, orderBy: { name: 'asc' }, take: 500 }),
    db.dataset.findMany({ where: { orgId: actor.orgId }, select: { id: true, name: true }, orderBy: { name: 'asc' }, take: 500 }),
  ]);
  return { systems, models, datasets };
}

export type QuestionnaireView = {
  id: string;
  vendor: { id: string; name: string };
  template: QuestionnaireTemplate;
  status: 'SENT' | 'SUBMITTED' | 'REVIEWED' | 'WITHDRAWN';
  sentAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewSummary: string | null;
  evidenceId: string | null;
  answers: Record<string, { answer: string; attachmentUrl: string | null; reviewNote: string | null }>;
  /** Documents the vendor attached, oldest first; `evidenceId` once the review made them evidence. */
  documents: { id: string; questionKey: string; fileName: string; contentType: string; size: number; sha256: string; uploadedAt: string; evidenceId: string | null }[];
};

async function loadQuestionnaire(orgId: string, id: string): Promise<QuestionnaireView | null> {
  const q = await db.vendorQuestionnaire.findFirst({
    where: { id, orgId },
    select: {
      id: true, templateKey: true, status: true, sentAt: true, submittedAt: true, reviewedAt: true, reviewSummary: true, evidenceId: true,
      vendor: { select: { id: true, name: true } },
      answers: { select: { questionKey: true, answer: true, attachmentUrl: true, reviewNote: true } },
      documents: { orderBy: [{ uploadedAt: 'asc' }, { id: 'asc' }], select: { id: true, questionKey: true, fileName: true, contentType: true, size: true, sha256: true, uploadedAt: true, evidenceId: true } },
    },
  });
  const template = q ? templateByKey(q.templateKey) : null;
  if (!q || !template) return null;
  return {
    id: q.id, vendor: q.vendor, template, status: q.status, sentAt: q.sentAt.toISOString(), submittedAt: iso(q.submittedAt), reviewedAt: iso(q.reviewedAt),
    reviewSummary: q.reviewSummary, evidenceId: q.evidenceId,
    answers: Object.fromEntries(q.answers.map((a) => [a.questionKey, { answer: a.answer, attachmentUrl: a.attachmentUrl, reviewNote: a.reviewNote }])),
    documents: q.documents.map((d) => ({ ...d, uploadedAt: d.uploadedAt.toISOString() })),
  };
}

/** A questionnaire for compliance's review page. */
export async function getQuestionnaire(actor: Actor, id: string) {
  authorize(actor, 'vendors:read');
  const q = await loadQuestionnaire(actor.orgId, id);
  if (!q) throw notFound('The questionnaire');
  const links = await listLinksFor(actor.orgId, 'vendor_questionnaire', id);
  return { ...q, links, capabilities: questionnaireCapabilities(actor, q) };
}

/**
 * What the vendor's link shows: its one questionnaire (the link's subject, in
 * the link's organisation), the vendor's name and the questions with the
 * saved answers; never reviewer notes, other questionnaires or anything else.
 */
export async function questionnaireForLink(link: ResolvedLink) {
  const q = await loadQuestionnaire(link.orgId, link.subjectId);
  if (!q) return null;
  return {
    id: q.id,
    vendorName: q.vendor.name,
    template: q.template,
    status: q.status,
    submittedAt: q.submittedAt,
    expiresAt: link.expiresAt.toISOString(),
    answers: Object.fromEntries(Object.entries(q.answers).map(([k, a]) => [k, { answer: a.answer, attachmentUrl: a.attachmentUrl }])),
    // Names and sizes only: the link shows what was attached and never serves a file back.
    documents: q.documents.map((d) => ({ id: d.id, questionKey: d.questionKey, fileName: d.fileName, size: d.size })),
  };
}
