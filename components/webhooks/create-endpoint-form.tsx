'use client';

import { useState } from 'react';
import { ActionForm, CheckboxGroup, RadioGroup, TextField, type FormHints } from '@/components/ui/form';
import { EVENT_TYPES, type EventType } from '@/lib/events/types';
import { createEndpointAction } from '@/lib/webhooks/actions';
import { PRESET_LABELS, type Preset } from '@/lib/webhooks/payload';
import { SecretOnce } from './secret-once';

export function CreateEndpointForm({ hints }: { hints: FormHints }) {
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <ActionForm
      action={createEndpointAction}
      hints={hints}
      label="Register a webhook endpoint"
      submit="Register endpoint"
      pendingText="Registering…"
      success="Endpoint registered."
      className="space-y-4"
      onResult={(result) => setSecret(result.ok ? result.data.secret : null)}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <TextField label="URL" name="url" type="url" placeholder="https://hooks.example.com/governance" hint="Private, loopback and link-local addresses are refused unless the host is on the allow-list below." />
        <TextField label="Description" name="description" placeholder="e.g. #ml-governance channel" />
      </div>
      <RadioGroup
        label="Format"
        name="preset"
        defaultValue="STANDARD"
        options={(Object.keys(PRESET_LABELS) as Preset[]).map((p) => ({ value: p, label: PRESET_LABELS[p] }))}
      />
      <CheckboxGroup
        label="Event types"
        name="eventTypes"
        options={(Object.keys(EVENT_TYPES) as EventType[]).map((t) => ({ value: t, label: <code className="text-xs">{t}</code>, description: EVENT_TYPES[t] }))}
      />
      {secret ? <SecretOnce secret={secret} note="Receivers verify the webhook-signature header with it (Standard Webhooks)." /> : null}
    </ActionForm>
  );
}
