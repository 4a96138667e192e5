'use client';

import { useEffect } from 'react';
import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/error-digest';

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  const databaseAway = error.digest === DATABASE_UNAVAILABLE_DIGEST;
  // The root layout itself failed: only a full reload can retry it.
  useEffect(() => {
    if (!databaseAway) return;
    const timer = setTimeout(() => window.location.reload(), 5_000);
    return () => clearTimeout(timer);
  }, [databaseAway]);
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: '4rem', textAlign: 'center' }}>
        {databaseAway ? (
          <main role="alert">
            <h1>The database is unavailable; retrying</h1>
            <p>The portal cannot reach its database at the moment. This page reloads every 5 seconds; nothing you saved before has been lost.</p>
          </main>
        ) : (
          <>
            <h1>The portal could not load</h1>
            <p>The problem has been logged{error.digest ? ` (reference ${error.digest})` : ''}. Reload the page in a moment.</p>
          </>
        )}
      </body>
    </html>
  );
}
