import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import { ACCEPT_BY_STEP, type RiskStatus } from './schema';

// The register's rules as plain functions: mutations refuse with them and
// queries turn them into each risk's `capabilities`.

export type RiskFacts = { ownerId: string; status: RiskStatus };

/**
 * Acceptance needs someone other than the owner: `person` is the person behind
 * the call (a token acts as its creator), as for findings.
 */
export function acceptanceProblem(actor: Actor, person: string | null, r: RiskFacts): string | null {
  if (actor.kind === 'system') return null;
  if (!person) return 'This API token has no creator to answer for it, so it cannot accept risks.';
  if (r.ownerId === person) return 'You own this risk: someone who does not own it (a compliance officer or an administrator) must accept it.';
  return null;
}

export function stateProblem(r: Pick<RiskFacts, 'status'>, action: 'edit' | 'accept' | 'review' | 'close'): string | null {
  if (r.status === 'CLOSED') return 'A closed risk cannot change.';
  if (action === 'accept' && r.status !== 'OPEN') return 'Only an open risk can be accepted.';
  return null;
}

export type RiskCapabilities = { edit: boolean; accept: boolean; review: boolean; close: boolean; addTask: boolean };

export function riskCapabilities(actor: Actor, person: string | null, r: RiskFacts): RiskCapabilities {
  const manage = can(actor, 'risks:manage', { ownerIds: [r.ownerId] });
  return {
    edit: manage && !stateProblem(r, 'edit'),
    review: manage && !stateProblem(r, 'review'),
    close: can(actor, 'risks:manage') && !stateProblem(r, 'close'),
    accept: can(actor, 'risks:accept') && !stateProblem(r, 'accept') && !acceptanceProblem(actor, person, r),
    addTask: manage && !stateProblem(r, 'edit'),
  };
}

/** A task is marked done (or reopened) by whoever manages the risk, or by the task's own owner. */
export function mayUpdateRiskTask(actor: Actor, person: string | null, r: RiskFacts, task: { ownerId: string }): boolean {
  if (stateProblem(r, 'edit')) return false;
  return can(actor, 'risks:manage', { ownerIds: [r.ownerId] }) || (person !== null && person === task.ownerId && can(actor, 'risks:read'));
}

/** How a pair of levels reads in the trail and the history: "4×3". */
export const pairText = (l: number | null, i: number | null) => (l == null || i == null ? null : `${l}×${i}`);

/** ACCEPT can only stay as the acceptance step left it; `stored` is null for a new risk. */
export function treatmentProblem(next: string, stored: string | null): string | null {
  return next === 'ACCEPT' && stored !== 'ACCEPT' ? ACCEPT_BY_STEP : null;
}
