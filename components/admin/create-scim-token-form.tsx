'use client';

import { useState } from 'react';
import { ActionForm, TextField, type FormHints } from '@/components/ui/form';
import { createScimTokenAction } from '@/lib/scim/actions';

export function CreateScimTokenForm({ hints }: { hints: FormHints }) {
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <ActionForm
      action={createScimTokenAction}
      hints={hints}
      label="Create a SCIM token"
      submit="Create SCIM token"
      pendingText="Creating…"
      success="SCIM token created."
      className="space-y-4"
      onResult={(result) => setSecret(result.ok ? result.data.secret : null)}
    >
      <TextField label="Name" name="name" placeholder="e.g. Okta" />
      {secret ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">Copy the token into your identity provider now. It will not be shown again.</p>
          <code className="mt-1 block break-all" data-testid="new-scim-token-secret">
            {secret}
          </code>
        </div>
      ) : null}
    </ActionForm>
  );
}
