import { EXPIRY_WARNING_DAYS } from './schema';

export type ExpiryState = 'valid' | 'expiring' | 'expired' | 'no-expiry';

/** How an expiry date reads today (computed; the expiry job writes the warnings). */
export function expiryState(expiresAt: Date | null, now = new Date()): ExpiryState {
  if (!expiresAt) return 'no-expiry';
  const ms = expiresAt.getTime() - now.getTime();
  if (ms <= 0) return 'expired';
  return ms <= EXPIRY_WARNING_DAYS * 86_400_000 ? 'expiring' : 'valid';
}

export function addMonths(d: Date, months: number): Date {
  const out = new Date(d);
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
}

export const asDate = (d: string) => new Date(`${d}T00:00:00.000Z`);
