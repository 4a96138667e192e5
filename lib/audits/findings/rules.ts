import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import type { Permission } from '@/lib/auth/permissions';
import { ACTIVE_STATUSES, type FindingStatus, type Transition } from './schema';

// The rules of the findings workflow, as plain functions: the mutations call
// them to refuse, and the queries call the same ones to say what a person
// may do with a finding (its `capabilities`).

export type FindingAction = 'edit' | Transition | 'acceptRisk' | 'comment';

/** What the rules need to know about a finding. */
export type FindingFacts = { ownerId: string | null; cycleOwnerIds: readonly string[]; status: FindingStatus };

type Rule = { from: readonly FindingStatus[]; to: FindingStatus; verify: boolean };
export const TRANSITION_RULES: Record<Transition, Rule> = {
  start_remediation: { from: ['OPEN'], to: 'IN_REMEDIATION', verify: false },
  ready_for_verification: { from: ['OPEN', 'IN_REMEDIATION'], to: 'READY_FOR_VERIFICATION', verify: false },
  close: { from: ['READY_FOR_VERIFICATION'], to: 'CLOSED', verify: true },
  reject_verification: { from: ['READY_FOR_VERIFICATION'], to: 'IN_REMEDIATION', verify: true },
  reopen: { from: ['CLOSED', 'RISK_ACCEPTED'], to: 'OPEN', verify: true },
};

/** The permissions an action needs (all of them); owned ones are checked against the finding's owner. */
export function findingPermissions(action: FindingAction): Permission[] {
  if (action === 'edit') return ['findings:manage'];
  if (action === 'acceptRisk') return ['findings:verify', 'audits:manage'];
  if (action === 'comment') return ['findings:raise'];
  return [TRANSITION_RULES[action].verify ? 'findings:verify' : 'findings:manage'];
}

/** The role check of an action, with the same `can` the gate uses. */
export function roleAllows(actor: Actor, f: Pick<FindingFacts, 'ownerId'>, action: FindingAction): boolean {
  const owners = { ownerIds: [f.ownerId] };
  // Owners comment on their own findings without findings:raise.
  if (action === 'comment') return !!actor.userId && (can(actor, 'findings:raise') || can(actor, 'findings:manage', owners));
  return findingPermissions(action).every((p) => can(actor, p, owners));
}

const needsIndependence = (action: FindingAction) => action === 'acceptRisk' || (action !== 'edit' && action !== 'comment' && TRANSITION_RULES[action].verify);

/**
 * The independence rule: nobody who owned the finding during its current
 * remediation cycle (since it was raised or last reopened) verifies, closes,
 * sends back, reopens or accepts it. `person` is the person behind the call
 * (a token acts as its creator); only the system actor has none.
 */
export function independenceProblem(actor: Actor, person: string | null, f: FindingFacts): string | null {
  if (actor.kind === 'system') return null;
  if (!person) return 'This API token has no creator to answer for it, so it cannot verify or accept findings.';
  if (f.ownerId === person || f.cycleOwnerIds.includes(person)) {
    return f.ownerId === person
      ? 'You own this finding: someone independent (an auditor or a compliance officer) must verify and close it.'
      : 'You owned this finding during its current remediation cycle: someone independent (an auditor or a compliance officer) must verify and close it.';
  }
  return null;
}

/** Why the workflow refuses the action in the finding's present state, or null. */
export function stateProblem(f: Pick<FindingFacts, 'status'>, action: FindingAction): string | null {
  if (action === 'comment') return null;
  if (action === 'edit') return f.status === 'CLOSED' ? 'A closed finding cannot be edited.' : null;
  if (action === 'acceptRisk') return ACTIVE_STATUSES.includes(f.status) ? null : 'Only an open finding can have its risk accepted.';
  return TRANSITION_RULES[action].from.includes(f.status) ? null : `A finding that is ${f.status.toLowerCase().replace(/_/g, ' ')} cannot move this way.`;
}

export type FindingCapabilities = Record<'edit' | 'startRemediation' | 'readyForVerification' | 'close' | 'rejectVerification' | 'reopen' | 'acceptRisk' | 'comment', boolean>;

/** What this actor may do with the finding now: role, independence and state, as the mutations check them. */
export function findingCapabilities(actor: Actor, person: string | null, f: FindingFacts): FindingCapabilities {
  const may = (action: FindingAction) =>
    roleAllows(actor, f, action) && !stateProblem(f, action) && !(needsIndependence(action) && independenceProblem(actor, person, f));
  return {
    edit: may('edit'),
    startRemediation: may('start_remediation'),
    readyForVerification: may('ready_for_verification'),
    close: may('close'),
    rejectVerification: may('reject_verification'),
    reopen: may('reopen'),
    acceptRisk: may('acceptRisk'),
    comment: may('comment'),
  };
}

/** A new remediation cycle starts with the present owner. */
export const freshCycle = (ownerId: string | null) => (ownerId ? [ownerId] : []);
/** Changing the owner adds them to the cycle; nobody leaves it. */
export const withOwner = (cycle: readonly string[], ownerId: string | null) => (ownerId && !cycle.includes(ownerId) ? [...cycle, ownerId] : [...cycle]);
