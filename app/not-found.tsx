import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold text-slate-600">404 · Not found</p>
      <h1 className="mt-2">This page does not exist</h1>
      <p className="mt-3 text-slate-700">The link may be old, or the item may have been removed.</p>
      <p className="mt-6">
        <Link href="/">Back to your home page</Link>
      </p>
    </div>
  );
}
