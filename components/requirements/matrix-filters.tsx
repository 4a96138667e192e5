import { AREA_LABELS, AREAS } from '@/lib/requirements/library-schema';
import { inputClass } from '@/components/ui/form';
import { REGIONS, STATUS_LABELS, STATUSES, type MatrixFilterValues } from '@/lib/requirements/schema';

type Option = { value: string; label: string };

function Select({ id, label, value, options, any, groups }: { id: string; label: string; value?: string; options: Option[]; any: string; groups?: { label: string; options: Option[] }[] }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <select id={id} name={id} defaultValue={value ?? ''} className={inputClass}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
        {groups?.filter((g) => g.options.length).map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** The matrix filters as a plain GET form: works without JavaScript and keeps the URL shareable. */
/** `raciIds`: people named in an AI system's RACI, offered first as owners. */
export function MatrixFilters({ filter, frameworks, users, raciIds = [], action = '/requirements', hide = [] }: { filter: MatrixFilterValues; frameworks: { key: string; name: string }[]; users: { id: string; name: string }[]; raciIds?: string[]; action?: string; hide?: string[] }) {
  const byId = new Map(users.map((u) => [u.id, u]));
  const raci = raciIds.flatMap((id) => (byId.has(id) ? [{ value: id, label: byId.get(id)!.name }] : []));
  const others = users.filter((u) => !raciIds.includes(u.id)).map((u) => ({ value: u.id, label: u.name }));
  return (
    <form method="get" action={action} role="search" aria-label="Filter requirements" className="no-print mb-4 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="q" className="block text-sm font-medium">Search</label>
        <input id="q" name="q" defaultValue={filter.q} placeholder="Reference or title" className={inputClass} />
      </div>
      <Select id="framework" label="Framework" value={filter.framework} any="All frameworks" options={frameworks.map((f) => ({ value: f.key, label: f.name }))} />
      <Select id="area" label="Area" value={filter.area} any="All areas" options={AREAS.map((a) => ({ value: a, label: AREA_LABELS[a] }))} />
      {hide.includes('owner') ? null : (
        <Select
          id="owner"
          label="Owner"
          value={filter.owner}
          any="Anyone"
          options={[{ value: 'me', label: 'Me' }, { value: 'unowned', label: 'Unowned' }]}
          groups={[{ label: 'Named in an AI system’s RACI', options: raci }, { label: raci.length ? 'Everyone else' : 'People', options: others }]}
        />
      )}
      {hide.includes('status') ? null : <Select id="status" label="Status" value={filter.status} any="Any status" options={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />}
      {hide.includes('region') ? null : <Select id="region" label="Region" value={filter.region} any="All regions" options={REGIONS.map((r) => ({ value: r, label: r }))} />}
      <label className="flex items-center gap-2 pb-2 text-sm">
        <input type="checkbox" name="aiOnly" value="true" defaultChecked={Boolean(filter.aiOnly)} /> AI-specific only
      </label>
      <label className="flex items-center gap-2 pb-2 text-sm">
        <input type="checkbox" name="overdue" value="true" defaultChecked={Boolean(filter.overdue)} /> Overdue review
      </label>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
      <a href={action} className="pb-2 text-sm">Clear</a>
    </form>
  );
}

/** The filter as a query string (for windows, exports and links). */
export function filterQuery(filter: MatrixFilterValues): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== null && v !== '' && v !== false) sp.set(k, String(v));
  return sp.toString();
}
