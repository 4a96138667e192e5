import type { Permission } from '@/lib/auth/permissions';

// Shown by the token form in the browser: data only, no zod (lib/client-bundle.test.ts).

/** Ready-made scopes for the common integrations; any permission can be picked. */
export const SCOPE_PRESETS: Record<string, { label: string; scopes: Permission[] }> = {
  'registry-read': { label: 'Deploy pipeline (read the model registry and gates)', scopes: ['models:read'] },
  'registry-write': { label: 'Training pipeline (register versions and results)', scopes: ['models:read', 'models:create', 'models:write'] },
  'incident-report': { label: 'Monitoring alerts (report incidents)', scopes: ['incidents:read', 'incidents:report'] },
  'monitoring-pipeline': { label: 'Monitoring pipeline (send windows, act on alerts)', scopes: ['monitoring:read', 'monitoring:write'] },
  'read-all': { label: 'Read-only reporting', scopes: ['requirements:read', 'models:read', 'audits:read', 'incidents:read', 'reviews:read'] },
};
