import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';

type OrgWhere = { orgId: string; id: { in: string[] } };

// One counter per kind of record that can be referenced by id from another
// record; typed per delegate so a new kind is one line here.
const counters = {
  audit: (tx: Tx, where: OrgWhere) => tx.audit.count({ where }),
  aISystem: (tx: Tx, where: OrgWhere) => tx.aISystem.count({ where }),
  control: (tx: Tx, where: OrgWhere) => tx.control.count({ where }),
  dataset: (tx: Tx, where: OrgWhere) => tx.dataset.count({ where }),
  evidence: (tx: Tx, where: OrgWhere) => tx.evidence.count({ where }),
  finding: (tx: Tx, where: OrgWhere) => tx.finding.count({ where }),
  framework: (tx: Tx, where: OrgWhere) => tx.framework.count({ where }),
  incident: (tx: Tx, where: OrgWhere) => tx.incident.count({ where }),
  matrixCell: (tx: Tx, where: OrgWhere) => tx.matrixCell.count({ where }),
  model: (tx: Tx, where: OrgWhere) => tx.model.count({ where }),
  modelVersion: (tx: Tx, where: OrgWhere) => tx.modelVersion.count({ where }),
  requirement: (tx: Tx, where: OrgWhere) => tx.requirement.count({ where }),
} as const;
export type OrgRecordKind = keyof typeof counters;

/**
 * These referenced ids all belong to this organisation; otherwise a 422 that
 * names the field. Ids from another organisation count as unknown, so a
 * request can never link across tenants.
 */
export async function assertInOrg(
  tx: Tx,
  orgId: string,
  field: string,
  kind: OrgRecordKind,
  ids: readonly (string | null | undefined)[],
  messages: { message?: string; field?: string } = {},
) {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (!unique.length) return;
  const count = await counters[kind](tx, { orgId, id: { in: unique } });
  if (count !== unique.length) {
    throw new AppError('VALIDATION', messages.message ?? `Unknown ${field}: some of the ids do not exist in this organisation.`, {
      fieldErrors: { [field]: [messages.field ?? 'Unknown id'] },
    });
  }
}

/**
 * The one "active member of this organisation" check, for every field that
 * names a person (owners, assignees): a 422 naming the field otherwise.
 */
export async function assertActiveMember(tx: Tx, orgId: string, userId: string, field: string): Promise<{ id: string; name: string }> {
  const user = await tx.user.findFirst({ where: { id: userId, orgId, active: true }, select: { id: true, name: true } });
  if (!user) throw new AppError('VALIDATION', 'Choose an active member of this organisation.', { fieldErrors: { [field]: ['Choose an active member of this organisation.'] } });
  return user;
}
