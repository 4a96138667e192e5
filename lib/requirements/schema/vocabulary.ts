import { z } from 'zod';

import { STATUSES } from './labels';

export { STATUSES, STATUS_LABELS, STATUS_SHORT, type Status } from './labels';
export const statusSchema = z.enum(STATUSES);

export const DOMAINS = ['HEALTHCARE', 'FINANCE', 'ECOMMERCE', 'HR', 'OTHER'] as const;
export const DOMAIN_LABELS: Record<(typeof DOMAINS)[number], string> = {
  HEALTHCARE: 'Healthcare',
  FINANCE: 'Finance',
  ECOMMERCE: 'E-commerce',
  HR: 'HR',
  OTHER: 'Other',
};
export const RISK_TIERS = ['PROHIBITED', 'HIGH', 'LIMITED', 'MINIMAL', 'GENERAL_PURPOSE'] as const;
export const RISK_TIER_LABELS: Record<(typeof RISK_TIERS)[number], string> = {
  PROHIBITED: 'Prohibited',
  HIGH: 'High risk',
  LIMITED: 'Limited risk',
  MINIMAL: 'Minimal risk',
  GENERAL_PURPOSE: 'General-purpose AI',
};
export const SYSTEM_STATUSES = ['PLANNED', 'IN_DEVELOPMENT', 'IN_PRODUCTION', 'RETIRED'] as const;
export const REGIONS = ['EU', 'US', 'UK', 'CA', 'APAC', 'OTHER'] as const;
export const REVIEW_OUTCOMES = ['CONFIRMED', 'CHANGES_NEEDED', 'NOT_APPLICABLE'] as const;
export const REVIEW_OUTCOME_LABELS: Record<(typeof REVIEW_OUTCOMES)[number], string> = {
  CONFIRMED: 'Confirmed — still accurate',
  CHANGES_NEEDED: 'Changes needed',
  NOT_APPLICABLE: 'No longer applicable',
};
export const DEFAULT_REVIEW_CADENCE_DAYS = 90;
