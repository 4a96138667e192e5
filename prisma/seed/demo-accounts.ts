import type { Role } from '@/lib/auth/permissions';

// Demo accounts exist only in demo mode (the seed refuses to run otherwise).
export const DEMO_PASSWORD = 'governance-demo-2026';
export const DEMO_ORG = { slug: 'acme-health-ai', name: 'Acme Health AI' };

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'admin@acme.example', name: 'Avery Admin', role: 'ADMIN' },
  { email: 'compliance@acme.example', name: 'Casey Compliance', role: 'COMPLIANCE_OFFICER' },
  { email: 'privacy@acme.example', name: 'Priya Privacy', role: 'PRIVACY_OFFICER' },
  { email: 'engineer@acme.example', name: 'Elliot Engineer', role: 'ENGINEER' },
  { email: 'auditor@acme.example', name: 'Aude Auditor', role: 'AUDITOR' },
];

/** Line managers (report → manager, by e-mail): Casey Compliance reviews the access of Elliot and Priya in an access review. */
export const DEMO_MANAGERS: Record<string, string> = {
  'engineer@acme.example': 'compliance@acme.example',
  'privacy@acme.example': 'compliance@acme.example',
  'compliance@acme.example': 'admin@acme.example',
};

/** An external auditor assigned to the SOC 2 audit only (not to the ISO/IEC
 *  42001 one): signs in to show what the auditor scope leaves out. */
export const DEMO_EXTERNAL_AUDITOR: { email: string; name: string; role: Role } = { email: 'external.auditor@acme.example', name: 'Rowan Reed', role: 'AUDITOR' };
