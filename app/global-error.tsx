'use client';

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: '4rem', textAlign: 'center' }}>
        <h1>The portal could not load</h1>
        <p>The problem has been logged{error.digest ? ` (reference ${error.digest})` : ''}. Reload the page in a moment.</p>
      </body>
    </html>
  );
}
