import 'server-only';
import { env } from '@/lib/env';

/** True when mail goes to the in-process capture server: no SMTP_URL, in demo mode or tests. */
export function capturesMail(): boolean {
  const e = env();
  return !e.SMTP_URL && (e.DEMO_MODE || e.NODE_ENV === 'test' || process.env.VITEST === 'true');
}

export function deliveryMode(): 'smtp' | 'capture' | 'none' {
  return env().SMTP_URL ? 'smtp' : capturesMail() ? 'capture' : 'none';
}
