import 'server-only';
import { randomUUID } from 'node:crypto';
import { anonymousActor, type RequestMeta } from '@/lib/auth/actor';
import { ROLE_GRANTS, ROLES } from '@/lib/auth/permissions';
import { withinRateLimit } from '@/lib/auth/throttle';
import { db } from '@/lib/db';
import { isDatabaseUnavailable, logUnexpected, zodFieldErrors } from '@/lib/errors';
import { queueMailTo, type Enqueue } from '@/lib/notifications/mail/outbox';
import { notify } from '@/lib/notifications/notify';
import { guardedClientAddress } from '@/lib/platform/forwarded';
import { PUBLIC_PAGE_STYLE as STYLE, PUBLIC_PAGE_STYLE_HASH as STYLE_HASH } from '@/lib/public-page';
import { insertSubjectRequest } from './requests/mutations';
import { publicRequestSchema, PUBLIC_REQUEST_TYPES, REQUEST_TYPE_LABELS, type SubjectRequestType } from './schema';

// The organisation's public data-subject request form (/privacy-request/<org>):
// a whole HTML page with no script, posting a plain form, under a strict CSP
// (the trust centre's approach, lib/trust/public.ts). No account: the request
// is created with its statutory clock from the moment of receipt; identity
// verification then proceeds in the portal.

/** Requests one address may file per window (the trust centre's document-request limit). */
export const PUBLIC_REQUEST_LIMIT = { limit: 5, windowSeconds: 3600 };
/** Page views one address may make per window. */
const PAGE_LIMIT = { limit: 60, windowSeconds: 60 };
const MAX_BYTES = 16 * 1024;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const PUBLIC_REQUEST_CSP = [
  "default-src 'none'",
  `style-src ${STYLE_HASH}`,
  "img-src 'none'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const MANAGER_ROLES = ROLES.filter((r) => ROLE_GRANTS[r].any.includes('privacy:manage'));
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PUBLIC_REQUEST_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      ...extra,
    },
  });
}

function shell(orgName: string, title: string, main: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><header><p>Privacy</p><h1>${esc(orgName)}</h1></header>
<main id="main">${main}</main>
<footer><p>${esc(orgName)} uses what you send here only to answer your request.</p></footer></body></html>`;
}

const plain = (title: string, text: string) => shell('Privacy request', title, `<h2>${esc(title)}</h2><p>${esc(text)}</p>`);

export type PublicFormState = { values: Record<string, string>; fieldErrors: Record<string, string[]>; message: string };

function fieldError(id: string, state: PublicFormState | undefined, key: string) {
  const e = state?.fieldErrors[key]?.[0];
  return e ? { attrs: ` aria-invalid="true" aria-describedby="${id}-error"`, html: `<p class="err" id="${id}-error">${esc(e)}</p>` } : { attrs: '', html: '' };
}

export function renderPublicRequestForm(org: { name: string; slug: string }, state?: PublicFormState): string {
  const v = (k: string) => esc(state?.values[k] ?? '');
  const input = (key: string, label: string, type: string, autocomplete: string, required: boolean, hint = '') => {
    const id = `dsr-${key}`;
    const err = fieldError(id, state, key);
    const hintHtml = hint ? `<p id="${id}-hint">${esc(hint)}</p>` : '';
    const describedBy = [hint ? `${id}-hint` : '', err.html ? `${id}-error` : ''].filter(Boolean).join(' ');
    return `<label for="${id}">${label}${required ? '' : ' (optional)'}</label>${hintHtml}${err.html}<input type="${type}" id="${id}" name="${key}" value="${v(key)}" autocomplete="${autocomplete}"${required ? ' required' : ''} maxlength="${key === 'email' ? 254 : 200}"${err.html ? ' aria-invalid="true"' : ''}${describedBy ? ` aria-describedby="${describedBy}"` : ''}>`;
  };
  const typeErr = fieldError('dsr-type', state, 'type');
  const options = PUBLIC_REQUEST_TYPES.map((t) => `<option value="${t}"${state?.values.type === t ? ' selected' : ''}>${esc(REQUEST_TYPE_LABELS[t as SubjectRequestType])}</option>`).join('');
  const detailsErr = fieldError('dsr-details', state, 'details');
  return `<section aria-labelledby="h-request"><h2 id="h-request">Make a request about your personal data</h2>
<p>You can ask ${esc(org.name)} for a copy of your data, to correct or delete it, to restrict or object to its use, to have a person review an automated decision, and (in California) to know, delete, correct or opt out. We confirm by e-mail, then check your identity before we answer. We answer within one month (GDPR) or 45 days (CCPA) of receipt; if we need longer we tell you why before then.</p>
${state ? `<div class="alert" role="alert"><p>${esc(state.message)}</p></div>` : ''}
<form method="post" action="/privacy-request/${esc(org.slug)}">
<label for="dsr-type">What you ask for</label>${typeErr.html}<select id="dsr-type" name="type" required${typeErr.attrs}><option value="">Choose…</option>${options}</select>
${input('name', 'Your name', 'text', 'name', true)}
${input('email', 'Your e-mail address', 'email', 'email', true, 'We send the confirmation and our answer here.')}
${input('reference', 'Customer, account or application number', 'text', 'off', false, 'Helps us find your data.')}
<label for="dsr-details">Details (optional)</label>${detailsErr.html}<textarea id="dsr-details" name="details" rows="5" maxlength="4000"${detailsErr.attrs}>${v('details')}</textarea>
<button type="submit">Send the request</button>
</form></section>`;
}

type Org = { id: string; name: string; slug: string };

async function loadOrg(slug: string): Promise<Org | null> {
  if (!SLUG.test(slug)) return null;
  const org = await db.organization.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } });
  if (!org) return null;
  const settings = await db.privacySettings.findUnique({ where: { orgId: org.id }, select: { publicFormEnabled: true } });
  return settings?.publicFormEnabled ? org : null;
}

const NOT_FOUND = () => page(404, plain('Not found', 'There is no privacy request form at this address.'));

/** GET /privacy-request/<org>: the form, when the organisation has opened it (unknown and closed give the same 404). */
export async function publicRequestPageResponse(req: Request, slug: string): Promise<Response> {
  try {
    const ip = guardedClientAddress(req.headers);
    if (!(await withinRateLimit(`privacy-page:${ip ?? 'unknown'}`, PAGE_LIMIT.limit, PAGE_LIMIT.windowSeconds))) {
      return page(429, plain('Too many requests', 'Wait a minute and try again.'), { 'retry-after': String(PAGE_LIMIT.windowSeconds) });
    }
    const org = await loadOrg(slug);
    if (!org) return NOT_FOUND();
    return page(200, shell(org.name, `${org.name}: privacy request`, renderPublicRequestForm(org)));
  } catch (error) {
    logUnexpected(error, `GET /privacy-request/${slug}`);
    return page(isDatabaseUnavailable(error) ? 503 : 500, plain('Something went wrong', 'Try again in a moment.'));
  }
}

export type PublicOutcome = { ok: true; reference: string; dueAt: string } | ({ ok: false } & PublicFormState);

function confirmationMail(orgName: string, reference: string, type: SubjectRequestType, dueAt: Date) {
  const due = dueAt.toISOString().slice(0, 10);
  const label = REQUEST_TYPE_LABELS[type];
  const text = `${orgName} received your request (${label}) and gave it the reference ${reference}.\n\nWe will check your identity before we answer; we may write to you at this address for that. We answer by ${due} at the latest, or tell you before then why we need longer.\n\nIf you did not make this request, reply to this message.`;
  const html = `<p>${esc(orgName)} received your request (${esc(label)}) and gave it the reference <strong>${esc(reference)}</strong>.</p><p>We will check your identity before we answer; we may write to you at this address for that. We answer by ${esc(due)} at the latest, or tell you before then why we need longer.</p><p>If you did not make this request, reply to this message.</p>`;
  return { subject: `${orgName}: your privacy request ${reference}`, text, html };
}

/**
 * A visitor's request: checked field by field (a refusal returns the form
 * with what was typed), then in one transaction the request with its clock,
 * the confirmation mail to the visitor, a notification to the privacy team
 * and the audit event. Nothing is written unless everything is right.
 */
export async function submitPublicRequest(org: Org, raw: Record<string, unknown>, meta: RequestMeta, opts: { now?: Date; enqueue?: Enqueue } = {}): Promise<PublicOutcome> {
  const values: Record<string, string> = {};
  for (const k of ['type', 'name', 'email', 'reference', 'details']) values[k] = typeof raw[k] === 'string' ? (raw[k] as string).slice(0, 4000) : '';
  const parsed = publicRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: 'Please correct the fields marked below.', fieldErrors: zodFieldErrors(parsed.error), values };
  const data = parsed.data;
  const now = opts.now ?? new Date();
  const email = data.email.toLowerCase();
  return db.$transaction(async (tx) => {
    // The visitor's address stays out of the trail (erasure must be able to remove it): the actor is the form.
    const actor = { ...anonymousActor(meta, 'visitor:public-request-form'), orgId: org.id };
    const created = await insertSubjectRequest(
      tx,
      actor,
      { type: data.type, subjectName: data.name, subjectEmail: email, subjectRef: data.reference, details: data.details, dataCategories: [], location: '', receivedAt: now },
      { handlerId: null, channel: 'PUBLIC' },
    );
    await queueMailTo(tx, { orgId: org.id, to: email, rendered: confirmationMail(org.name, created.reference, data.type, new Date(created.dueAt)) }, opts.enqueue);
    const managers = await tx.user.findMany({ where: { orgId: org.id, active: true, role: { in: MANAGER_ROLES } }, select: { id: true } });
    await notify(tx, {
      orgId: org.id,
      userIds: managers.map((u) => u.id),
      kind: 'privacy.request_received',
      title: `New ${REQUEST_TYPE_LABELS[data.type]} request ${created.reference} from the public form`,
      body: `Due ${created.dueAt.slice(0, 10)}. Verify the subject's identity before answering.`,
      link: `/privacy/requests/${created.id}`,
      entity: { type: 'subject-request', id: created.id },
    });
    return { ok: true as const, reference: created.reference, dueAt: created.dueAt };
  });
}

/** POST /privacy-request/<org>: limited per address like the trust centre's request form. */
export async function publicRequestSubmitResponse(req: Request, slug: string, opts: { enqueue?: Enqueue } = {}): Promise<Response> {
  try {
    const ip = guardedClientAddress(req.headers);
    if (!(await withinRateLimit(`privacy-request:${ip ?? 'unknown'}`, PUBLIC_REQUEST_LIMIT.limit, PUBLIC_REQUEST_LIMIT.windowSeconds))) {
      return page(429, plain('Too many requests', 'You have sent several requests from this network recently. Try again in an hour.'), { 'retry-after': String(PUBLIC_REQUEST_LIMIT.windowSeconds) });
    }
    const org = await loadOrg(slug);
    if (!org) return NOT_FOUND();
    const type = req.headers.get('content-type') ?? '';
    const length = Number(req.headers.get('content-length') ?? '0');
    if (!/^application\/x-www-form-urlencoded|^multipart\/form-data/.test(type) || length > MAX_BYTES) {
      return page(415, plain('Not accepted', 'Send the request with the form on this page.'));
    }
    const form = await req.formData();
    const raw: Record<string, unknown> = {};
    for (const [k, v] of form.entries()) if (typeof v === 'string') raw[k] = v;
    const outcome = await submitPublicRequest(org, raw, { id: randomUUID(), ip }, opts);
    const title = `${org.name}: privacy request`;
    if (outcome.ok) {
      return page(
        200,
        shell(org.name, title, `<section aria-labelledby="h-done"><h2 id="h-done">Request received</h2><div class="ok" role="status"><p>Thank you. Your request has the reference <strong>${esc(outcome.reference)}</strong>. We have sent a confirmation to your e-mail address. We will check your identity, then answer by <time datetime="${esc(outcome.dueAt)}">${esc(outcome.dueAt.slice(0, 10))}</time> at the latest.</p></div></section>`),
      );
    }
    return page(422, shell(org.name, title, renderPublicRequestForm(org, outcome)));
  } catch (error) {
    logUnexpected(error, `POST /privacy-request/${slug}`);
    return page(isDatabaseUnavailable(error) ? 503 : 500, plain('Something went wrong', 'Try again in a moment.'));
  }
}
