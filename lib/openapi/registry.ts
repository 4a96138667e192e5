import { auditApi } from '@/lib/audit/api-spec';
import { auditsApi } from '@/lib/audits/audits/api-spec';
import { certificationsApi } from '@/lib/audits/certifications/api-spec';
import { evidenceApi } from '@/lib/audits/evidence/api-spec';
import { findingsApi } from '@/lib/audits/findings/api-spec';
import { requestsApi } from '@/lib/audits/requests/api-spec';
import { auditSettingsApi } from '@/lib/audits/settings/api-spec';
import { decisionsApi } from '@/lib/decisions/api-spec';
import { incidentsApi } from '@/lib/incidents/api-spec';
import { interchangeApi } from '@/lib/interchange/api-spec';
import { jobsApi } from '@/lib/jobs/api-spec';
import { monitoringApi } from '@/lib/monitoring/api-spec';
import { datasetsApi, modelsApi } from '@/lib/models/api-spec';
import { notificationsApi } from '@/lib/notifications/api-spec';
import { requirementsApi } from '@/lib/requirements/api-spec';
import { crosswalkApi } from '@/lib/requirements/crosswalk-api-spec';
import { reportsApi } from '@/lib/reports/api-spec';
import { reviewsApi } from '@/lib/reviews/api-spec';
import { risksApi } from '@/lib/risks/api-spec';
import { redTeamApi, threatsApi } from '@/lib/threats/api-spec';
import { tokensApi } from '@/lib/tokens/api-spec';
import { usersApi } from '@/lib/users/api-spec';
import { vendorsApi } from '@/lib/vendors/api-spec';
import { privacyApi } from '@/lib/privacy/api-spec';
import { governanceApi } from '@/lib/policies/api-spec';
import { platformApi } from './platform-spec';
import type { ApiSpec } from '@/lib/api/spec';

// Every /api/v1 operation, by domain. A test checks that each route.ts
// under app/api/v1 appears here, so the OpenAPI document cannot drift.
export const API_SPECS: readonly ApiSpec[] = [
  platformApi,
  usersApi,
  vendorsApi,
  tokensApi,
  auditApi,
  requirementsApi,
  crosswalkApi,
  modelsApi,
  datasetsApi,
  interchangeApi,
  auditsApi,
  auditSettingsApi,
  findingsApi,
  evidenceApi,
  requestsApi,
  certificationsApi,
  incidentsApi,
  decisionsApi,
  reviewsApi,
  reportsApi,
  jobsApi,
  notificationsApi,
  privacyApi,
  monitoringApi,
  risksApi,
  threatsApi,
  redTeamApi,
  governanceApi,
].flatMap((group) => Object.values(group));
