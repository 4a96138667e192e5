import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { SOA_FORMATS, soaFrameworkKeySchema } from './soa-schema';

const idParams = z.object({ id: z.string().min(1).max(64) });
const soaParams = z.object({ framework: soaFrameworkKeySchema });

function validLocale(v: string) {
  try {
    return Intl.getCanonicalLocales(v).length === 1;
  } catch {
    return false;
  }
}
function validZone(v: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

export const documentQuerySchema = z.object({
  format: z.enum(['pdf', 'docx']).default('pdf'),
  locale: z.string().max(35).refine(validLocale, 'Give a BCP 47 language tag such as en-GB or de-DE').default('en-GB'),
  tz: z.string().max(64).refine(validZone, 'Give an IANA time zone such as Europe/Berlin').default('UTC'),
});

const completeness = z.enum(['complete', 'incomplete', 'missing']);
const documentTypes = ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'] as const;

export const reportsApi = {
  technicalDocumentation: defineApi({
    method: 'GET',
    path: '/api/v1/ai-systems/{id}/technical-documentation',
    tag: 'Reports',
    summary: 'EU AI Act technical documentation (Art. 11, Annex IV) of an AI system: each Annex IV point complete, incomplete or missing, with a link to where it is filled in',
    permission: 'reports:export',
    params: idParams,
    response: z.object({
      system: z.object({ id: z.string(), name: z.string(), riskTier: z.string() }),
      contentSha256: z.string(),
      points: z.array(z.object({ point: z.string(), title: z.string(), status: completeness, link: z.string() })),
    }),
  }),
  technicalDocumentationExport: defineApi({
    method: 'GET',
    path: '/api/v1/ai-systems/{id}/technical-documentation/export',
    tag: 'Reports',
    summary: 'The technical documentation as PDF or DOCX (organisation, generation time in UTC and the given locale, page numbers, contents); its content SHA-256 is recorded in the audit trail',
    permission: 'reports:export',
    params: idParams,
    query: documentQuerySchema,
    responseType: documentTypes,
  }),
  boardReport: defineApi({
    method: 'GET',
    path: '/api/v1/reports/board',
    tag: 'Reports',
    summary: 'The board / quarterly report as PDF or DOCX: posture by framework, trend, top risks, incidents, models in production, monitoring status; charts drawn from server-side SVG (the same figures as the compliance dashboard)',
    permission: 'reports:export',
    query: documentQuerySchema,
    responseType: documentTypes,
  }),
  monitoringPlan: defineApi({
    method: 'GET',
    path: '/api/v1/monitoring/monitors/{id}/plan',
    tag: 'Reports',
    summary: 'The post-market monitoring plan of a model version (EU AI Act Art. 72, NIST AI RMF MANAGE 4.1) as PDF or DOCX: what is monitored, how often, who reviews, the requirements it satisfies; its content SHA-256 is recorded in the audit trail',
    permission: 'monitoring:read',
    params: idParams,
    query: documentQuerySchema,
    responseType: documentTypes,
  }),
  auditReport: defineApi({
    method: 'GET',
    path: '/api/v1/audits/{id}/report',
    tag: 'Reports',
    summary: 'The audit report as PDF or DOCX: scope, period, findings with severity, status, remediation and verification history, evidence list',
    permission: 'reports:export',
    params: idParams,
    query: documentQuerySchema,
    responseType: documentTypes,
  }),
  soa: defineApi({
    method: 'GET',
    path: '/api/v1/reports/soa/{framework}',
    tag: 'Reports',
    summary: 'Statement of Applicability (iso-27001 or iso-42001 Annex A): every control included or excluded with its justification, implementation status, controls and evidence; the approved versions',
    permission: 'reports:export',
    params: soaParams,
    response: z.object({
      framework: z.object({ key: z.string(), id: z.string(), name: z.string(), version: z.string(), title: z.string() }),
      rows: z.array(z.object({ requirementId: z.string(), ref: z.string(), title: z.string(), group: z.string(), included: z.boolean(), justification: z.string(), decided: z.boolean(), implementation: z.string(), controls: z.array(z.string()), evidence: z.array(z.string()) })),
      summary: z.record(z.string(), z.number()),
      versions: z.array(z.object({ version: z.number(), contentSha256: z.string(), approvedAt: z.string(), approvedBy: z.string() })),
      capabilities: z.object({ canManage: z.boolean() }),
    }),
  }),
  soaExport: defineApi({
    method: 'GET',
    path: '/api/v1/reports/soa/{framework}/export',
    tag: 'Reports',
    summary: 'The Statement of Applicability as PDF, DOCX, XLSX or CSV (the working draft, or an approved version with `version`); its content SHA-256 is recorded in the audit trail',
    permission: 'reports:export',
    params: soaParams,
    query: documentQuerySchema.extend({ format: z.enum(SOA_FORMATS).default('pdf'), version: z.coerce.number().int().min(1).max(100000).optional() }),
    responseType: [...documentTypes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
  }),
};
