import { z } from 'zod';

// The environment is read once, here, and validated. Production refuses to
// start without its secrets; demo/dev/test get them from the launcher.
const boolish = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');
/** Like boolish, but absent or empty means true. */
const boolishOn = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === undefined || v === '' || v === 'true' || v === '1');

// The one definition of EVIDENCE_MAX_MB, shared by the whole environment and
// by uploadMaxBytes() (which next.config.ts reads before the rest exists).
const evidenceMaxMb = z.coerce.number('EVIDENCE_MAX_MB must be a number of megabytes').positive('EVIDENCE_MAX_MB must be above 0').max(2048, 'EVIDENCE_MAX_MB is at most 2048').default(25);

const S3_REQUIRED = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z.string().min(1, 'DATABASE_URL is required (the launcher sets it for the embedded database)'),
    NEXTAUTH_SECRET: z.string().optional(),
    NEXTAUTH_URL: z.url().optional(),
    DEMO_MODE: boolish,
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(480),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_NAME: z.string().default('Company SSO'),
    SIGNING_PRIVATE_KEY: z.string().optional(),
    // The portal key that wraps each data subject's key in the decision log
    // (32 bytes, base64). Without it the key is derived from NEXTAUTH_SECRET.
    DATA_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'DATA_ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)')
      .optional(),
    // How many reverse proxies in front of the portal append to X-Forwarded-For
    // (0: none, the socket's peer is the client).
    TRUST_PROXY_HOPS: z.coerce.number().int('TRUST_PROXY_HOPS must be a whole number of proxies').min(0).max(10).default(0),
    TRUST_PROXY: z.string().optional(),
    // false when separate `npm run worker` processes run the job queue.
    JOBS_IN_PROCESS: boolishOn,
    // Evidence storage (docs/audits.md): local disk by default, or any S3-compatible store.
    EVIDENCE_STORAGE: z.enum(['local', 's3'], 'EVIDENCE_STORAGE must be "local" or "s3"').default('local'),
    EVIDENCE_DIR: z.string().min(1).optional(),
    EVIDENCE_MAX_MB: evidenceMaxMb,
    EVIDENCE_ALLOWED_TYPES: z.string().optional(),
    S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'S3_ENDPOINT must be an http(s) URL' }).optional(),
    S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'S3_BUCKET must be a valid bucket name (3-63 lower-case letters, digits, dots, hyphens)').optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: boolishOn,
    // Outgoing mail (lib/notifications/mail). Without SMTP_URL, demo mode and
    // tests deliver to an SMTP server started in-process on loopback.
    SMTP_URL: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.url().refine((u) => /^smtps?:\/\//.test(u), 'SMTP_URL must start with smtp:// or smtps://').optional(),
    ),
    MAIL_FROM: z.string().min(3).default('AI Governance Portal <no-reply@localhost>'),
    // The address people open the portal at, for links in e-mails (defaults to NEXTAUTH_URL).
    PUBLIC_URL: z.url().optional(),
    // The API token `npm run mcp` acts as (docs/mcp.md); the HTTP endpoint takes it as a bearer instead.
    // Requests per minute one client address may make to the public trust centre (docs/trust-centre.md).
    TRUST_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
    PORTAL_API_TOKEN: z.string().startsWith('agp_', 'PORTAL_API_TOKEN must be a portal API token (it starts with agp_)').optional(),
  })
  .superRefine((env, ctx) => {
    const secret = env.NEXTAUTH_SECRET;
    if (env.NODE_ENV === 'production' && (!secret || secret.length < 32)) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEXTAUTH_SECRET'],
        message: 'NEXTAUTH_SECRET must be set to a random value of at least 32 characters in production',
      });
    }
    if (env.TRUST_PROXY !== undefined && env.TRUST_PROXY !== '') {
      ctx.addIssue({
        code: 'custom',
        path: ['TRUST_PROXY'],
        message: 'TRUST_PROXY is no longer read (it trusted the client-controlled first X-Forwarded-For entry): set TRUST_PROXY_HOPS to the number of proxies in front of the portal instead',
      });
    }
    if (env.EVIDENCE_STORAGE === 's3') {
      for (const key of S3_REQUIRED) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required when EVIDENCE_STORAGE=s3` });
      }
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message: 'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || 'env'}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function env(): Env {
  cached ??= readEnv();
  return cached;
}

/** The secret next-auth signs its cookies with. Outside production a stable
 *  development value keeps `next dev` usable without setup. */
export function authSecret(): string {
  const e = env();
  return e.NEXTAUTH_SECRET ?? 'development-only-secret-not-for-production-use';
}

/** The base of links in e-mails: PUBLIC_URL, else NEXTAUTH_URL, else the local default. */
export function publicBaseUrl(): string {
  const e = env();
  return (e.PUBLIC_URL ?? e.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
}

export function oidcConfigured(): boolean {
  const e = env();
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}

const uploadLimitSchema = z.object({ EVIDENCE_MAX_MB: evidenceMaxMb });

/**
 * EVIDENCE_MAX_MB in bytes: the largest upload, end to end. Readable on its
 * own because next.config.ts sizes the proxy's request-body buffer from it
 * before the rest of the environment exists (at build time).
 */
export function uploadMaxBytes(source: Record<string, string | undefined> = process.env): number {
  const parsed = uploadLimitSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid environment: EVIDENCE_MAX_MB: ${parsed.error.issues[0]?.message}`);
  return megabytes(parsed.data.EVIDENCE_MAX_MB);
}

export const megabytes = (mb: number) => Math.round(mb * 1024 * 1024);
