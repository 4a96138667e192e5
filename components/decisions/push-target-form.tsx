'use client';

import { useRef } from 'react';
import { ActionForm, CheckboxField, TextField, type FormHints } from '@/components/ui/form';
import { savePushTargetAction } from '@/lib/decisions/actions';

type Current = { endpoint: string; region: string; bucket: string; prefix: string; pathStyle: boolean; accessKeyId: string; secretSet: boolean } | null;

/**
 * The bucket settings. A refusal keeps what was typed, except the secret:
 * it is cleared after every answer, so it never stays in the page.
 */
export function PushTargetForm({ current, hints }: { current: Current; hints: FormHints }) {
  const box = useRef<HTMLDivElement>(null);
  const clearSecret = () => {
    const input = box.current?.querySelector<HTMLInputElement>('input[name="secretAccessKey"]');
    if (input) input.value = '';
  };
  return (
    <ActionForm action={savePushTargetAction} hints={hints} label="Checkpoint bucket" submit="Save bucket" resetOnSuccess={false} onResult={clearSecret}>
      <div ref={box} className="grid gap-4 md:grid-cols-2">
        <TextField name="endpoint" label="Endpoint URL" defaultValue={current?.endpoint ?? ''} inputMode="url" hint="For example https://s3.eu-west-1.amazonaws.com, or your MinIO, R2 or Ceph endpoint. No path." />
        <TextField name="region" label="Region" defaultValue={current?.region ?? 'us-east-1'} hint="Signed into every request (SigV4); us-east-1 for most S3-compatible stores." />
        <TextField name="bucket" label="Bucket" defaultValue={current?.bucket ?? ''} />
        <TextField name="prefix" label="Key prefix" defaultValue={current?.prefix ?? ''} hint="Optional folder, e.g. portal/prod. Objects go to <prefix>/<organisation>/checkpoints/<tree size>.json." />
        <TextField name="accessKeyId" label="Access key id" defaultValue={current?.accessKeyId ?? ''} autoComplete="off" />
        <TextField
          name="secretAccessKey"
          type="password"
          label="Secret access key"
          autoComplete="new-password"
          required={!current?.secretSet}
          hint={current?.secretSet ? 'A secret is stored (encrypted, never shown). Leave blank to keep it.' : 'Stored encrypted and never shown again.'}
        />
        <CheckboxField name="pathStyle" label="Path-style addressing (endpoint/bucket/key; MinIO and most self-hosted stores)" defaultChecked={current?.pathStyle ?? false} value="on" />
      </div>
    </ActionForm>
  );
}
