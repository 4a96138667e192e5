import { openSslCommands } from './openssl';
import { TRUST_STATUS_LABELS, type TrustSnapshot } from './schema';
import { cspHash, PUBLIC_PAGE_STYLE } from '@/lib/public-page';
import { VERIFY_SCRIPT } from './verify-script';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const day = (iso: string) => iso.slice(0, 10);

const STYLE = PUBLIC_PAGE_STYLE;

export const STYLE_HASH = cspHash(STYLE);
export const SCRIPT_HASH = cspHash(VERIFY_SCRIPT);

/** The strict policy of the public page: nothing but its own inline style and verification script. */
export const TRUST_CSP = [
  "default-src 'none'",
  `script-src ${SCRIPT_HASH}`,
  `style-src ${STYLE_HASH}`,
  "img-src 'none'",
  "connect-src 'none'",
  "base-uri 'none'",
  // The document request form posts to this site only.
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function contact(c: string): string {
  const href = c.startsWith('https://') ? c : `mailto:${c}`;
  return `<a href="${esc(href)}">${esc(c)}</a>`;
}

export type RequestFormState = { values: Record<string, string>; fieldErrors: Record<string, string[]>; message: string };

function fieldError(id: string, state: RequestFormState | undefined, key: string): { attrs: string; html: string } {
  const e = state?.fieldErrors[key]?.[0];
  return e ? { attrs: ` aria-invalid="true" aria-describedby="${id}-error"`, html: `<p class="err" id="${id}-error">${esc(e)}</p>` } : { attrs: '', html: '' };
}

/** The request form: plain HTML posting to /trust/<org>/request, so it works under the page's CSP without a script. */
export function renderRequestForm(s: TrustSnapshot, state?: RequestFormState): string {
  const docs = s.documents ?? [];
  const v = (k: string) => esc(state?.values[k] ?? '');
  const input = (key: string, label: string, type: string, autocomplete: string) => {
    const id = `rq-${key}`;
    const err = fieldError(id, state, key);
    return `<label for="${id}">${label}</label>${err.html}<input type="${type}" id="${id}" name="${key}" value="${v(key)}" autocomplete="${autocomplete}" required maxlength="${key === 'email' ? 254 : 200}"${err.attrs}>`;
  };
  const docErr = fieldError('rq-document', state, 'document');
  const options = docs.map((d) => `<option value="${esc(d.id)}"${state?.values.document === d.id ? ' selected' : ''}>${esc(d.title)}</option>`).join('');
  const ndaErr = fieldError('rq-nda', state, 'nda');
  const nda = s.nda
    ? `<h3 id="h-nda">Non-disclosure agreement (version ${s.nda.version})</h3>
<div class="nda" tabindex="0" role="region" aria-labelledby="h-nda"><pre>${esc(s.nda.text)}</pre></div>
<p>SHA-256 of this text: <code>${esc(s.nda.sha256)}</code></p>
<input type="hidden" name="ndaVersion" value="${s.nda.version}">${ndaErr.html}
<div class="check"><input type="checkbox" id="rq-nda" name="nda" value="on" required${ndaErr.attrs}><label for="rq-nda">I have read and accept the non-disclosure agreement (version ${s.nda.version})</label></div>`
    : '';
  return `<form method="post" action="/trust/${esc(s.slug)}/request" aria-labelledby="h-request">
<h3 id="h-request">Request a document</h3>
${state ? `<div class="alert" role="alert"><p>${esc(state.message)}</p></div>` : ''}
<p>Our compliance team reviews each request. If it is approved, you receive an e-mail with a link that downloads the document once, for a limited time.</p>
<label for="rq-document">Document</label>${docErr.html}<select id="rq-document" name="document" required${docErr.attrs}>${options}</select>
${input('name', 'Your name', 'text', 'name')}
${input('company', 'Company', 'text', 'organization')}
${input('email', 'Work e-mail address', 'email', 'email')}
${nda}
<button type="submit">Request the document</button>
</form>`;
}

function shell(s: TrustSnapshot, title: string, main: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><header><p>Trust centre</p><h1>${esc(s.orgName)}</h1><p>Published <time datetime="${esc(s.publishedAt)}">${day(s.publishedAt)}</time>.</p></header>
<main id="main">${main}</main>
<footer><p>This page shows only what ${esc(s.orgName)} chose to publish. <a href="/trust/${esc(s.slug)}">Back to the trust centre</a></p></footer>
${script}</body></html>`;
}

/** The answer to a request: the form again with what was typed and what is wrong, or a confirmation. */
export function renderRequestAnswer(s: TrustSnapshot, outcome: { ok: true; document: string } | ({ ok: false } & RequestFormState)): string {
  const main = outcome.ok
    ? `<section aria-labelledby="h-done"><h2 id="h-done">Request received</h2><div class="ok" role="status"><p>Thank you. Your request for “${esc(outcome.document)}” has been sent to our compliance team. If it is approved you will receive an e-mail with a single-use download link.</p></div></section>`
    : `<section aria-labelledby="h-docs"><h2 id="h-docs">Documents on request</h2>${renderRequestForm(s, outcome)}</section>`;
  return shell(s, `${s.orgName} trust centre: document request`, main);
}

/**
 * The whole public page, from the published snapshot only. A certification
 * that has expired since publication (by `today`, YYYY-MM-DD in UTC) is no
 * longer claimed: the page never shows a lapsed certificate as valid.
 */
export function renderTrustPage(s: TrustSnapshot, today = new Date().toISOString().slice(0, 10)): string {
  const parts: string[] = [];
  if (s.securityContact) {
    parts.push(`<section aria-labelledby="h-contact"><h2 id="h-contact">Security contact</h2><p>Report a vulnerability or a security concern to ${contact(s.securityContact)}.</p></section>`);
  }
  if (s.certifications) {
    const rows = s.certifications.filter((c) => day(c.expiresAt) >= today).map((c) => `<tr><td>${esc(c.name)}</td><td>${esc(c.standard)}</td><td>${esc(c.issuer)}</td><td><time datetime="${esc(c.issuedAt)}">${day(c.issuedAt)}</time></td><td><time datetime="${esc(c.expiresAt)}">${day(c.expiresAt)}</time></td></tr>`);
    parts.push(
      `<section aria-labelledby="h-certs"><h2 id="h-certs">Certifications</h2>${
        rows.length
          ? `<table><caption class="sr">Certifications currently valid</caption><thead><tr><th scope="col">Certification</th><th scope="col">Standard</th><th scope="col">Issuer</th><th scope="col">Issued</th><th scope="col">Valid until</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
          : '<p>No certification is currently valid.</p>'
      }</section>`,
    );
  }
  if (s.frameworks) {
    const rows = s.frameworks.map((f) => `<tr><td>${esc(f.name)}</td><td>${esc(TRUST_STATUS_LABELS[f.status])}</td></tr>`);
    parts.push(
      `<section aria-labelledby="h-fw"><h2 id="h-fw">Frameworks we report against</h2><p>The overall status of each framework as our compliance team assesses it.</p>${
        rows.length ? `<table><thead><tr><th scope="col">Framework</th><th scope="col">Status</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p>No framework is listed yet.</p>'
      }</section>`,
    );
  }
  if (s.policies) {
    const items = s.policies.map(
      (p, i) => `<article class="att" aria-labelledby="pol-${i}"><h3 id="pol-${i}">${esc(p.title)}</h3><p>${esc(p.category)} · version ${esc(p.version)}${p.publishedAt ? `, published <time datetime="${esc(p.publishedAt)}">${day(p.publishedAt)}</time>` : ''}</p><details><summary>Read the policy</summary><pre>${esc(p.body)}</pre></details></article>`,
    );
    parts.push(`<section aria-labelledby="h-pol"><h2 id="h-pol">Policies</h2>${items.length ? items.join('\n') : '<p>No policy is published here yet.</p>'}</section>`);
  }
  if (s.documents?.length) {
    const list = s.documents.map((d) => `<li><strong>${esc(d.title)}</strong>${d.description ? `: ${esc(d.description)}` : ''}</li>`).join('');
    parts.push(`<section aria-labelledby="h-docs"><h2 id="h-docs">Documents on request</h2><ul>${list}</ul>${renderRequestForm(s)}</section>`);
  }
  if (s.attestations) {
    const items = s.attestations.map((a, i) => {
      const approvals = a.approvals.length ? a.approvals.map((p) => `${esc(p.role)}: ${esc(p.name)} (<time datetime="${esc(p.at)}">${day(p.at)}</time>)`).join('; ') : 'none recorded';
      return `<article class="att" data-attestation aria-labelledby="att-${i}">
<h3 id="att-${i}">${esc(a.modelName)} <span>(${esc(a.model)})</span>, version ${esc(a.version)}</h3>
<p>Signature check in your browser: <output class="verdict" data-verdict data-state="pending" aria-live="polite">Checking…</output></p>
<dl><dt>Artifact digest (SHA-256)</dt><dd><code>${esc(a.digest ?? 'not recorded')}</code></dd><dt>Approvals</dt><dd>${approvals}</dd><dt>Signed</dt><dd><time datetime="${esc(a.signedAt)}">${day(a.signedAt)}</time></dd></dl>
<details><summary>Signed manifest, signature and openssl commands</summary>
<h4>Signed manifest (the exact bytes signed)</h4><pre data-manifest>${esc(a.manifest)}</pre>
<h4>Ed25519 signature (base64)</h4><pre data-signature>${esc(a.signature)}</pre>
<h4>Verify it yourself</h4><pre>${esc(openSslCommands(a, s.publicKey))}</pre>
</details></article>`;
    });
    parts.push(
      `<section aria-labelledby="h-att"><h2 id="h-att">Models in production</h2>
<p>Each model version in production carries an attestation signed with our Ed25519 key when it was approved. Your browser checks every signature below against the public key on this page; the result appears beside each model.</p>
<p id="verify-status" role="status"></p>
${items.length ? items.join('\n') : '<p>No model is in production with a published attestation.</p>'}
<h3>Public signing key</h3><pre id="public-key">${esc(s.publicKey.trim())}</pre>
<p>To verify without this page: copy a manifest and its signature, and run the openssl commands shown with it (OpenSSL 3). <code>Signature Verified Successfully</code> means the manifest is exactly what we signed.</p>
</section>`,
    );
  }
  return shell(s, `${s.orgName} trust centre`, parts.join('\n') || '<p>Nothing is published here yet.</p>', s.attestations?.length ? `<script>${VERIFY_SCRIPT}</script>` : '');
}
