import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Permission, Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('mcp');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { createToken } = await import('@/lib/tokens/mutations');
const { actorForToken } = await import('@/lib/auth/token');
const { createFramework, createRequirement } = await import('@/lib/requirements/mutations');
const { createMcpServer } = await import('./server');
const { handleMcpRequest } = await import('./http');

let actors: Record<Role, Actor>;
let orgId: string;
let requirementId: string;
let n = 0;

async function tokenWith(scopes: Permission[]) {
  n += 1;
  const t = await createToken(actors.ADMIN, { name: `MCP token ${n}`, scopes, expiresInDays: 30 });
  return t.secret;
}

async function clientFor(scopes: Permission[]) {
  const actor = (await actorForToken(await tokenWith(scopes), { id: `req-mcp-${n}`, ip: '127.0.0.1' }))!;
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(actor).connect(serverSide);
  const client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}

const textOf = (r: Awaited<ReturnType<Client['callTool']>>) => (r.content as { type: string; text: string }[]).map((c) => c.text).join('\n');
const reviewCount = () => db.requirementReview.count({ where: { requirementId } });

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('MCP Org'));
  await createFramework(actors.ADMIN, { key: 'mcp-fw', name: 'MCP Framework', kind: 'STANDARD', jurisdiction: 'EU', version: '1' });
  requirementId = (
    await createRequirement(actors.ADMIN, { frameworkKey: 'mcp-fw', ref: 'MCP-1', title: 'Log every model decision', summary: 'Decisions are logged for six months.', area: 'TRANSPARENCY' })
  ).id;
}, 60_000);

describe('tools per scope', () => {
  it('lists read tools for what the token may read, and write tools only when its scopes allow them', async () => {
    const reader = await clientFor(['requirements:read']);
    const names = (await reader.listTools()).tools.map((t) => t.name).sort();
    expect(names).toEqual(['get_requirement', 'matrix_posture', 'overdue_work', 'search_requirements']);

    const writer = await clientFor(['requirements:read', 'reviews:record', 'findings:raise', 'audits:read', 'incidents:read', 'incidents:update', 'models:read', 'reviews:read']);
    const all = (await writer.listTools()).tools.map((t) => t.name);
    expect(all).toEqual(expect.arrayContaining(['record_requirement_review', 'raise_finding', 'add_incident_timeline_entry', 'model_versions', 'version_gate', 'open_findings', 'list_incidents', 'get_incident', 'review_figures']));
    expect((await writer.listPrompts()).prompts.map((p) => p.name).sort()).toEqual(['explain_promotion_block', 'quarterly_review_summary']);
    // A reader of requirements only has no prompt to offer: the capability itself is absent.
    expect(reader.getServerCapabilities()?.prompts).toBeUndefined();
    const templates = (await writer.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate).sort();
    expect(templates).toEqual(['model-card://{model}/{version}', 'requirement://{id}/text']);
  });
});

describe('reads', () => {
  it('shows a requirement with its statuses, from the same query as the page', async () => {
    const client = await clientFor(['requirements:read']);
    const found = JSON.parse(textOf(await client.callTool({ name: 'search_requirements', arguments: { q: 'model decision' } })));
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ id: requirementId, ref: 'MCP-1', frameworkKey: 'mcp-fw', overdue: false });
    const one = JSON.parse(textOf(await client.callTool({ name: 'get_requirement', arguments: { id: requirementId } })));
    expect(one).toMatchObject({ ref: 'MCP-1', title: 'Log every model decision', lastReviewedAt: null, controlStatus: null, reviews: [] });

    const text = await client.readResource({ uri: `requirement://${requirementId}/text` });
    expect((text.contents[0] as { text: string }).text).toContain('MCP Framework — MCP-1: Log every model decision');
  });

  it('answers a missing record as not found, not as an internal error', async () => {
    const client = await clientFor(['requirements:read']);
    const res = await client.callTool({ name: 'get_requirement', arguments: { id: 'no-such-id' } });
    expect(res.isError).toBe(true);
    expect(textOf(res)).toBe('NOT_FOUND: The requirement was not found.');
  });
});

describe('writes', () => {
  it('refuses a write tool the token is not scoped for, and writes nothing', async () => {
    const client = await clientFor(['requirements:read']);
    const before = await reviewCount();
    const res = await client.callTool({ name: 'record_requirement_review', arguments: { requirementId, outcome: 'CONFIRMED' } }).catch((e: Error) => ({ isError: true, content: [{ type: 'text', text: e.message }] }));
    expect(res.isError).toBe(true);
    expect(textOf(res as never)).toMatch(/record_requirement_review not found/);
    expect(await reviewCount()).toBe(before);
  });

  it('records a review through the mutation, with its audit event marked as made through MCP', async () => {
    const client = await clientFor(['requirements:read', 'reviews:record']);
    const res = await client.callTool({ name: 'record_requirement_review', arguments: { requirementId, outcome: 'CONFIRMED', notes: 'Checked the log retention' } });
    expect(res.isError).toBeFalsy();
    const out = JSON.parse(textOf(res));
    expect(out.quarter).toMatch(/^\d{4}-Q[1-4]$/);
    expect(await reviewCount()).toBe(1);
    const event = await db.auditEvent.findFirstOrThrow({ where: { orgId, action: 'requirement.reviewed', entityId: requirementId }, orderBy: { seq: 'desc' } });
    expect(event.actorLabel).toMatch(/^token:MCP token \d+ \(agp_.+\) via MCP$/);
    expect(event.reason).toBe('Checked the log retention');
  });

  it('rejects bad arguments with a message naming the field, and writes nothing', async () => {
    const client = await clientFor(['requirements:read', 'reviews:record']);
    const before = await reviewCount();
    const events = await db.auditEvent.count({ where: { orgId } });

    const badEnum = await client.callTool({ name: 'record_requirement_review', arguments: { requirementId, outcome: 'MAYBE' } });
    expect(badEnum.isError).toBe(true);
    expect(textOf(badEnum)).toMatch(/outcome/);

    const future = await client.callTool({ name: 'record_requirement_review', arguments: { requirementId, outcome: 'CONFIRMED', reviewedOn: '2999-01-01' } });
    expect(future.isError).toBe(true);
    expect(textOf(future)).toBe('VALIDATION: The review date cannot be in the future.\nreviewedOn: In the future');

    const badDate = await client.callTool({ name: 'record_requirement_review', arguments: { requirementId, outcome: 'CONFIRMED', reviewedOn: '1 March' } });
    expect(textOf(badDate)).toMatch(/^VALIDATION: .*reviewedOn.*YYYY-MM-DD/s);

    expect(await reviewCount()).toBe(before);
    expect(await db.auditEvent.count({ where: { orgId } })).toBe(events);
  });

  it('raises a finding as the token, through the same gate', async () => {
    const client = await clientFor(['audits:read', 'findings:raise']);
    const res = await client.callTool({ name: 'raise_finding', arguments: { title: 'Log retention too short', description: 'Kept 30 days, not six months', severity: 'HIGH', requirementIds: [requirementId] } });
    expect(res.isError).toBeFalsy();
    const { id } = JSON.parse(textOf(res));
    const finding = await db.finding.findUniqueOrThrow({ where: { id }, select: { orgId: true, source: true, requirements: { select: { requirementId: true } } } });
    expect(finding).toEqual({ orgId, source: 'SELF_IDENTIFIED', requirements: [{ requirementId }] });
    const open = JSON.parse(textOf(await client.callTool({ name: 'open_findings', arguments: { severity: 'HIGH' } })));
    expect(open.items.map((f: { id: string }) => f.id)).toContain(id);
    const event = await db.auditEvent.findFirstOrThrow({ where: { orgId, entityType: 'finding', entityId: id } });
    expect(event.actorLabel).toMatch(/via MCP$/);
  });
});

describe('monitoring alerts', () => {
  let alertId: string;
  beforeAll(async () => {
    const { createMonitor } = await import('@/lib/monitoring/mutations');
    const system = await db.aISystem.create({ data: { orgId, name: 'Scoring', purpose: 'Credit', domain: 'FINANCE', regions: ['EU'], riskTier: 'HIGH' }, select: { id: true } });
    const model = await db.model.create({ data: { orgId, systemId: system.id, key: 'mcp-credit', name: 'Credit PD', purpose: 'PD', ownerId: actors.ENGINEER.userId! }, select: { id: true } });
    const v = await db.modelVersion.create({ data: { orgId, modelId: model.id, label: '1.0.0', stage: 'PRODUCTION', createdById: actors.ENGINEER.userId!, metrics: { create: [{ name: 'accuracy', value: 0.91, threshold: 0.8 }] } }, select: { id: true } });
    const monitor = await createMonitor(actors.ENGINEER, { versionId: v.id, features: [] });
    alertId = (await db.monitorAlert.create({ data: { orgId, monitorId: monitor.id, kind: 'METRIC', level: 'BREACH', subject: 'accuracy', value: 0.7, threshold: 0.8, openKey: `mcp-${monitor.id}`, ownerId: actors.ENGINEER.userId } })).id;
  });

  it('lists alerts for monitoring:read, offers the acknowledge tool only with monitoring:write, and acknowledges with an audit event via MCP', async () => {
    const reader = await clientFor(['monitoring:read']);
    const names = (await reader.listTools()).tools.map((t) => t.name);
    expect(names).toContain('monitoring_alerts');
    expect(names).not.toContain('acknowledge_monitoring_alert');
    const listed = JSON.parse(textOf(await reader.callTool({ name: 'monitoring_alerts', arguments: { status: 'OPEN' } })));
    expect(listed.alerts).toEqual([expect.objectContaining({ id: alertId, level: 'BREACH', status: 'OPEN' })]);
    const refused = await reader.callTool({ name: 'acknowledge_monitoring_alert', arguments: { alertId, note: 'x' } }).then((r) => r.isError === true, () => true);
    expect(refused).toBe(true);

    const writer = await clientFor(['monitoring:read', 'monitoring:write']);
    const empty = await writer.callTool({ name: 'acknowledge_monitoring_alert', arguments: { alertId, note: '' } });
    expect(empty.isError).toBe(true);
    expect(textOf(empty)).toMatch(/note/);
    expect((await db.monitorAlert.findUniqueOrThrow({ where: { id: alertId } })).status).toBe('OPEN');

    const res = await writer.callTool({ name: 'acknowledge_monitoring_alert', arguments: { alertId, note: 'Looking at the label delay' } });
    expect(res.isError).toBeFalsy();
    expect(JSON.parse(textOf(res))).toMatchObject({ id: alertId, status: 'ACKNOWLEDGED' });
    const event = await db.auditEvent.findFirstOrThrow({ where: { orgId, action: 'monitoring.alert_acknowledged', entityId: alertId } });
    expect(event.actorLabel).toMatch(/via MCP$/);
    const again = await writer.callTool({ name: 'acknowledge_monitoring_alert', arguments: { alertId, note: 'twice' } });
    expect(again.isError).toBe(true);
    expect(textOf(again)).toMatch(/^CONFLICT: .*only an open alert/);
  });
});

describe('the HTTP endpoint /api/mcp', () => {
  // The route handler itself serves as the client's fetch: same code path as a real request, no socket.
  const viaRoute = (token: string | null) =>
    new StreamableHTTPClientTransport(new URL('http://127.0.0.1/api/mcp'), {
      fetch: (url, init) => {
        const headers = new Headers(init?.headers);
        if (token) headers.set('authorization', `Bearer ${token}`);
        return handleMcpRequest(new Request(url, { ...init, headers }));
      },
    });

  it('refuses a caller without a valid token with 401 and a bearer challenge', async () => {
    const res = await handleMcpRequest(new Request('http://127.0.0.1/api/mcp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const bad = await handleMcpRequest(new Request('http://127.0.0.1/api/mcp', { method: 'POST', headers: { authorization: 'Bearer agp_nope' }, body: '{}' }));
    expect(bad.status).toBe(401);
    expect((await bad.json()).error.message).toMatch(/invalid, expired or revoked/);
  });

  it('serves the SDK client: tools for the scopes, a read, and a refused write', async () => {
    const client = new Client({ name: 'http-test', version: '1.0.0' });
    await client.connect(viaRoute(await tokenWith(['requirements:read'])));
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('search_requirements');
    expect(names).not.toContain('record_requirement_review');
    const posture = JSON.parse(textOf(await client.callTool({ name: 'matrix_posture', arguments: { framework: 'mcp-fw' } })));
    expect(posture.requirements).toMatchObject({ total: 1 });
    const refused = await client.callTool({ name: 'record_requirement_review', arguments: { requirementId, outcome: 'CONFIRMED' } }).then(
      (r) => r.isError === true,
      () => true,
    );
    expect(refused).toBe(true);
    await client.close();
  });
});

describe('nothing else readable or writable through MCP', () => {
  const READ_SCOPES: Permission[] = ['requirements:read', 'models:read', 'audits:read', 'incidents:read', 'reviews:read', 'monitoring:read'];

  it("a token of another organisation finds none of this one's records", async () => {
    const other = await createOrgWithRoles('MCP Other Org');
    const t = await createToken(other.actors.ADMIN, { name: 'Other org token', scopes: ['requirements:read'], expiresInDays: 30 });
    const actor = (await actorForToken(t.secret, { id: 'req-mcp-other', ip: '127.0.0.1' }))!;
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createMcpServer(actor).connect(serverSide);
    const client = new Client({ name: 'other', version: '1.0.0' });
    await client.connect(clientSide);

    const one = await client.callTool({ name: 'get_requirement', arguments: { id: requirementId } });
    expect(one.isError).toBe(true);
    expect(textOf(one)).toBe('NOT_FOUND: The requirement was not found.');
    const found = JSON.parse(textOf(await client.callTool({ name: 'search_requirements', arguments: { q: 'model decision' } })));
    expect(found.total).toBe(0);
    await expect(client.readResource({ uri: `requirement://${requirementId}/text` })).rejects.toThrow(/not found/i);
    const posture = await client.callTool({ name: 'matrix_posture', arguments: { framework: 'mcp-fw' } });
    expect(textOf(posture)).not.toContain('Log every model decision');
    await client.close();
  });

  it('a token with every read scope and no write scope is offered no write tool, and each write tool is refused with nothing written', async () => {
    const client = await clientFor(READ_SCOPES);
    const tools = (await client.listTools()).tools;
    expect(tools.length).toBeGreaterThan(8);
    for (const tool of tools) expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
    const before = { findings: await db.finding.count({ where: { orgId } }), reviews: await reviewCount(), events: await db.auditEvent.count({ where: { orgId } }) };
    const attempts = [
      { name: 'record_requirement_review', arguments: { requirementId, outcome: 'CONFIRMED' } },
      { name: 'raise_finding', arguments: { title: 'x', description: 'y', severity: 'LOW' } },
      { name: 'add_incident_timeline_entry', arguments: { incidentId: 'x', at: '2026-01-01T00:00:00Z', text: 'y' } },
      { name: 'acknowledge_monitoring_alert', arguments: { alertId: 'x', note: 'y' } },
    ];
    for (const call of attempts) {
      const refused = await client.callTool(call).then(
        (r) => r.isError === true && /not found/i.test(textOf(r)),
        (e: Error) => /not found/i.test(e.message),
      );
      expect(refused, call.name).toBe(true);
    }
    expect({ findings: await db.finding.count({ where: { orgId } }), reviews: await reviewCount(), events: await db.auditEvent.count({ where: { orgId } }) }).toEqual(before);
  });

  it('bad arguments to the write tools name the field and write nothing', async () => {
    const client = await clientFor(['audits:read', 'findings:raise', 'incidents:read', 'incidents:update']);
    const before = { findings: await db.finding.count({ where: { orgId } }), entries: await db.incidentTimelineEntry.count({ where: { orgId } }), events: await db.auditEvent.count({ where: { orgId } }) };

    const severity = await client.callTool({ name: 'raise_finding', arguments: { title: 'Bad severity', description: 'd', severity: 'URGENT' } });
    expect(severity.isError).toBe(true);
    expect(textOf(severity)).toMatch(/severity/);
    const missing = await client.callTool({ name: 'raise_finding', arguments: { title: 'No description', severity: 'LOW' } });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/description/);
    const foreignLink = await client.callTool({ name: 'raise_finding', arguments: { title: 'Linked elsewhere', description: 'd', severity: 'LOW', requirementIds: ['not-a-requirement-here'] } });
    expect(foreignLink.isError).toBe(true);
    const badTime = await client.callTool({ name: 'add_incident_timeline_entry', arguments: { incidentId: 'nope', at: 'yesterday', text: 'x' } });
    expect(badTime.isError).toBe(true);
    const noIncident = await client.callTool({ name: 'add_incident_timeline_entry', arguments: { incidentId: 'nope', at: '2026-01-01T00:00:00Z', text: 'x' } });
    expect(noIncident.isError).toBe(true);
    expect(textOf(noIncident)).toMatch(/^(NOT_FOUND|VALIDATION)/);

    expect({ findings: await db.finding.count({ where: { orgId } }), entries: await db.incidentTimelineEntry.count({ where: { orgId } }), events: await db.auditEvent.count({ where: { orgId } }) }).toEqual(before);
  });
});

describe('over stdio (npm run mcp)', () => {
  it('serves the SDK client as the token in PORTAL_API_TOKEN: tools for its scopes and a read', async () => {
    const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
    const path = await import('node:path');
    const transport = new StdioClientTransport({
      command: path.resolve('node_modules/.bin/tsx'),
      args: ['--conditions=react-server', 'lib/tooling/cli/mcp.ts'],
      env: { ...(process.env as Record<string, string>), PORTAL_API_TOKEN: await tokenWith(['requirements:read']) },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const names = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(names).toEqual(['get_requirement', 'matrix_posture', 'overdue_work', 'search_requirements']);
      const found = JSON.parse(textOf(await client.callTool({ name: 'search_requirements', arguments: { q: 'model decision' } })));
      expect(found.items.map((i: { id: string }) => i.id)).toEqual([requirementId]);
    } finally {
      await client.close();
    }
  }, 60_000);
});
