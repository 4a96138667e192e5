import { createHash } from 'node:crypto';

// What the portal's public pages (the trust centre, the data-subject request
// form) share: one stylesheet, inlined and allowed by its hash under a CSP
// that allows nothing else.

export const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

// Print-friendly, high-contrast, no external resources (the CSP allows none).
export const PUBLIC_PAGE_STYLE = `
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
label{display:block;font-weight:600;margin-top:.75rem}input,select,button{font:inherit}
input[type=text],input[type=email],select{width:100%;max-width:30rem;padding:.4rem;border:1px solid #475569;border-radius:.25rem;background:#fff}
.check{display:flex;gap:.5rem;align-items:flex-start;margin-top:.75rem}.check label{margin:0;font-weight:400}
button{margin-top:1rem;padding:.5rem 1rem;border:0;border-radius:.25rem;background:#1d4ed8;color:#fff;font-weight:600;cursor:pointer}
.err{color:#991b1b;font-weight:600;margin:.25rem 0}.alert{border:2px solid #991b1b;background:#fef2f2;padding:.75rem}.ok{border:2px solid #166534;background:#f0fdf4;padding:.75rem}
.nda{max-height:16rem;overflow:auto}
textarea{font:inherit;width:100%;max-width:30rem;padding:.4rem;border:1px solid #475569;border-radius:.25rem;background:#fff}
@media print{form{display:none}body{background:#fff}details{display:block}details>*{display:block}details::details-content{display:block;content-visibility:visible}summary{font-weight:700}.att{break-inside:avoid}}
`;

export const PUBLIC_PAGE_STYLE_HASH = cspHash(PUBLIC_PAGE_STYLE);
