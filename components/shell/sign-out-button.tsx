'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: '/sign-in' });
      }}
      className="w-full rounded-md px-3 py-2 text-left text-sm text-slate-200 hover:bg-slate-700"
    >
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
