'use client';

import { useState } from 'react';
import { ActionForm, TextField, type FormHints } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { rotateSecretAction } from '@/lib/webhooks/actions';
import { SecretOnce } from './secret-once';

export function RotateSecretForm({ id, hints }: { id: string; hints: FormHints }) {
  const [rotated, setRotated] = useState<{ secret: string; previousSecretExpiresAt: string | null } | null>(null);
  return (
    <ActionForm
      action={rotateSecretAction}
      hints={hints}
      label="Rotate the signing secret"
      fields={{ id }}
      submit="Rotate secret"
      pendingText="Rotating…"
      success="Secret rotated."
      variant="secondary"
      className="space-y-3"
      onResult={(result) => setRotated(result.ok ? result.data : null)}
    >
      <TextField label="Overlap (hours)" name="overlapHours" type="number" defaultValue={24} hint="The old secret keeps signing beside the new one for this long (0–168)." />
      {rotated ? (
        <>
          <SecretOnce secret={rotated.secret} />
          {rotated.previousSecretExpiresAt ? (
            <p className="text-sm">Both secrets sign until <LocalTime iso={rotated.previousSecretExpiresAt} />.</p>
          ) : null}
        </>
      ) : null}
    </ActionForm>
  );
}
