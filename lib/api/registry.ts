import { auditApi } from '@/lib/audit/api-spec';
import { requirementsApi } from '@/lib/requirements/api-spec';
import { tokensApi } from '@/lib/tokens/api-spec';
import { usersApi } from '@/lib/users/api-spec';
import { platformApi } from './platform-spec';
import type { ApiSpec } from './spec';

// Every /api/v1 operation, by domain. A test checks that each route.ts
// under app/api/v1 appears here, so the OpenAPI document cannot drift.
export const API_SPECS: readonly ApiSpec[] = [platformApi, usersApi, tokensApi, auditApi, requirementsApi].flatMap((group) =>
  Object.values(group),
);
