import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { ActionForm, ConfirmAction, SelectField, TextField } from '@/components/ui/form';
import { Td } from '@/components/ui/table';
import { removeCrosswalkMappingAction, updateCrosswalkMappingAction } from '@/lib/requirements/actions';
import { RELATIONSHIP_LABELS, RELATIONSHIPS, type Relationship } from '@/lib/requirements/library-schema';
import { updateCrosswalkMappingSchema } from '@/lib/requirements/schema';

type Side = { id: string; ref: string; title: string; framework: { key: string; name: string } };
type Mapping = { id: string; relationship: string; rationale: string; citation: string | null; origin: string; customised: boolean; from: Side; to: Side };

/** One crosswalk mapping; library managers edit it in place or remove it (with a confirmation). */
export function CrosswalkMappingRow({ mapping: m, canEdit }: { mapping: Mapping; canEdit: boolean }) {
  const rel = m.relationship as Relationship;
  const pair = `${m.from.framework.key} ${m.from.ref} ↔ ${m.to.framework.key} ${m.to.ref}`;
  return (
    <tr>
      <Td>
        <div className="text-xs text-slate-600">{m.from.framework.name}</div>
        <Link href={`/requirements/items/${m.from.id}`}>{m.from.ref}</Link> {m.from.title}
      </Td>
      <Td>{RELATIONSHIP_LABELS[rel] ?? m.relationship}</Td>
      <Td>
        <div className="text-xs text-slate-600">{m.to.framework.name}</div>
        <Link href={`/requirements/items/${m.to.id}`}>{m.to.ref}</Link> {m.to.title}
      </Td>
      <Td className="text-xs">
        {m.rationale}
        {m.citation ? <div className="mt-1 text-slate-600">Source: {m.citation}</div> : null}
        <div className="mt-1">{m.origin === 'LIBRARY' ? <Badge tone="neutral">{m.customised ? 'Shipped, edited' : 'Shipped'}</Badge> : <Badge tone="neutral">Your own</Badge>}</div>
      </Td>
      {canEdit ? (
        <Td className="no-print">
          <details>
            <summary className="cursor-pointer text-sm">Edit</summary>
            <ActionForm action={updateCrosswalkMappingAction} schema={updateCrosswalkMappingSchema} fields={{ id: m.id }} submit="Save" label={`Edit mapping ${pair}`} resetOnSuccess={false} className="mt-2 grid gap-2">
              <SelectField label="Relationship" name="relationship" defaultValue={m.relationship} options={RELATIONSHIPS.map((r) => ({ value: r, label: RELATIONSHIP_LABELS[r] }))} />
              <TextField label="Rationale" name="rationale" defaultValue={m.rationale} required />
              <TextField label="Citation" name="citation" defaultValue={m.citation ?? ''} />
            </ActionForm>
          </details>
          <div className="mt-2">
            <ConfirmAction
              action={removeCrosswalkMappingAction}
              fields={{ id: m.id }}
              label="Remove"
              title="Remove this mapping?"
              body={<p>{pair} will no longer count towards coverage.{m.origin === 'LIBRARY' ? ' Library reloads will not bring it back.' : ''}</p>}
              confirmLabel="Remove mapping"
              success="Mapping removed."
            />
          </div>
        </Td>
      ) : null}
    </tr>
  );
}
