import type { Metadata, Viewport } from 'next';
import { TimePrefsProvider } from '@/components/ui/time-prefs';
import { requestTimePrefs } from '@/lib/platform/time-prefs';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'AI Governance Portal', template: '%s · AI Governance Portal' },
  description: 'Requirements, models, audits and incidents for AI compliance in one place.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const prefs = await requestTimePrefs();
  return (
    <html lang="en">
      <body>
        <TimePrefsProvider prefs={prefs}>{children}</TimePrefsProvider>
      </body>
    </html>
  );
}
