import { defineApi } from '@/lib/api/spec';
import { auditSettingsSchema } from './schema';

export const auditSettingsApi = {
  get: defineApi({ method: 'GET', path: '/api/v1/audits/settings', tag: 'Audits', summary: 'Due-date defaults by severity and auditor visibility', permission: 'audits:read', response: auditSettingsSchema }),
  put: defineApi({ method: 'PUT', path: '/api/v1/audits/settings', tag: 'Audits', summary: 'Change due-date defaults and which auditors see everything', permission: 'settings:manage', body: auditSettingsSchema, response: auditSettingsSchema }),
};
