import type { TableSheet } from '@/lib/xlsx';
import { LEGAL_BASIS_LABELS, SAFEGUARD_LABELS, type LEGAL_BASES, type SAFEGUARDS } from './schema';

// Records of processing activities (GDPR Art. 30(1)): what makes a record
// complete, and the register layout supervisory authorities publish
// (e.g. the CNIL and ICO templates). Pure.

export type Purpose = { purpose: string; legalBasis: (typeof LEGAL_BASES)[number]; art9Condition: string | null };
export type Transfer = { country: string; safeguard: (typeof SAFEGUARDS)[number] };
export type ActivityRecord = {
  name: string;
  role: string;
  controllerName: string;
  contact: string;
  purposes: Purpose[];
  subjectCategories: string[];
  dataCategories: string[];
  specialCategories: boolean;
  recipients: string[];
  transfers: Transfer[];
  retention: string;
  securityMeasures: string;
  systemIds: string[];
  datasetIds: string[];
};

/** What the record still lacks for Art. 30(1); an empty list is a complete record. */
export function missingFields(a: ActivityRecord): string[] {
  const out: string[] = [];
  if (!a.controllerName) out.push('controller name and contact');
  if (!a.purposes.length) out.push('purposes');
  if (a.purposes.length && a.specialCategories && a.purposes.some((p) => !p.art9Condition)) out.push('Art. 9(2) condition for special categories');
  if (!a.subjectCategories.length) out.push('categories of data subjects');
  if (!a.dataCategories.length) out.push('categories of personal data');
  if (!a.recipients.length) out.push('recipients');
  if (!a.retention) out.push('retention period');
  if (!a.securityMeasures) out.push('security measures');
  if (!a.systemIds.length && !a.datasetIds.length) out.push('systems or datasets carrying it out');
  return out;
}

const joined = (xs: readonly string[]) => xs.join('; ');

/** The register as one sheet: one row per activity, in the order of Art. 30(1)(a)–(g). */
export function ropaSheet(rows: (ActivityRecord & { systems: string[]; datasets: string[]; updatedAt: Date })[]): TableSheet {
  return {
    name: 'Art. 30 register',
    frozenColumns: 1,
    columns: [
      { key: 'name', header: 'Processing activity', width: 30 },
      { key: 'role', header: 'Role (controller / processor)', width: 16 },
      { key: 'controller', header: 'Controller name and contact details', width: 30 },
      { key: 'purposes', header: 'Purposes of the processing', width: 40 },
      { key: 'legalBasis', header: 'Legal basis (Art. 6, Art. 9(2))', width: 40 },
      { key: 'subjects', header: 'Categories of data subjects', width: 30 },
      { key: 'data', header: 'Categories of personal data', width: 30 },
      { key: 'recipients', header: 'Categories of recipients', width: 30 },
      { key: 'transfers', header: 'Transfers to third countries and safeguards', width: 40 },
      { key: 'retention', header: 'Time limits for erasure', width: 30 },
      { key: 'security', header: 'Technical and organisational security measures', width: 40 },
      { key: 'systems', header: 'AI systems', width: 30 },
      { key: 'datasets', header: 'Datasets', width: 30 },
      { key: 'missing', header: 'Missing for completeness', width: 30 },
      { key: 'updatedAt', header: 'Last updated', width: 20 },
    ],
    rows: rows.map((a) => ({
      name: a.name,
      role: a.role,
      controller: [a.controllerName, a.contact].filter(Boolean).join(', '),
      purposes: joined(a.purposes.map((p) => p.purpose)),
      legalBasis: joined(a.purposes.map((p) => `${p.purpose}: ${LEGAL_BASIS_LABELS[p.legalBasis]}${p.art9Condition ? `, Art. 9(2)(${p.art9Condition})` : ''}`)),
      subjects: joined(a.subjectCategories),
      data: joined([...a.dataCategories, ...(a.specialCategories ? ['special categories (Art. 9)'] : [])]),
      recipients: joined(a.recipients),
      transfers: a.transfers.length ? joined(a.transfers.map((t) => `${t.country}: ${SAFEGUARD_LABELS[t.safeguard]}`)) : 'None',
      retention: a.retention,
      security: a.securityMeasures,
      systems: joined(a.systems),
      datasets: joined(a.datasets),
      missing: joined(missingFields(a)),
      updatedAt: a.updatedAt,
    })),
  };
}
