'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { startTransition, useCallback } from 'react';
import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/error-digest';
import { DatabaseUnavailable } from './database-unavailable';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  // Re-render on the server (refresh) and clear the boundary together.
  const retry = useCallback(() => startTransition(() => {
    router.refresh();
    reset();
  }), [router, reset]);
  if (error.digest === DATABASE_UNAVAILABLE_DIGEST) return <DatabaseUnavailable retry={retry} />;
  return (
    <div className="mx-auto max-w-xl py-16 text-center" role="alert">
      <p className="text-sm font-semibold text-red-700">Something went wrong</p>
      <h1 className="mt-2">The page could not be shown</h1>
      <p className="mt-3 text-slate-700">The problem has been logged{error.digest ? ` (reference ${error.digest})` : ''}. Try again, or go back to your home page.</p>
      <div className="mt-6 flex justify-center gap-4">
        <button type="button" onClick={reset} className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white">
          Try again
        </button>
        <Link href="/">Home</Link>
      </div>
    </div>
  );
}
