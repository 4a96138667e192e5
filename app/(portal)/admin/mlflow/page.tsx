import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxField, Combobox, PersonPicker, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { saveMlflowConnectionAction } from '@/lib/interchange/mlflow/actions';
import { getMlflowSettings } from '@/lib/interchange/mlflow/queries';
import { mlflowConnectionSchema } from '@/lib/interchange/mlflow/schema';

export const metadata: Metadata = { title: 'MLflow connection' };

export default async function MlflowSettingsPage() {
  const actor = await requireActor();
  const conn = await loadPage(getMlflowSettings(actor));
  return (
    <>
      <PageHeader
        title="MLflow connection"
        description="The MLflow tracking server the model registry imports from. Registered models and their versions come in as drafts, with their run's parameters, metrics and tags; MLflow's stages and aliases are shown as suggestions only. The token is stored encrypted and never shown again."
      />
      <Card title="Tracking server">
        <ActionForm action={saveMlflowConnectionAction} schema={mlflowConnectionSchema} label="MLflow connection" submit="Save connection" resetOnSuccess={false}>
          <div className="grid gap-4">
            <TextField name="url" label="Tracking server URL" defaultValue={conn?.url ?? ''} hint="For example https://mlflow.example.com (the REST API is read under /api/2.0/mlflow/)." inputMode="url" />
            <TextField
              name="token"
              type="password"
              label="Access token"
              autoComplete="off"
              hint={conn?.tokenHint ? `A token ending in …${conn.tokenHint} is stored. Leave blank to keep it.` : 'Sent as "Authorization: Bearer <token>". Leave blank for a server without authentication.'}
            />
            {conn?.tokenHint ? <CheckboxField name="clearToken" label="Remove the stored token" value="on" /> : null}
            <Combobox label="AI system for new models" name="systemId" source="systems" defaultValue={conn ? { value: conn.system.id, label: conn.system.name } : undefined} hint="A registered model the portal does not hold yet becomes a model of this system." />
            <PersonPicker label="Owner of new models" name="ownerId" defaultValue={conn ? { value: conn.owner.id, label: conn.owner.name } : undefined} hint="Also recorded as who registered the imported versions." />
            <CheckboxField name="syncEnabled" label="Sync every hour (new versions are imported as drafts)" defaultChecked={conn?.syncEnabled ?? false} value="on" />
          </div>
        </ActionForm>
        <p className="mt-4 text-sm text-slate-700">
          {conn?.lastSyncAt ? (
            <>
              Last sync <LocalTime iso={conn.lastSyncAt.toISOString()} />. <Link className="underline" href="/admin/mlflow/import">See the import report</Link>.
            </>
          ) : conn ? (
            <>
              Not synced yet. <Link className="underline" href="/admin/mlflow/import">Preview the import</Link>.
            </>
          ) : (
            'Not connected.'
          )}
        </p>
      </Card>
    </>
  );
}
