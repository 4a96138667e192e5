'use client';

import { useEffect } from 'react';

const RETRY_SECONDS = 5;

/** Shown by the error boundaries when a page failed because the database is away; it retries by itself. */
export function DatabaseUnavailable({ retry }: { retry: () => void }) {
  useEffect(() => {
    const timer = setTimeout(retry, RETRY_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [retry]);
  return (
    <div className="mx-auto max-w-xl py-16 text-center" role="alert">
      <p className="text-sm font-semibold text-amber-800">Temporarily unavailable</p>
      <h1 className="mt-2">The database is unavailable; retrying</h1>
      <p className="mt-3 text-slate-700">The portal cannot reach its database at the moment. This page tries again every {RETRY_SECONDS} seconds; nothing you saved before has been lost.</p>
    </div>
  );
}
