'use client';

import { useState } from 'react';
import { ActionForm } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { rotateTokenAction } from '@/lib/tokens/actions';

/** A new secret for the token, shown once; the old one keeps working until the grace period ends. */
export function RotateTokenForm({ id, name }: { id: string; name: string }) {
  const [issued, setIssued] = useState<{ secret: string; previousValidUntil: string } | null>(null);
  return (
    <ActionForm
      action={rotateTokenAction}
      fields={{ id }}
      label={`Rotate ${name}`}
      submit="Rotate"
      variant="secondary"
      submitClassName="px-2 py-1 text-xs"
      pendingText="Rotating…"
      className="space-y-2"
      onResult={(r) => setIssued(r.ok ? { secret: r.data.secret, previousValidUntil: r.data.previousValidUntil } : null)}
    >
      {issued ? (
        <div className="max-w-sm rounded-md border border-amber-300 bg-amber-50 p-2 text-xs">
          <p className="font-medium">Copy the new secret now; it will not be shown again. The old one works until <LocalTime iso={issued.previousValidUntil} />.</p>
          <code className="mt-1 block break-all" data-testid="rotated-token-secret">
            {issued.secret}
          </code>
        </div>
      ) : null}
    </ActionForm>
  );
}
