import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { startApiHarness, type Caller } from '@/lib/tooling/test/api/harness';

// The auditor scope on every side door into an audit's data: an auditor
// assigned to audit ALPHA only, by session, by page-level query and by a token
// they created, never meets anything of audit BRAVO (every BRAVO record's
// title carries the word BRAVO), while an unrestricted role still does.

// pdf.js expects Node 22's Promise.withResolvers; this project runs on Node 20.
const P = Promise as unknown as { withResolvers?: () => unknown };
P.withResolvers ??= () => {
  let resolve!: (v: unknown) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');

const h = await startApiHarness('scope_side_doors');
const { db } = h;
const { encode } = await import('next-auth/jwt');
const { authSecret } = await import('@/lib/env');
const { startSession, userActor } = await import('@/lib/auth/session');
const { hashToken } = await import('@/lib/auth/token');
const { ROLE_GRANTS } = await import('@/lib/auth/permissions');
const { createAudit } = await import('@/lib/audits/audits/mutations');
const { createFinding, transitionFinding } = await import('@/lib/audits/findings/mutations');
const { addEvidence } = await import('@/lib/audits/evidence/mutations');
const { createEvidenceRequest } = await import('@/lib/audits/requests/mutations');
const { createCertification } = await import('@/lib/audits/certifications/mutations');
const { listCertifications } = await import('@/lib/audits/certifications/queries');
const { getEvidence } = await import('@/lib/audits/evidence/queries');
const { auditHomeStats } = await import('@/lib/home/stats/audits');
const { CERT_EXPIRY_WARN_DAYS } = await import('@/lib/audits/certifications/schema');
const { startReview, addAttendee, closeReview } = await import('@/lib/reviews/mutations');
const { getReview } = await import('@/lib/reviews/queries');
const { renderReviewPdf } = await import('@/lib/reviews/pdf');
const { quarterOf } = await import('@/lib/quarter');
const { listAuditEvents, exportAuditEventsCsv, entityHistory } = await import('@/lib/audit/queries');
const { homeDashboards, complianceDashboard, auditorDashboard, engineerDashboard } = await import('@/lib/dashboards/queries');
const { homeStats } = await import('@/lib/home/queries');
const { getIncident } = await import('@/lib/incidents/queries');
const { getCell, matrixWindow, getRequirement } = await import('@/lib/requirements/queries');
const { listModels, getVersion } = await import('@/lib/models/queries');

const SECRET = 'BRAVO';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const pdfBytes = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const CURRENT = quarterOf(new Date());
const CLOSED = '2031-Q1';

let scoped: Actor;
let compliance: Actor;
let admin: Actor;
let scopedToken: Actor;
let scopedSession: Caller;
let scopedBearer: Caller;
let ids: { alphaAudit: string; bravoAudit: string; sharedEvidence: string; incident: string; requirement: string; system: string; alphaFinding: string; bravoFinding: string; model: string; version: string };

async function streamText(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

async function pdfText(bytes: Buffer) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  return pages.join('\n');
}

const json = (v: unknown) => JSON.stringify(v);

beforeAll(async () => {
  const orgId = (await db.organization.findFirstOrThrow({ select: { id: true } })).id;
  const person = (role: string) => db.user.findFirstOrThrow({ where: { orgId, role: role as never }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
  const meta = { id: 'side-doors', ip: '127.0.0.1' };
  compliance = userActor(await person('COMPLIANCE_OFFICER'), meta);
  admin = userActor(await person('ADMIN'), meta);
  const engineer = await person('ENGINEER');

  const auditorUser = await db.user.create({
    data: { orgId, email: 'alpha.only.auditor@acme.example', name: 'Alpha-only Auditor', role: 'AUDITOR' },
    select: { id: true, orgId: true, email: true, name: true, role: true, active: true },
  });
  scoped = userActor(auditorUser, meta);
  const sid = await startSession(auditorUser.id, meta);
  const jwt = await encode({ token: { sid, uid: auditorUser.id, name: auditorUser.name, email: auditorUser.email }, secret: authSecret() });
  scopedSession = { label: 'alpha-only auditor', role: 'AUDITOR', headers: { cookie: `next-auth.session-token=${jwt}` } };
  // A token whose creator is the auditor: it carries their scope.
  const raw = `agp_sidedoors${'x'.repeat(32)}`;
  const token = await db.apiToken.create({
    data: { orgId, name: 'alpha auditor script', prefix: raw.slice(0, 10), tokenHash: hashToken(raw), scopes: [...ROLE_GRANTS.AUDITOR.any], createdById: auditorUser.id, expiresAt: new Date(Date.now() + 86_400_000) },
    select: { id: true },
  });
  scopedBearer = { label: 'alpha-only auditor token', role: 'TOKEN', headers: { authorization: `Bearer ${raw}` } };
  scopedToken = { ...scoped, kind: 'token', userId: null, tokenId: token.id, role: null, grants: { any: [...ROLE_GRANTS.AUDITOR.any], own: [] } };

  const fw = await db.framework.create({ data: { orgId, key: 'alpha-fw', name: 'Alpha framework', kind: 'STANDARD', jurisdiction: 'INTL', version: '1' }, select: { id: true } });
  const requirement = await db.requirement.create({ data: { orgId, frameworkId: fw.id, ref: 'A-1', title: 'Alpha requirement', summary: 'x', area: 'DATA_SECURITY' }, select: { id: true } });
  const system = await db.aISystem.findFirstOrThrow({ where: { orgId }, select: { id: true } });
  await db.matrixCell.upsert({ where: { requirementId_systemId: { requirementId: requirement.id, systemId: system.id } }, create: { orgId, requirementId: requirement.id, systemId: system.id, status: 'COMPLIANT' }, update: {} });

  const common = { kind: 'INTERNAL', standard: 'ISO_42001', periodStart: day(-30), periodEnd: day(30), status: 'FIELDWORK' } as const;
  const alpha = await createAudit(compliance, { ...common, title: 'ALPHA audit', frameworkIds: [fw.id], auditorIds: [auditorUser.id] });
  const bravo = await createAudit(compliance, { ...common, title: 'BRAVO audit', auditorIds: [] });

  const incident = await db.incident.findFirstOrThrow({ where: { orgId }, select: { id: true } });
  const finding = (audit: string, title: string, severity: 'CRITICAL' | 'HIGH', extra: Record<string, unknown> = {}) =>
    createFinding(compliance, { title, description: 'x', severity, auditId: audit, ownerId: engineer.id, ...extra });
  const alphaFinding = await finding(alpha.id, 'ALPHA finding overdue', 'HIGH', { requirementIds: [requirement.id], systemIds: [system.id] });
  const bravoFinding = await finding(bravo.id, 'BRAVO finding overdue', 'CRITICAL', { requirementIds: [requirement.id], systemIds: [system.id] });
  await finding(bravo.id, 'BRAVO finding raised from an incident', 'CRITICAL', { incidentId: incident.id });
  await db.finding.updateMany({ where: { id: { in: [alphaFinding.id, bravoFinding.id] } }, data: { dueDate: new Date(Date.now() - 3 * 86_400_000) } });
  const engineerActor = userActor(engineer, meta);
  for (const [audit, title] of [[alpha.id, 'ALPHA finding closed'], [bravo.id, 'BRAVO finding closed']] as const) {
    const f = await finding(audit, title, 'HIGH');
    await transitionFinding(engineerActor, { id: f.id, transition: 'start_remediation' });
    await transitionFinding(engineerActor, { id: f.id, transition: 'ready_for_verification' });
    await transitionFinding(compliance, { id: f.id, transition: 'close', comment: 'verified' });
  }
  await addEvidence(compliance, { title: 'ALPHA evidence expiring', findingIds: [alphaFinding.id], validUntil: day(10) }, { name: 'alpha.pdf', bytes: pdfBytes('alpha') });
  await addEvidence(compliance, { title: 'BRAVO evidence expiring', findingIds: [bravoFinding.id], validUntil: day(10) }, { name: 'bravo.pdf', bytes: pdfBytes('bravo') });
  // In scope through the Alpha framework's requirement, but also on a Bravo finding.
  const shared = await addEvidence(compliance, { title: 'ALPHA evidence on the requirement', requirementIds: [requirement.id], findingIds: [bravoFinding.id], validUntil: day(200) }, { name: 'shared.pdf', bytes: pdfBytes('shared') });
  await createEvidenceRequest(compliance, { title: 'ALPHA request', dueDate: day(10), auditId: alpha.id, findingId: alphaFinding.id, assigneeId: engineer.id });
  await createEvidenceRequest(compliance, { title: 'BRAVO request', dueDate: day(10), auditId: bravo.id, findingId: bravoFinding.id, assigneeId: engineer.id });
  const cert = { standard: 'ISO_42001', issuer: 'Issuer', scope: 'Whole platform', issuedAt: day(-300), expiresAt: day(20) } as const;
  await createCertification(admin, { ...cert, name: 'ALPHA certification', auditId: alpha.id });
  await createCertification(admin, { ...cert, name: 'BRAVO certification', auditId: bravo.id });

  // A closed review whose frozen snapshot was made with everything in it.
  const review = await startReview(compliance, { quarter: CLOSED });
  await addAttendee(compliance, { reviewId: review.id, userId: compliance.userId! });
  await closeReview(compliance, review.id);
  const version = await db.modelVersion.findFirstOrThrow({ where: { orgId }, select: { id: true, label: true, model: { select: { key: true } } } });
  await db.findingModelVersion.create({ data: { findingId: bravoFinding.id, modelVersionId: version.id } });
  await db.evidenceModelVersion.create({ data: { evidenceId: shared.id, modelVersionId: version.id } });
  ids = { alphaAudit: alpha.id, bravoAudit: bravo.id, sharedEvidence: shared.id, incident: incident.id, requirement: requirement.id, system: system.id, alphaFinding: alphaFinding.id, bravoFinding: bravoFinding.id, model: version.model.key, version: version.label };
});

function expectHidden(where: string, text: string) {
  const at = text.indexOf(SECRET);
  expect(at, `${where} shows "${text.slice(Math.max(0, at - 80), at + 80)}"`).toBe(-1);
}

describe('the auditor scope on the side doors', () => {
  it('quarterly reviews: live and frozen, page query, API and PDF', async () => {
    for (const actor of [scoped, scopedToken]) {
      for (const quarter of [CURRENT, CLOSED]) {
        const page = await getReview(actor, quarter);
        expectHidden(`review ${quarter} (${actor.kind})`, json(page));
        expectHidden(`review PDF ${quarter} (${actor.kind})`, await pdfText(await renderReviewPdf(page)));
      }
    }
    const live = await getReview(scoped, CURRENT);
    expect(live.changes.newFindings.map((f) => f.title)).toEqual(expect.arrayContaining(['ALPHA finding overdue', 'ALPHA finding closed']));
    expect(live.changes.closedFindings.map((f) => f.title)).toEqual(['ALPHA finding closed']);
    expect(live.overdue.findings.map((f) => f.title)).toEqual(['ALPHA finding overdue']);
    expect(live.expiring.evidence.map((e) => e.title)).toEqual(['ALPHA evidence expiring']);
    expect(live.expiring.certifications.map((c) => c.name)).toContain('ALPHA certification');
    // Counts are the auditor's too: open findings of Alpha only (one overdue, one other open).
    expect(live.figures.findings).toMatchObject({ overdue: 1, closedInPeriod: 1 });
    const frozen = await getReview(scoped, CLOSED);
    expect(frozen.overdue.findings.map((f) => f.title)).toEqual(['ALPHA finding overdue']);
    expect(frozen.figures.findings).toBeNull();

    for (const who of [scopedSession, scopedBearer]) {
      for (const quarter of [CURRENT, CLOSED]) {
        const r = await h.call(who, 'GET', '/api/v1/reviews/{quarter}', { params: { quarter } });
        expect(r.status, r.text).toBe(200);
        expectHidden(`GET /api/v1/reviews/${quarter} (${who.label})`, r.text);
      }
    }
    const everyone = json(await getReview(compliance, CLOSED)) + json(await getReview(compliance, CURRENT));
    for (const t of ['BRAVO finding overdue', 'BRAVO finding closed', 'BRAVO evidence expiring', 'BRAVO certification']) expect(everyone).toContain(t);
    expect(await pdfText(await renderReviewPdf(await getReview(compliance, CLOSED)))).toContain('BRAVO finding overdue');
  });

  it('audit trail: list, record histories and CSV export, by page query, API and token', async () => {
    for (const actor of [scoped, scopedToken]) {
      const page = await listAuditEvents(actor, { limit: 500 });
      expectHidden(`audit trail (${actor.kind})`, json(page));
      expect(page.items.some((e) => e.entityType === 'finding' && e.entityId === ids.alphaFinding)).toBe(true);
      expect(page.items.some((e) => e.entityType === 'user')).toBe(true);
      expectHidden(`audit trail filtered to a Bravo finding (${actor.kind})`, json(await listAuditEvents(actor, { entityType: 'finding', entityId: ids.bravoFinding })));
      expect((await listAuditEvents(actor, { entityType: 'finding', entityId: ids.bravoFinding })).items).toEqual([]);
      expectHidden(`audit trail CSV (${actor.kind})`, await streamText(exportAuditEventsCsv(actor)));
      expect(await entityHistory(actor, 'audits:read', 'finding', ids.bravoFinding)).toEqual([]);
    }
    for (const who of [scopedSession, scopedBearer]) {
      const list = await h.call(who, 'GET', '/api/v1/audit-events', { query: 'limit=500' });
      expect(list.status).toBe(200);
      expectHidden(`GET /api/v1/audit-events (${who.label})`, list.text);
      const csv = await h.call(who, 'GET', '/api/v1/audit-events/export');
      expect(csv.status).toBe(200);
      expectHidden(`GET /api/v1/audit-events/export (${who.label})`, csv.text);
      expect(csv.text).toContain('ALPHA finding overdue');
      const verify = await h.call(who, 'GET', '/api/v1/audit-events/verify');
      expect(verify.body).toMatchObject({ intact: true, firstBrokenSeq: null });
      // The check covers the whole chain, events the auditor may not read included.
      expect((verify.body as { checked: number }).checked).toBe(Number((await db.auditEvent.aggregate({ _max: { seq: true } }))._max.seq));
    }
    expect(await streamText(exportAuditEventsCsv(admin))).toContain('BRAVO finding overdue');
    expect(json(await listAuditEvents(admin, { limit: 500 }))).toContain('BRAVO');
  });

  it('dashboards and home figures', async () => {
    for (const actor of [scoped, scopedToken]) {
      expectHidden(`auditor dashboard (${actor.kind})`, json(await auditorDashboard(actor)));
      expectHidden(`engineer dashboard (${actor.kind})`, json(await engineerDashboard(actor)));
      expectHidden(`home stats (${actor.kind})`, json(await homeStats(actor)));
    }
    const mine = await homeDashboards(scoped);
    expectHidden('home dashboards', json(mine));
    expect(mine.auditor!.awaiting).toEqual([]);
    expect(mine.auditor!.myAudits.map((a) => a.title)).toEqual(['ALPHA audit']);
    const certs = (await auditHomeStats(scoped)).find((s) => s.label.startsWith('Certifications expiring'));
    const alphaOrNoAudit = await db.certification.count({ where: { OR: [{ auditId: null }, { auditId: ids.alphaAudit }], expiresAt: { lte: new Date(Date.now() + CERT_EXPIRY_WARN_DAYS * 86_400_000) } } });
    expect(certs?.value).toBe(alphaOrNoAudit);
    // Called directly, the compliance dashboard counts only the auditor's findings too.
    const overall = await complianceDashboard(compliance);
    const theirs = await complianceDashboard(scoped);
    expect(theirs.overdueFindings).toBe(1);
    expect(overall.overdueFindings).toBeGreaterThan(1);
    const openIn = (d: typeof overall) => d.findingsAge.reduce((n, b) => n + b.CRITICAL + b.HIGH + b.MEDIUM + b.LOW, 0);
    expect(openIn(theirs)).toBe(await db.finding.count({ where: { auditId: ids.alphaAudit, status: { notIn: ['CLOSED', 'RISK_ACCEPTED'] } } }));
  });

  it('search, lists, records and exports through every API read', async () => {
    type Read = { path: string; params?: Record<string, string>; query?: string; sideDoor?: boolean };
    const sideDoors: Read[] = [
      { path: '/api/v1/reviews/{quarter}', params: { quarter: CURRENT } },
      { path: '/api/v1/audit-events' },
      { path: '/api/v1/audit-events/export' },
      { path: '/api/v1/certifications' },
      { path: '/api/lookup/{kind}', params: { kind: 'findings' }, query: 'q=finding' },
      { path: '/api/v1/reviews/{quarter}/pdf', params: { quarter: CURRENT } },
      { path: '/api/v1/incidents/{id}', params: { id: ids.incident } },
      { path: '/api/v1/evidence/{id}', params: { id: ids.sharedEvidence } },
      { path: '/api/v1/audits/{id}', params: { id: ids.alphaAudit } },
      { path: '/api/v1/findings/{id}', params: { id: ids.alphaFinding } },
      { path: '/api/v1/findings/export', query: 'format=csv' },
      { path: '/api/v1/matrix/cells', query: `requirementId=${ids.requirement}&systemId=${ids.system}` },
      { path: '/api/v1/models/{model}/versions/{version}', params: { model: ids.model, version: ids.version } },
    ];
    // Every other read without a path parameter too: whatever it answers, never Bravo's data.
    const reads: Read[] = [...sideDoors.map((r) => ({ ...r, sideDoor: true })), ...h.specs.filter((s) => s.method === 'GET' && !s.path.includes('{')).map((s) => ({ path: s.path }))];
    const lookup = defineLookup();
    const seen: string[] = [];
    for (const who of [scopedSession, scopedBearer]) {
      for (const r of reads) {
        if (r.path === '/api/lookup/{kind}' && who === scopedBearer) continue;
        const res = r.path === '/api/lookup/{kind}' ? await lookup(who, r.query!) : await h.call(who, 'GET', r.path, { params: r.params, query: r.query });
        if (r.sideDoor) expect(res.status, `${who.label} GET ${r.path}: ${res.text.slice(0, 200)}`).toBeLessThan(300);
        expectHidden(`${who.label} GET ${r.path}`, res.text);
        seen.push(r.path);
      }
      const other = await h.call(who, 'GET', '/api/v1/audits/{id}/evidence-pack', { params: { id: ids.bravoAudit } });
      expect(other.status).toBe(404);
    }
    expect(seen).toContain('/api/v1/certifications');
    const co = h.callers.find((c) => c.role === 'COMPLIANCE_OFFICER')!;
    const all = await Promise.all(['/api/v1/certifications', '/api/v1/findings', '/api/v1/evidence'].map((p) => h.call(co, 'GET', p, { query: 'pageSize=200' })));
    for (const t of ['BRAVO certification', 'BRAVO finding overdue', 'BRAVO evidence expiring']) expect(all.map((r) => r.text).join('')).toContain(t);
    const incident = await h.call(co, 'GET', '/api/v1/incidents/{id}', { params: { id: ids.incident } });
    expect(incident.text).toContain('BRAVO finding raised from an incident');
  });

  it('page-level reads of the workspace side doors, the matrix and the registry', async () => {
    for (const actor of [scoped, scopedToken]) {
      expectHidden(`certifications (${actor.kind})`, json(await listCertifications(actor)));
      expectHidden(`evidence detail (${actor.kind})`, json(await getEvidence(actor, ids.sharedEvidence)));
      expectHidden(`incident (${actor.kind})`, json(await getIncident(actor, ids.incident)));
      expectHidden(`matrix cell (${actor.kind})`, json(await getCell(actor, ids.requirement, ids.system)));
      expectHidden(`matrix (${actor.kind})`, json(await matrixWindow(actor, {})));
      expectHidden(`requirement (${actor.kind})`, json(await getRequirement(actor, ids.requirement)));
      expectHidden(`registry (${actor.kind})`, json(await listModels(actor, {})));
      expectHidden(`model version (${actor.kind})`, json(await getVersion(actor, ids.model, ids.version)));
    }
    expect(json(await listCertifications(scoped))).toContain('ALPHA certification');
    expect((await getEvidence(scoped, ids.sharedEvidence)).title).toBe('ALPHA evidence on the requirement');
    expect(json(await getEvidence(compliance, ids.sharedEvidence))).toContain('BRAVO finding overdue');
    expect(json(await getIncident(compliance, ids.incident))).toContain('BRAVO finding raised from an incident');
    expect(json(await listCertifications(compliance))).toContain('BRAVO certification');
  });
});

/** The picker search route lives outside /api/v1; call its handler like the harness does. */
function defineLookup() {
  return async (who: Caller, query: string) => {
    const { GET } = await import('@/app/api/lookup/[kind]/route');
    const { NextRequest } = await import('next/server');
    const url = `http://portal.test/api/lookup/findings?${query}`;
    const res = await GET(new NextRequest(url, { headers: { ...who.headers, host: 'portal.test', origin: 'http://portal.test' } }), { params: Promise.resolve({ kind: 'findings' }) });
    const text = await res.text();
    return { status: res.status, text };
  };
}
