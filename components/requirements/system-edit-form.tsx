import { ActionForm, CheckboxGroup, PersonPicker, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { updateSystemAction } from '@/lib/requirements/actions';
import { DOMAIN_LABELS, DOMAINS, REGIONS, RISK_TIER_LABELS, RISK_TIERS, SYSTEM_ROLE_LABELS, SYSTEM_ROLES, SYSTEM_STATUSES, updateSystemSchema } from '@/lib/requirements/schema';

type System = { id: string; name: string; purpose: string; domain: string; regions: string[]; riskTier: string; roles: string[]; status: string; businessOwnerId: string | null; technicalOwnerId: string | null };
const STATUS_TEXT: Record<string, string> = { PLANNED: 'Planned', IN_DEVELOPMENT: 'In development', IN_PRODUCTION: 'In production', RETIRED: 'Retired' };

/** Edits an existing AI system; many of these share the systems page, each with its own ids. */
export function SystemEditForm({ system: s, users }: { system: System; users: { id: string; name: string }[] }) {
  const person = (id: string | null) => {
    const u = id ? users.find((x) => x.id === id) : undefined;
    return u ? { value: u.id, label: u.name } : null;
  };
  return (
    <ActionForm action={updateSystemAction} schema={updateSystemSchema} fields={{ id: s.id }} submit="Save system" label={`Edit ${s.name}`} resetOnSuccess={false} success={`${s.name} saved.`} className="mt-2 grid gap-3 md:grid-cols-2">
      <TextField label="Name" name="name" defaultValue={s.name} required />
      <SelectField label="Business domain" name="domain" defaultValue={s.domain} options={DOMAINS.map((d) => ({ value: d, label: DOMAIN_LABELS[d] }))} />
      <TextAreaField label="Purpose" name="purpose" defaultValue={s.purpose} rows={2} required className="md:col-span-2" />
      <CheckboxGroup label="Regions" name="regions" defaultValue={s.regions} options={REGIONS.map((r) => ({ value: r, label: r }))} columns="grid-cols-3 sm:grid-cols-4" />
      <SelectField label="EU AI Act risk tier" name="riskTier" defaultValue={s.riskTier} options={RISK_TIERS.map((t) => ({ value: t, label: RISK_TIER_LABELS[t] }))} />
      <CheckboxGroup label="Your role for this system" name="roles" defaultValue={s.roles} options={SYSTEM_ROLES.map((r) => ({ value: r, label: SYSTEM_ROLE_LABELS[r] }))} columns="grid-cols-3" hint="Narrows role-specific suggestions; none ticked means not stated." />
      <SelectField label="Status" name="status" defaultValue={s.status} options={SYSTEM_STATUSES.map((t) => ({ value: t, label: STATUS_TEXT[t] }))} />
      <PersonPicker label="Business owner" name="businessOwnerId" defaultValue={person(s.businessOwnerId)} hint="Empty: nobody." />
      <PersonPicker label="Technical owner" name="technicalOwnerId" defaultValue={person(s.technicalOwnerId)} hint="Empty: nobody." />
    </ActionForm>
  );
}
