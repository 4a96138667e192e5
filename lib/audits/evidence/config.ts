import path from 'node:path';
import { env, megabytes, type Env } from '@/lib/env';
import { DEFAULT_ALLOWED_TYPES } from './file-type';

// Evidence storage settings, derived from the one validated environment
// (lib/env.ts declares and checks every variable, S3 keys included, at start).

export type S3Config = { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string; pathStyle: boolean };

export type EvidenceConfig = {
  driver: 'local' | 's3';
  dir: string;
  maxBytes: number;
  allowedTypes: string[];
  s3?: S3Config;
};

export function evidenceConfigFrom(e: Env): EvidenceConfig {
  return {
    driver: e.EVIDENCE_STORAGE,
    // Outside public/: nothing here is ever served except through the download route.
    dir: path.resolve(e.EVIDENCE_DIR ?? path.join(process.cwd(), '.data', 'evidence')),
    maxBytes: megabytes(e.EVIDENCE_MAX_MB),
    allowedTypes: e.EVIDENCE_ALLOWED_TYPES ? e.EVIDENCE_ALLOWED_TYPES.split(',').map((s) => s.trim()).filter(Boolean) : DEFAULT_ALLOWED_TYPES,
    s3:
      e.EVIDENCE_STORAGE === 's3'
        ? { endpoint: e.S3_ENDPOINT!, bucket: e.S3_BUCKET!, region: e.S3_REGION, accessKeyId: e.S3_ACCESS_KEY_ID!, secretAccessKey: e.S3_SECRET_ACCESS_KEY!, pathStyle: e.S3_FORCE_PATH_STYLE }
        : undefined,
  };
}

let cached: EvidenceConfig | undefined;

export function evidenceConfig(): EvidenceConfig {
  cached ??= evidenceConfigFrom(env());
  return cached;
}
