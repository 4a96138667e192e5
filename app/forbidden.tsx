import Link from 'next/link';

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center" data-testid="forbidden">
      <p className="text-sm font-semibold text-red-700">403 · Not allowed</p>
      <h1 className="mt-2">You do not have access to this page</h1>
      <p className="mt-3 text-slate-700">Your role does not include this part of the portal. If you need it, ask an administrator to change your role.</p>
      <p className="mt-6">
        <Link href="/">Back to your home page</Link>
      </p>
    </div>
  );
}
