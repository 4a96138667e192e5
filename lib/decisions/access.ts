import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import { auditorScope } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { decryptFeatures, unwrapSubjectKey } from './subject-keys';

/** The systems whose decisions the actor may read: null for all of the organisation's. */
export async function readableSystemIds(actor: Actor): Promise<string[] | null> {
  const scope = await auditorScope(actor);
  return scope ? scope.systemIds : null;
}

export const RESTRICTED_MASK = '•••';

export type FeatureView =
  | { state: 'shown'; values: Record<string, unknown>; masked: string[] }
  | { state: 'erased' }
  | { state: 'unreadable' };

/**
 * Opens features for display: the subject's key (cached per subject for a
 * list), then masks the system's restricted features unless the actor's role
 * needs to know them.
 */
export function featureReader(actor: Actor, orgId: string) {
  const keys = new Map<string, Buffer | null>();
  const restricted = new Map<string, Set<string>>();
  const seeRestricted = can(actor, 'decisions:restricted');

  async function prepare(subjectRefs: string[], systemIds: string[]) {
    const missingSubjects = [...new Set(subjectRefs)].filter((s) => !keys.has(s));
    if (missingSubjects.length) {
      const rows = await db.decisionSubject.findMany({
        where: { orgId, subjectRef: { in: missingSubjects } },
        select: { subjectRef: true, wrappedKey: true },
      });
      for (const s of missingSubjects) keys.set(s, null);
      for (const row of rows) keys.set(row.subjectRef, row.wrappedKey ? unwrapSubjectKey(orgId, row.subjectRef, row.wrappedKey) : null);
    }
    const missingSystems = [...new Set(systemIds)].filter((s) => !restricted.has(s));
    if (missingSystems.length) {
      const rows = await db.decisionSystemSettings.findMany({
        where: { systemId: { in: missingSystems } },
        select: { systemId: true, restrictedFeatures: true },
      });
      for (const s of missingSystems) restricted.set(s, new Set());
      for (const row of rows) restricted.set(row.systemId, new Set(row.restrictedFeatures));
    }
  }

  function read(d: { id: string; subjectRef: string; systemId: string; featuresCipher: string }): FeatureView {
    const key = keys.get(d.subjectRef);
    if (!key) return { state: 'erased' };
    let values: Record<string, unknown>;
    try {
      values = decryptFeatures(key, d.id, d.featuresCipher);
    } catch {
      return { state: 'unreadable' };
    }
    const hidden = seeRestricted ? [] : Object.keys(values).filter((k) => restricted.get(d.systemId)?.has(k));
    for (const k of hidden) values[k] = RESTRICTED_MASK;
    return { state: 'shown', values, masked: hidden };
  }

  return { prepare, read };
}
