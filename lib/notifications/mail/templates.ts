import { NOTIFICATION_KINDS, type NotificationKind } from '../kinds';

// Plain-text and HTML e-mails: the portal's name, the reason the person gets
// it, and one link to the record (a digest: one link per notification).

export const PORTAL_NAME = 'AI Governance Portal';

export type MailNotification = { kind: string; title: string; body: string | null; link: string; createdAt: Date; mandatory: boolean };
export type RenderedMail = { subject: string; text: string; html: string };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const absoluteLink = (base: string, link: string) => `${base}${link}`;

function reasonFor(n: Pick<MailNotification, 'kind' | 'mandatory'>): string {
  const label = NOTIFICATION_KINDS[n.kind as NotificationKind]?.label ?? n.kind;
  return n.mandatory
    ? `You receive this because of "${label}". It is a required notification and cannot be turned off.`
    : `You receive this because your notification preferences include "${label}" by e-mail. You can change that under Notifications → Preferences in the portal.`;
}

function layout(title: string, inner: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#111827;line-height:1.5;max-width:40rem;margin:0 auto;padding:1rem">
<p style="font-weight:600;color:#1e3a8a;margin:0 0 1rem">${PORTAL_NAME}</p>
${inner}
</body></html>`;
}

/** One notification, one e-mail. */
export function renderSingleMail(n: MailNotification, base: string): RenderedMail {
  const url = absoluteLink(base, n.link);
  const reason = reasonFor(n);
  const text = [`${PORTAL_NAME}`, '', n.title, ...(n.body ? ['', n.body] : []), '', `Open it: ${url}`, '', '-- ', reason, ''].join('\n');
  const html = layout(
    n.title,
    `<h1 style="font-size:1.25rem;margin:0 0 .5rem">${escapeHtml(n.title)}</h1>
${n.body ? `<p>${escapeHtml(n.body)}</p>` : ''}
<p><a href="${escapeHtml(url)}" style="color:#1d4ed8">Open it in the portal</a></p>
<hr style="border:none;border-top:1px solid #e5e7eb;margin:1.5rem 0">
<p style="font-size:.875rem;color:#4b5563">${escapeHtml(reason)}</p>`,
  );
  return { subject: `[${PORTAL_NAME}] ${n.title}`.slice(0, 250), text, html };
}

export const DIGEST_LIMIT = 100;

/** Everything a person has not been mailed yet, in one e-mail. */
export function renderDigestMail(items: MailNotification[], total: number, period: 'daily' | 'weekly', base: string): RenderedMail {
  const shown = items.slice(0, DIGEST_LIMIT);
  const more = total - shown.length;
  const inbox = absoluteLink(base, '/notifications');
  const heading = `Your ${period} digest: ${total} notification${total === 1 ? '' : 's'}`;
  const reason = `You receive this ${period} digest because you chose it under Notifications → Preferences in the portal.`;
  const text = [
    PORTAL_NAME,
    '',
    heading,
    '',
    ...shown.flatMap((n) => [`- ${n.title}`, `  ${absoluteLink(base, n.link)}`]),
    ...(more > 0 ? ['', `… and ${more} more in your inbox: ${inbox}`] : []),
    '',
    '-- ',
    reason,
    '',
  ].join('\n');
  const html = layout(
    heading,
    `<h1 style="font-size:1.25rem;margin:0 0 .5rem">${escapeHtml(heading)}</h1>
<ul>${shown.map((n) => `<li><a href="${escapeHtml(absoluteLink(base, n.link))}" style="color:#1d4ed8">${escapeHtml(n.title)}</a></li>`).join('')}</ul>
${more > 0 ? `<p>… and ${more} more in <a href="${escapeHtml(inbox)}" style="color:#1d4ed8">your inbox</a>.</p>` : ''}
<hr style="border:none;border-top:1px solid #e5e7eb;margin:1.5rem 0">
<p style="font-size:.875rem;color:#4b5563">${escapeHtml(reason)}</p>`,
  );
  return { subject: `[${PORTAL_NAME}] ${heading}`, text, html };
}
