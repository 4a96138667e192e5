import type { Metadata } from 'next';
import Link from 'next/link';
import { SystemEditForm } from '@/components/requirements/system-edit-form';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxGroup, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { requirementsCapabilities } from '@/lib/requirements/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createSystemAction, setSystemFrameworksAction } from '@/lib/requirements/actions';
import { listFrameworks, listSystems } from '@/lib/requirements/queries';
import { topRisksBySystem } from '@/lib/risks/queries';
import { RaciForm, RaciList } from '@/components/policies/raci';
import { governanceCapabilities } from '@/lib/policies/capabilities';
import { systemRacis } from '@/lib/policies/queries';
import { DOMAIN_LABELS, DOMAINS, REGIONS, RISK_TIER_LABELS, RISK_TIERS, SYSTEM_ROLE_LABELS, SYSTEM_ROLES, SYSTEM_STATUSES } from '@/lib/requirements/schema';
import { listAssignableUsers } from '@/lib/users/queries';

export const metadata: Metadata = { title: 'AI systems' };

const STATUS_TEXT: Record<string, string> = { PLANNED: 'Planned', IN_DEVELOPMENT: 'In development', IN_PRODUCTION: 'In production', RETIRED: 'Retired' };

export default async function SystemsPage() {
  const actor = await requireActor();
  const [systems, frameworks, users] = await loadPage(Promise.all([listSystems(actor), listFrameworks(actor), listAssignableUsers(actor)]));
  const [topRisks, racis] = await loadPage(Promise.all([topRisksBySystem(actor, systems.map((s) => s.id)), systemRacis(actor, systems.map((s) => s.id))]));
  const editRaci = governanceCapabilities(actor).manage;
  const manage = requirementsCapabilities(actor).manageSystems;
  const userOptions = [{ value: '', label: 'Nobody yet' }, ...users.map((u) => ({ value: u.id, label: u.name }))];
  return (
    <>
      <PageHeader title="AI systems" description="The use cases the matrix tracks. Applicable frameworks are suggested from regions and business domain; a compliance officer confirms them." />
      {systems.length === 0 ? <EmptyState title="No AI systems yet">{manage ? 'Register the first one below.' : null}</EmptyState> : null}
      <div className="space-y-4">
        {systems.map((s) => {
          const unconfirmed = s.frameworks.some((f) => !f.confirmed);
          return (
            <Card key={s.id} title={s.name} actions={<Badge tone={s.riskTier === 'HIGH' || s.riskTier === 'PROHIBITED' ? 'bad' : 'neutral'}>{RISK_TIER_LABELS[s.riskTier]}</Badge>}>
              <p className="text-sm text-slate-800">{s.purpose}</p>
              <p className="mt-2 text-sm text-slate-700">
                {DOMAIN_LABELS[s.domain]} · {s.regions.join(', ')} · {STATUS_TEXT[s.status]} · Business owner: {s.businessOwnerName ?? 'none'} · Technical owner: {s.technicalOwnerName ?? 'none'}
              </p>
              <div className="mt-2 flex flex-wrap gap-1">
                {s.frameworks.map((f) => (
                  <Badge key={f.key} tone={f.confirmed ? 'good' : 'warn'}>{f.name}{f.confirmed ? '' : ' (suggested)'}</Badge>
                ))}
              </div>
              <div className="mt-3 text-sm">
                <h3 className="font-medium">Top risks</h3>
                {topRisks[s.id]?.length ? (
                  <ul className="list-disc pl-5">
                    {topRisks[s.id].map((r) => (
                      <li key={r.id}><Link href={`/risks/${r.id}`}>{r.ref} {r.title}</Link> — {r.residual ? 'residual' : 'inherent'} score {r.score}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-slate-700">No open risks in the register.</p>
                )}
                <Link href={`/risks?systemId=${s.id}`} className="text-xs">All risks of this system</Link>
              </div>
              <div className="mt-3">
                <h3 className="mb-1 text-sm font-medium">RACI</h3>
                <RaciList raci={racis[s.id]} systemName={s.name} />
                {editRaci ? (
                  <details className="mt-2">
                    <summary className="cursor-pointer text-sm font-medium">Edit the RACI of {s.name}</summary>
                    <RaciForm raci={racis[s.id]} systemName={s.name} />
                  </details>
                ) : null}
              </div>
              {manage ? (
                <details className="mt-3" open={unconfirmed}>
                  <summary className="cursor-pointer text-sm font-medium">{unconfirmed ? 'Confirm the applicable frameworks' : 'Change the applicable frameworks'}</summary>
                  <ActionForm action={setSystemFrameworksAction} submit="Confirm frameworks" label={`Applicable frameworks for ${s.name}`} className="mt-2">
                    <input type="hidden" name="frameworkKeys[]" value="" />
                    <input type="hidden" name="systemId" value={s.id} />
                    <fieldset className="mb-3 grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
                      <legend className="sr-only">Frameworks that apply to {s.name}</legend>
                      {frameworks.map((f) => (
                        <label key={f.key} className="flex items-center gap-2 text-sm">
                          <input type="checkbox" name="frameworkKeys[]" value={f.key} defaultChecked={s.frameworks.some((x) => x.key === f.key)} /> {f.name}
                        </label>
                      ))}
                    </fieldset>
                  </ActionForm>
                </details>
              ) : null}
              {manage ? (
                <details className="mt-3">
                  <summary className="cursor-pointer text-sm font-medium">Edit details and owners</summary>
                  <SystemEditForm system={s} users={users} />
                </details>
              ) : null}
            </Card>
          );
        })}
      </div>
      {manage ? (
        <Card title="Register an AI system" className="mt-6">
          <ActionForm action={createSystemAction} submit="Register system" label="Register an AI system" className="grid gap-4 md:grid-cols-2">
            <TextField label="Name" name="name" required />
            <SelectField label="Business domain" name="domain" options={DOMAINS.map((d) => ({ value: d, label: DOMAIN_LABELS[d] }))} />
            <TextAreaField label="Purpose" name="purpose" required rows={2} className="md:col-span-2" />
            <fieldset className="text-sm">
              <legend className="font-medium">Regions of operation</legend>
              <div className="mt-1 flex flex-wrap gap-3">
                {REGIONS.map((r) => (
                  <label key={r} className="flex items-center gap-1">
                    <input type="checkbox" name="regions[]" value={r} /> {r}
                  </label>
                ))}
              </div>
            </fieldset>
            <SelectField label="EU AI Act risk tier" name="riskTier" options={RISK_TIERS.map((t) => ({ value: t, label: RISK_TIER_LABELS[t] }))} defaultValue="LIMITED" />
            <CheckboxGroup label="Your role for this system" name="roles" options={SYSTEM_ROLES.map((r) => ({ value: r, label: SYSTEM_ROLE_LABELS[r] }))} columns="grid-cols-3" hint="Narrows role-specific suggestions; none ticked means not stated." />
            <SelectField label="Status" name="status" options={SYSTEM_STATUSES.map((t) => ({ value: t, label: STATUS_TEXT[t] }))} defaultValue="IN_DEVELOPMENT" />
            <SelectField label="Business owner" name="businessOwnerId" options={userOptions} />
            <SelectField label="Technical owner" name="technicalOwnerId" options={userOptions} />
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="cardPayments" value="true" /> Handles card payments
            </label>
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
