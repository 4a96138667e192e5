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
