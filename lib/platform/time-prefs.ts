import 'server-only';
import { cookies, headers } from 'next/headers';
import { resolveTimePrefs, TIME_ZONE_COOKIE, type TimePrefs } from '@/lib/format';

/** This request's reader: their language (Accept-Language) and time zone (the cookie their browser set). */
export async function requestTimePrefs(): Promise<TimePrefs> {
  const [h, jar] = await Promise.all([headers(), cookies()]);
  return resolveTimePrefs(h.get('accept-language'), jar.get(TIME_ZONE_COOKIE)?.value);
}
