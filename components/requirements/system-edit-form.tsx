import { ActionForm } from '@/components/requirements/action-form';
import { inputClass } from '@/components/ui/field';
import { updateSystemAction } from '@/lib/requirements/actions';
import { DOMAIN_LABELS, DOMAINS, REGIONS, RISK_TIER_LABELS, RISK_TIERS, SYSTEM_STATUSES } from '@/lib/requirements/schema';

type System = { id: string; name: string; purpose: string; domain: string; regions: string[]; riskTier: string; status: string; businessOwnerId: string | null; technicalOwnerId: string | null };
const STATUS_TEXT: Record<string, string> = { PLANNED: 'Planned', IN_DEVELOPMENT: 'In development', IN_PRODUCTION: 'In production', RETIRED: 'Retired' };

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium">{label}</label>
      {children}
    </div>
  );
}

/** Edits an existing AI system; ids are prefixed with the system's so many forms can share a page. */
export function SystemEditForm({ system: s, users }: { system: System; users: { id: string; name: string }[] }) {
  const p = `sys-${s.id}`;
  const owners = [{ id: '', name: 'Nobody' }, ...users];
  return (
    <ActionForm action={updateSystemAction} submit="Save system" label={`Edit ${s.name}`} className="mt-2 grid gap-3 md:grid-cols-2">
      <input type="hidden" name="id" value={s.id} />
      <Field id={`${p}-name`} label="Name"><input id={`${p}-name`} name="name" defaultValue={s.name} required className={inputClass} /></Field>
      <Field id={`${p}-domain`} label="Business domain">
        <select id={`${p}-domain`} name="domain" defaultValue={s.domain} className={inputClass}>{DOMAINS.map((d) => <option key={d} value={d}>{DOMAIN_LABELS[d]}</option>)}</select>
      </Field>
      <div className="md:col-span-2">
        <Field id={`${p}-purpose`} label="Purpose"><textarea id={`${p}-purpose`} name="purpose" defaultValue={s.purpose} rows={2} required className={inputClass} /></Field>
      </div>
      <fieldset className="text-sm">
        <legend className="text-xs font-medium">Regions</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {REGIONS.map((r) => (
            <label key={r} className="flex items-center gap-1"><input type="checkbox" name="regions[]" value={r} defaultChecked={s.regions.includes(r)} /> {r}</label>
          ))}
        </div>
      </fieldset>
      <Field id={`${p}-tier`} label="EU AI Act risk tier">
        <select id={`${p}-tier`} name="riskTier" defaultValue={s.riskTier} className={inputClass}>{RISK_TIERS.map((t) => <option key={t} value={t}>{RISK_TIER_LABELS[t]}</option>)}</select>
      </Field>
      <Field id={`${p}-status`} label="Status">
        <select id={`${p}-status`} name="status" defaultValue={s.status} className={inputClass}>{SYSTEM_STATUSES.map((t) => <option key={t} value={t}>{STATUS_TEXT[t]}</option>)}</select>
      </Field>
      <Field id={`${p}-bo`} label="Business owner">
        <select id={`${p}-bo`} name="businessOwnerId" defaultValue={s.businessOwnerId ?? ''} className={inputClass}>{owners.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select>
      </Field>
      <Field id={`${p}-to`} label="Technical owner">
        <select id={`${p}-to`} name="technicalOwnerId" defaultValue={s.technicalOwnerId ?? ''} className={inputClass}>{owners.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select>
      </Field>
    </ActionForm>
  );
}
