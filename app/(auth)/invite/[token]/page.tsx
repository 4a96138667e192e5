import type { Metadata } from 'next';
import Link from 'next/link';
import { AcceptInviteForm } from '@/components/auth/accept-invite-form';
import { findInvite } from '@/lib/users/queries';

export const metadata: Metadata = { title: 'Set your password' };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findInvite(token);
  if (!invite) {
    return (
      <>
        <h1 className="mb-2 text-xl">Invitation not valid</h1>
        <p className="text-sm text-slate-700">This invitation link is invalid or has expired. Ask an administrator for a new one.</p>
        <p className="mt-4 text-sm">
          <Link href="/sign-in">Go to sign-in</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-1 text-xl">Welcome, {invite.name}</h1>
      <p className="mb-6 text-sm text-slate-600">Choose a password for {invite.email}.</p>
      <AcceptInviteForm token={token} />
    </>
  );
}
