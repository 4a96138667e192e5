/** Single-quoted for a POSIX shell: the text exactly, whatever it contains. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The "verify it yourself" commands for one attestation: write the exact
 * signed bytes, the signature and the key to files and let openssl check the
 * Ed25519 signature (OpenSSL 3, `pkeyutl -rawin`). Tested by running them.
 */
export function openSslCommands(a: { manifest: string; signature: string }, publicKeyPem: string): string {
  return [
    `printf '%s' ${shellQuote(a.manifest)} > manifest.json`,
    `printf '%s' ${shellQuote(a.signature)} | openssl base64 -d -A > signature.bin`,
    `printf '%s\\n' ${shellQuote(publicKeyPem.trim())} > signing-key.pem`,
    'openssl pkeyutl -verify -pubin -inkey signing-key.pem -rawin -in manifest.json -sigfile signature.bin',
  ].join('\n');
}
