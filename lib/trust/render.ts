import { openSslCommands } from './openssl';
import { TRUST_STATUS_LABELS, type TrustSnapshot } from './schema';
import { cspHash, VERIFY_SCRIPT } from './verify-script';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const day = (iso: string) => iso.slice(0, 10);

// Print-friendly, high-contrast, no external resources (the CSP allows none).
const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#0f172a;background:#f8fafc;margin:0;line-height:1.5}
header,main,footer{max-width:60rem;margin:0 auto;padding:1rem 1.5rem}
header{border-bottom:1px solid #cbd5e1}
h1{font-size:1.75rem;margin:.5rem 0}h2{font-size:1.3rem;margin-top:2rem}h3{font-size:1.05rem;margin:.25rem 0}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #cbd5e1;padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:#e2e8f0}
.att{background:#fff;border:1px solid #cbd5e1;border-radius:.4rem;padding:1rem;margin:1rem 0}
.verdict{font-weight:700}.verdict[data-state=verified]{color:#166534}.verdict[data-state=failed]{color:#991b1b}
pre{white-space:pre-wrap;word-break:break-all;background:#f1f5f9;border:1px solid #cbd5e1;padding:.5rem;font-size:.8rem}
a{color:#1d4ed8}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
@media print{body{background:#fff}details{display:block}details>*{display:block}summary{font-weight:700}.att{break-inside:avoid}}
`;

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
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function contact(c: string): string {
  const href = c.startsWith('https://') ? c : `mailto:${c}`;
  return `<a href="${esc(href)}">${esc(c)}</a>`;
}

/** The whole public page, from the published snapshot only. */
export function renderTrustPage(s: TrustSnapshot): string {
  const parts: string[] = [];
  if (s.securityContact) {
    parts.push(`<section aria-labelledby="h-contact"><h2 id="h-contact">Security contact</h2><p>Report a vulnerability or a security concern to ${contact(s.securityContact)}.</p></section>`);
  }
  if (s.certifications) {
    const rows = s.certifications.map((c) => `<tr><td>${esc(c.name)}</td><td>${esc(c.standard)}</td><td>${esc(c.issuer)}</td><td><time datetime="${esc(c.issuedAt)}">${day(c.issuedAt)}</time></td><td><time datetime="${esc(c.expiresAt)}">${day(c.expiresAt)}</time></td></tr>`);
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
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(s.orgName)} trust centre</title><style>${STYLE}</style></head>
<body><header><p>Trust centre</p><h1>${esc(s.orgName)}</h1><p>Published <time datetime="${esc(s.publishedAt)}">${day(s.publishedAt)}</time>.</p></header>
<main id="main">${parts.join('\n') || '<p>Nothing is published here yet.</p>'}</main>
<footer><p>This page shows only what ${esc(s.orgName)} chose to publish.</p></footer>
${s.attestations?.length ? `<script>${VERIFY_SCRIPT}</script>` : ''}</body></html>`;
}
