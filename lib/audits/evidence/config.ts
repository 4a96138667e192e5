import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_ALLOWED_TYPES } from './file-type';

// Evidence storage settings, read once from the environment and validated.
const schema = z
  .object({
    EVIDENCE_STORAGE: z.enum(['local', 's3']).default('local'),
    EVIDENCE_DIR: z.string().optional(),
    EVIDENCE_MAX_MB: z.coerce.number().positive().max(2048).default(25),
    EVIDENCE_ALLOWED_TYPES: z.string().optional(),
    S3_ENDPOINT: z.url().optional(),
    S3_BUCKET: z.string().optional(),
    S3_REGION: z.string().default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  })
  .superRefine((e, ctx) => {
    if (e.EVIDENCE_STORAGE === 's3' && !(e.S3_ENDPOINT && e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['S3_ENDPOINT'], message: 'EVIDENCE_STORAGE=s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY' });
    }
  });

export type EvidenceConfig = {
  driver: 'local' | 's3';
  dir: string;
  maxBytes: number;
  allowedTypes: string[];
  s3?: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string; pathStyle: boolean };
};

let cached: EvidenceConfig | undefined;

export function readEvidenceConfig(source: NodeJS.ProcessEnv = process.env): EvidenceConfig {
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid evidence storage settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const e = parsed.data;
  return {
    driver: e.EVIDENCE_STORAGE,
    // Outside public/: nothing here is ever served except through the download route.
    dir: path.resolve(e.EVIDENCE_DIR ?? path.join(process.cwd(), '.data', 'evidence')),
    maxBytes: Math.round(e.EVIDENCE_MAX_MB * 1024 * 1024),
    allowedTypes: e.EVIDENCE_ALLOWED_TYPES ? e.EVIDENCE_ALLOWED_TYPES.split(',').map((s) => s.trim()).filter(Boolean) : DEFAULT_ALLOWED_TYPES,
    s3:
      e.EVIDENCE_STORAGE === 's3'
        ? { endpoint: e.S3_ENDPOINT!, bucket: e.S3_BUCKET!, region: e.S3_REGION, accessKeyId: e.S3_ACCESS_KEY_ID!, secretAccessKey: e.S3_SECRET_ACCESS_KEY!, pathStyle: e.S3_FORCE_PATH_STYLE === 'true' }
        : undefined,
  };
}

export function evidenceConfig(): EvidenceConfig {
  cached ??= readEvidenceConfig();
  return cached;
}
