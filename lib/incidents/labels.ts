import { FLAG_KEYS, type EntityRole, type Flag } from './rules/vocabulary';

// What the report form shows in the browser: data only, no zod
// (lib/client-bundle.test.ts). ./schema.ts builds on it and re-exports it.

export const INCIDENT_TYPES = [
  'WRONG_DECISIONS',
  'FAIRNESS_VIOLATION',
  'DATA_BREACH',
  'ADVERSARIAL_ATTACK',
  'DRIFT',
  'PRIVACY_VIOLATION',
  'THIRD_PARTY_FAILURE',
  'OTHER',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const TYPE_LABELS: Record<IncidentType, string> = {
  WRONG_DECISIONS: 'Systematic wrong decisions / malfunction',
  FAIRNESS_VIOLATION: 'Fairness violation',
  DATA_BREACH: 'Data breach or training-data theft',
  ADVERSARIAL_ATTACK: 'Adversarial attack',
  DRIFT: 'Drift or performance degradation',
  PRIVACY_VIOLATION: 'Privacy violation',
  THIRD_PARTY_FAILURE: 'Third-party failure',
  OTHER: 'Other',
};

/** Settable yes/no facts (near miss has its own field). */
export const SETTABLE_FLAGS = FLAG_KEYS.filter((f) => f !== 'nearMiss') as Exclude<Flag, 'nearMiss'>[];

/** Reports without roles (e.g. monitoring alerts) keep the portal's usual case: the organisation is controller and AI provider. */
export const DEFAULT_ENTITY_ROLES: readonly EntityRole[] = ['CONTROLLER', 'AI_PROVIDER'];
