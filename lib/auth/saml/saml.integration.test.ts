import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import * as x509 from '@peculiar/x509';
import * as xmllint from '@authenio/samlify-node-xmllint';
import { NextRequest } from 'next/server';
import * as samlify from 'samlify';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// End to end against an identity provider run inside the test: samlify
// signs real SAML responses with a key pair and certificate made here; the
// portal's assertion consumer route checks them and starts a next-auth session.

const ORIGIN = 'http://portal.test';
process.env.NEXTAUTH_URL = ORIGIN;
await setupTestDatabase('saml');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { updateSamlSettings, getSamlSettings } = await import('./connection');
const acs = await import('@/app/api/saml/[org]/acs/route');
const metadataRoute = await import('@/app/api/saml/[org]/metadata/route');
const loginRoute = await import('@/app/api/saml/[org]/login/route');
const me = await import('@/app/api/v1/me/route');

samlify.setSchemaValidator(xmllint);
const POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

async function keyPair(cn: string) {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({ serialNumber: '01', name: `CN=${cn}`, notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 365 * 86_400_000), keys, signingAlgorithm: alg });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  return { cert: cert.toString('pem'), key: `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n` };
}

function identityProvider(entityID: string, k: { cert: string; key: string }) {
  return samlify.IdentityProvider({ entityID, signingCert: k.cert, privateKey: k.key, singleSignOnService: [{ Binding: REDIRECT_BINDING, Location: `${entityID}/sso` }] });
}

let actors: Record<Role, Actor>;
let slug: string;
let sp: ReturnType<typeof samlify.ServiceProvider>;
let idp: ReturnType<typeof identityProvider>;
let idpKeys: { cert: string; key: string };
const IDP_ENTITY = 'https://idp.test.example';

/** SP-initiated: the AuthnRequest id the portal's login route sends the browser to the IdP with. */
async function issueRequest(callbackUrl = '/models') {
  const res = await loginRoute.GET(new NextRequest(`${ORIGIN}/api/saml/${slug}/login?callbackUrl=${encodeURIComponent(callbackUrl)}`), { params: Promise.resolve({ org: slug }) });
  const to = new URL(res.headers.get('location')!);
  const xml = inflateRawSync(Buffer.from(to.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
  return { id: /\bID="([^"]+)"/.exec(xml)![1], relayState: to.searchParams.get('RelayState'), to };
}

/** A signed response from the IdP for this person, answering a fresh request unless told otherwise (null: IdP-initiated). */
async function respond(email: string, opts: { idp?: typeof idp; sp?: typeof sp; requestId?: string | null } = {}) {
  const id = opts.requestId === undefined ? (await issueRequest()).id : opts.requestId;
  const info = id ? { extract: { request: { id } } } : { extract: { request: {} } };
  const r = (await (opts.idp ?? idp).createLoginResponse(opts.sp ?? sp, info as never, 'post', { email })) as { context: string };
  return r.context;
}

async function postAcs(samlResponse: string, relayState = '/models') {
  const body = new URLSearchParams({ SAMLResponse: samlResponse, RelayState: relayState });
  const req = new NextRequest(`${ORIGIN}/api/saml/${slug}/acs`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: IDP_ENTITY }, body: body.toString() });
  const res = await acs.POST(req, { params: Promise.resolve({ org: slug }) });
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { status: res.status, location: res.headers.get('location'), cookie: /next-auth\.session-token=[^;]+/.exec(setCookie)?.[0] ?? null };
}

async function whoIs(cookie: string | null) {
  if (!cookie) return null;
  const res = await me.GET(new NextRequest(`${ORIGIN}/api/v1/me`, { headers: { cookie } }), { params: Promise.resolve({}) });
  return res.status === 200 ? ((await res.json()) as { email: string }).email : res.status;
}

const failures = (reason: RegExp) => db.auditEvent.findMany({ where: { action: 'auth.sign_in_failed' }, select: { changes: true } }).then((rows) => rows.filter((r) => reason.test(r.changes ?? '')).length);

beforeAll(async () => {
  let orgId: string;
  ({ actors, orgId } = await createOrgWithRoles('SAML Org'));
  slug = (await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { slug: true } })).slug;
  idpKeys = await keyPair('idp.test.example');
  idp = identityProvider(IDP_ENTITY, idpKeys);
  const metadata = await metadataRoute.GET(new NextRequest(`${ORIGIN}/api/saml/${slug}/metadata`), { params: Promise.resolve({ org: slug }) });
  expect(metadata.headers.get('content-type')).toContain('application/samlmetadata+xml');
  sp = samlify.ServiceProvider({ metadata: await metadata.text() });
  // The administrator pastes the IdP's metadata.
  await updateSamlSettings(actors.ADMIN, { enabled: true, metadataXml: idp.getMetadata(), clockSkewSeconds: 60 });
});

afterEach(() => vi.useRealTimers());

describe('SAML settings', () => {
  it('reads entity ID, SSO URL and certificate from the IdP metadata; only administrators change them; audited', async () => {
    const s = await getSamlSettings(actors.ADMIN);
    expect(s.sp).toEqual({ entityId: `${ORIGIN}/api/saml/${slug}/metadata`, acs: `${ORIGIN}/api/saml/${slug}/acs`, login: `${ORIGIN}/api/saml/${slug}/login`, metadata: `${ORIGIN}/api/saml/${slug}/metadata` });
    expect(s.connection).toMatchObject({ enabled: true, idpEntityId: IDP_ENTITY, ssoUrl: `${IDP_ENTITY}/sso`, clockSkewSeconds: 60 });
    expect(s.connection!.fingerprints).toHaveLength(1);
    await expect(updateSamlSettings(actors.COMPLIANCE_OFFICER, { enabled: false, metadataXml: idp.getMetadata() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(updateSamlSettings(actors.ADMIN, { enabled: true, idpEntityId: IDP_ENTITY, ssoUrl: 'not a url', idpCert: 'nope' })).rejects.toThrow();
    await expect(updateSamlSettings(actors.ADMIN, { enabled: true, clockSkewSeconds: 900, metadataXml: idp.getMetadata() })).rejects.toThrow();
    expect(await db.auditEvent.count({ where: { action: 'saml.settings_updated' } })).toBe(1);
    const { id, relayState, to } = await issueRequest('/risks');
    expect(`${to.origin}${to.pathname}`).toBe(`${IDP_ENTITY}/sso`);
    expect(id).toBeTruthy();
    expect(relayState).toBe('/risks');
    expect(await db.samlRequest.count({ where: { id } })).toBe(1);
  });
});

describe('SAML sign-in', () => {
  it('signs an existing user in with a good signed assertion, as a next-auth session, without changing their role', async () => {
    const engineer = actors.ENGINEER;
    const r = await postAcs(await respond(engineer.email!));
    expect(r.status).toBe(303);
    expect(r.location).toBe(`${ORIGIN}/models`);
    expect(r.cookie).toBeTruthy();
    expect(await whoIs(r.cookie)).toBe(engineer.email);
    const signedIn = await db.auditEvent.findFirstOrThrow({ where: { entityId: engineer.userId, action: 'auth.signed_in' }, select: { changes: true } });
    expect(JSON.parse(signedIn.changes!)).toMatchObject({ method: 'saml' });
    expect((await db.user.findUniqueOrThrow({ where: { id: engineer.userId! }, select: { role: true } })).role).toBe('ENGINEER');
  });

  it('refuses an answer to a request the portal never sent, and takes each request once; accepts an IdP-initiated response', async () => {
    const forged = await postAcs(await respond(actors.ENGINEER.email!, { requestId: '_never-sent' }));
    expect(forged).toMatchObject({ location: `${ORIGIN}/sign-in?error=SamlInvalid`, cookie: null });
    expect(await failures(/InResponseTo is not valid/)).toBe(1);
    const { id } = await issueRequest();
    expect(await whoIs((await postAcs(await respond(actors.ENGINEER.email!, { requestId: id }))).cookie)).toBe(actors.ENGINEER.email);
    expect(await db.samlRequest.count({ where: { id } })).toBe(0);
    // A second, separately signed answer to the same request.
    expect((await postAcs(await respond(actors.ENGINEER.email!, { requestId: id }))).location).toBe(`${ORIGIN}/sign-in?error=SamlInvalid`);
    expect(await failures(/InResponseTo is not valid/)).toBe(2);
    expect(await whoIs((await postAcs(await respond(actors.ENGINEER.email!, { requestId: null }))).cookie)).toBe(actors.ENGINEER.email);
  });

  it('refuses a replayed assertion', async () => {
    // IdP-initiated: only the stored assertion id stops the second use.
    const response = await respond(actors.AUDITOR.email!, { requestId: null });
    expect(await whoIs((await postAcs(response)).cookie)).toBe(actors.AUDITOR.email);
    const again = await postAcs(response);
    expect(again).toMatchObject({ status: 303, location: `${ORIGIN}/sign-in?error=SamlReplayed`, cookie: null });
    expect(await failures(/already used/)).toBe(1);
    // SP-initiated: the request is taken by the first use as well.
    const answered = await respond(actors.AUDITOR.email!);
    expect(await whoIs((await postAcs(answered)).cookie)).toBe(actors.AUDITOR.email);
    expect(await postAcs(answered)).toMatchObject({ location: `${ORIGIN}/sign-in?error=SamlInvalid`, cookie: null });
  });

  it('refuses a bad signature: an assertion altered after signing, and one signed by another key', async () => {
    const xml = Buffer.from(await respond(actors.PRIVACY_OFFICER.email!), 'base64').toString('utf8');
    const tampered = xml.split(actors.PRIVACY_OFFICER.email!).join(actors.ADMIN.email!);
    expect(tampered).not.toBe(xml);
    const t = await postAcs(Buffer.from(tampered).toString('base64'));
    expect(t).toMatchObject({ location: `${ORIGIN}/sign-in?error=SamlInvalid`, cookie: null });
    const impostor = identityProvider(IDP_ENTITY, await keyPair('impostor.example'));
    const f = await postAcs(await respond(actors.ADMIN.email!, { idp: impostor }));
    expect(f).toMatchObject({ location: `${ORIGIN}/sign-in?error=SamlInvalid`, cookie: null });
    expect(await failures(/signature/i)).toBe(2);
  });

  it('refuses an assertion for another audience, and one addressed to another recipient', async () => {
    const otherAudience = samlify.ServiceProvider({ entityID: 'https://other-sp.example/metadata', wantAssertionsSigned: true, assertionConsumerService: [{ Binding: POST_BINDING, Location: `${ORIGIN}/api/saml/${slug}/acs` }] });
    const a = await postAcs(await respond(actors.ENGINEER.email!, { sp: otherAudience }));
    expect(a).toMatchObject({ location: `${ORIGIN}/sign-in?error=SamlInvalid`, cookie: null });
    expect(await failures(/audience/i)).toBe(1);
    const otherRecipient = samlify.ServiceProvider({ entityID: `${ORIGIN}/api/saml/${slug}/metadata`, wantAssertionsSigned: true, assertionConsumerService: [{ Binding: POST_BINDING, Location: 'https://elsewhere.example/acs' }] });
    const b = await postAcs(await respond(actors.ENGINEER.email!, { sp: otherRecipient }));
    expect(b).toMatchObject({ location: `${ORIGIN}/sign-in?error=SamlInvalid`, cookie: null });
    expect(await failures(/recipient|destination/i)).toBe(1);
  });

  it('refuses an expired assertion (presented after NotOnOrAfter plus the clock skew)', async () => {
    // IdP-initiated, so what is checked an hour later is the assertion's own validity, not the request's age.
    const response = await respond(actors.ENGINEER.email!, { requestId: null });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 60 * 60_000 });
    const r = await postAcs(response);
    expect(r).toMatchObject({ location: `${ORIGIN}/sign-in?error=SamlInvalid`, cookie: null });
    expect(await failures(/expired|NotOnOrAfter/i)).toBe(1);
  });

  it('never creates a user: an unknown e-mail is refused, and a deactivated user too', async () => {
    const before = await db.user.count();
    const r = await postAcs(await respond('stranger@idp.test.example'));
    expect(r).toMatchObject({ location: `${ORIGIN}/sign-in?error=NoPortalAccount`, cookie: null });
    expect(await db.user.count()).toBe(before);
    await db.user.update({ where: { id: actors.COMPLIANCE_OFFICER.userId! }, data: { active: false } });
    expect((await postAcs(await respond(actors.COMPLIANCE_OFFICER.email!))).location).toBe(`${ORIGIN}/sign-in?error=NoPortalAccount`);
  });

  it('refuses everything once the administrator turns SAML off', async () => {
    const pending = await respond(actors.ENGINEER.email!);
    await updateSamlSettings(actors.ADMIN, { enabled: false, metadataXml: idp.getMetadata() });
    const r = await postAcs(pending);
    expect(r).toMatchObject({ location: `${ORIGIN}/sign-in?error=SamlNotConfigured`, cookie: null });
    const login = await loginRoute.GET(new NextRequest(`${ORIGIN}/api/saml/${slug}/login`), { params: Promise.resolve({ org: slug }) });
    expect(login.headers.get('location')).toBe(`${ORIGIN}/sign-in?error=SamlNotConfigured`);
  });
});
