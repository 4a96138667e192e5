'use client';

import { useRouter } from 'next/navigation';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { DEFAULT_TIME_PREFS, TIME_ZONE_COOKIE, type TimePrefs } from '@/lib/format';

const TimePrefsContext = createContext<TimePrefs>(DEFAULT_TIME_PREFS);

/** The reader's locale and zone, as the server read them, for every LocalTime below. */
export function useTimePrefs(): TimePrefs {
  return useContext(TimePrefsContext);
}

/**
 * Server and browser render times with the same preferences, so hydration
 * never changes a date. When the browser's zone differs from what the server
 * used (the first visit, or after travelling), it stores its zone in a cookie
 * and asks for the page again; the server then renders local time.
 */
export function TimePrefsProvider({ prefs, children }: { prefs: TimePrefs; children: ReactNode }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === prefs.timeZone) return;
    const secure = location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
    router.refresh();
  }, [prefs.timeZone, router]);
  return <TimePrefsContext.Provider value={prefs}>{children}</TimePrefsContext.Provider>;
}
