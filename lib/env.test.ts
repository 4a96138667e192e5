import { describe, expect, it } from 'vitest';
import { readEnv } from './env';

const base = { NODE_ENV: 'development', DATABASE_URL: 'postgresql://localhost/x' } as NodeJS.ProcessEnv;

describe('environment validation', () => {
  it('refuses to start in production without a secret', () => {
    expect(() => readEnv({ ...base, NODE_ENV: 'production' })).toThrow(/NEXTAUTH_SECRET must be set/);
    expect(() => readEnv({ ...base, NODE_ENV: 'production', NEXTAUTH_SECRET: 'too-short' })).toThrow(/at least 32/);
  });

  it('accepts production with a long secret', () => {
    const env = readEnv({ ...base, NODE_ENV: 'production', NEXTAUTH_SECRET: 'x'.repeat(40) });
    expect(env.SESSION_IDLE_MINUTES).toBe(480);
  });

  it('requires the database URL', () => {
    expect(() => readEnv({ NODE_ENV: 'development' } as NodeJS.ProcessEnv)).toThrow(/DATABASE_URL/);
  });

  it('requires the OIDC settings together', () => {
    expect(() => readEnv({ ...base, OIDC_ISSUER: 'https://id.example.com' })).toThrow(/must be set together/);
  });

  it('reads the inactivity timeout and demo mode', () => {
    const env = readEnv({ ...base, SESSION_IDLE_MINUTES: '30', DEMO_MODE: 'true' });
    expect(env.SESSION_IDLE_MINUTES).toBe(30);
    expect(env.DEMO_MODE).toBe(true);
  });

  it('runs the job queue in the app process unless JOBS_IN_PROCESS turns it off', () => {
    expect(readEnv(base).JOBS_IN_PROCESS).toBe(true);
    expect(readEnv({ ...base, JOBS_IN_PROCESS: '' }).JOBS_IN_PROCESS).toBe(true);
    expect(readEnv({ ...base, JOBS_IN_PROCESS: 'false' }).JOBS_IN_PROCESS).toBe(false);
    expect(readEnv({ ...base, JOBS_IN_PROCESS: '0' }).JOBS_IN_PROCESS).toBe(false);
    expect(() => readEnv({ ...base, JOBS_IN_PROCESS: 'maybe' })).toThrow(/JOBS_IN_PROCESS/);
  });
});

describe('trusted proxy hops', () => {
  it('defaults to none and accepts a small whole number', () => {
    expect(readEnv(base).TRUST_PROXY_HOPS).toBe(0);
    expect(readEnv({ ...base, TRUST_PROXY_HOPS: '2' }).TRUST_PROXY_HOPS).toBe(2);
  });

  it('refuses nonsense and the old TRUST_PROXY switch', () => {
    expect(() => readEnv({ ...base, TRUST_PROXY_HOPS: '-1' })).toThrow(/TRUST_PROXY_HOPS/);
    expect(() => readEnv({ ...base, TRUST_PROXY_HOPS: 'yes' })).toThrow(/TRUST_PROXY_HOPS/);
    expect(() => readEnv({ ...base, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY_HOPS/);
  });
});

describe('evidence storage settings', () => {
  it('defaults to local disk with a 25 MB limit', () => {
    const env = readEnv(base);
    expect(env.EVIDENCE_STORAGE).toBe('local');
    expect(env.EVIDENCE_MAX_MB).toBe(25);
    expect(env.S3_FORCE_PATH_STYLE).toBe(true);
  });

  it('refuses S3 storage at start when a key is missing, naming each one', () => {
    const s3 = { ...base, EVIDENCE_STORAGE: 's3', S3_ENDPOINT: 'https://s3.example.com', S3_BUCKET: 'evidence', S3_ACCESS_KEY_ID: 'AKIA' };
    expect(() => readEnv(s3)).toThrow(/S3_SECRET_ACCESS_KEY: S3_SECRET_ACCESS_KEY is required when EVIDENCE_STORAGE=s3/);
    let message = '';
    try {
      readEnv({ ...base, EVIDENCE_STORAGE: 's3' });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const key of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) expect(message).toContain(`${key} is required`);
    const env = readEnv({ ...s3, S3_SECRET_ACCESS_KEY: 'secret', S3_FORCE_PATH_STYLE: 'false' });
    expect(env.S3_FORCE_PATH_STYLE).toBe(false);
  });

  it('refuses malformed storage settings', () => {
    expect(() => readEnv({ ...base, EVIDENCE_STORAGE: 'ftp' })).toThrow(/EVIDENCE_STORAGE must be "local" or "s3"/);
    expect(() => readEnv({ ...base, EVIDENCE_MAX_MB: '0' })).toThrow(/EVIDENCE_MAX_MB/);
    expect(() => readEnv({ ...base, EVIDENCE_MAX_MB: 'lots' })).toThrow(/EVIDENCE_MAX_MB must be a number/);
    expect(() => readEnv({ ...base, S3_ENDPOINT: 'ftp://s3.example.com' })).toThrow(/S3_ENDPOINT must be an http\(s\) URL/);
    expect(() => readEnv({ ...base, S3_BUCKET: 'No_Such Bucket' })).toThrow(/S3_BUCKET must be a valid bucket name/);
  });

  it('the evidence module reads its settings from the validated environment only', async () => {
    const { evidenceConfigFrom } = await import('./audits/evidence/config');
    const cfg = evidenceConfigFrom(readEnv({ ...base, EVIDENCE_MAX_MB: '2', EVIDENCE_DIR: '/tmp/ev', EVIDENCE_ALLOWED_TYPES: 'application/pdf, text/plain' }));
    expect(cfg).toMatchObject({ driver: 'local', dir: '/tmp/ev', maxBytes: 2 * 1024 * 1024, allowedTypes: ['application/pdf', 'text/plain'] });
  });
});
