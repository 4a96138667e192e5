
/**
 * The browser's half of the trust centre: checks each attestation's Ed25519
 * signature with WebCrypto against the published public key and writes the
 * verdict beside it. Plain ES5-ish text with no dependencies, so the page's
 * CSP can allow exactly this script by its hash. Written as a function body
 * taking `document` and `crypto`, so the test runs the very same text.
 */
export const VERIFY_BODY = `
var status = document.getElementById('verify-status');
function bytes(b64) {
  var bin = atob(b64.replace(/\\s+/g, ''));
  var out = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
var pem = document.getElementById('public-key').textContent;
var der = bytes(pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, ''));
var items = Array.prototype.slice.call(document.querySelectorAll('[data-attestation]'));
function mark(el, state, text) {
  var out = el.querySelector('[data-verdict]');
  out.textContent = text;
  out.setAttribute('data-state', state);
}
return crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, ['verify']).then(function (key) {
  return Promise.all(items.map(function (el) {
    var manifest = el.querySelector('[data-manifest]').textContent;
    var signature = el.querySelector('[data-signature]').textContent;
    return crypto.subtle.verify({ name: 'Ed25519' }, key, bytes(signature), new TextEncoder().encode(manifest))
      .catch(function () { return false; })
      .then(function (ok) { mark(el, ok ? 'verified' : 'failed', ok ? 'Verified' : 'Not verified'); return ok; });
  }));
}).then(function (results) {
  var good = results.filter(Boolean).length;
  if (status) status.textContent = 'Checked in your browser: ' + good + ' of ' + results.length + ' signature(s) verified.';
  return results;
}, function () {
  items.forEach(function (el) { mark(el, 'unsupported', 'Cannot verify in this browser (no Ed25519 in WebCrypto); use the openssl commands'); });
  if (status) status.textContent = 'This browser cannot check Ed25519 signatures; use the openssl commands below.';
  return items.map(function () { return false; });
});
`;

export const VERIFY_SCRIPT = `(function () {${VERIFY_BODY}})();`;

export { cspHash } from '@/lib/public-page';
