import { ActionForm, PersonPicker } from '@/components/ui/form';
import { setSystemRaciAction } from '@/lib/policies/governance/actions';
import { RACI_LABELS, RACI_LIST_FIELDS, RACI_ROLES, type Raci } from '@/lib/policies/governance/schema';

const HINTS: Record<(typeof RACI_ROLES)[number], string> = {
  ACCOUNTABLE: 'The one person who answers for the system.',
  RESPONSIBLE: 'Those who do the work.',
  CONSULTED: 'Asked before decisions.',
  INFORMED: 'Told after decisions.',
};

const toOption = (p: { id: string; name: string }) => ({ value: p.id, label: p.name });
const people = (raci: Raci, role: (typeof RACI_ROLES)[number]) => (role === 'ACCOUNTABLE' ? (raci.accountable ? [raci.accountable] : []) : raci[RACI_LIST_FIELDS[role]]);

/** An AI system's RACI as a definition list. */
export function RaciList({ raci, systemName }: { raci: Raci; systemName: string }) {
  return (
    <div role="group" aria-label={`Who holds the RACI roles for ${systemName}`}>
      <dl className="grid gap-1 text-sm sm:grid-cols-[9rem_1fr]">
        {RACI_ROLES.map((role) => (
          <div key={role} className="contents">
            <dt className="font-medium">{RACI_LABELS[role]}</dt>
            <dd>{people(raci, role).map((p) => p.name).join(', ') || <span className="text-slate-700">nobody</span>}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Rewrites the system's RACI as a whole. */
export function RaciForm({ raci, systemName }: { raci: Raci; systemName: string }) {
  return (
    <ActionForm action={setSystemRaciAction} label={`RACI of ${systemName}`} submit="Save RACI" fields={{ systemId: raci.systemId }} resetOnSuccess={false} className="mt-2 grid gap-4 md:grid-cols-2">
      <PersonPicker label="Accountable" name="accountable" hint={HINTS.ACCOUNTABLE} defaultValue={raci.accountable ? toOption(raci.accountable) : null} />
      {(['RESPONSIBLE', 'CONSULTED', 'INFORMED'] as const).map((role) => (
        <PersonPicker key={role} label={RACI_LABELS[role]} name={RACI_LIST_FIELDS[role]} multiple hint={HINTS[role]} defaultValue={raci[RACI_LIST_FIELDS[role]].map(toOption)} />
      ))}
    </ActionForm>
  );
}
