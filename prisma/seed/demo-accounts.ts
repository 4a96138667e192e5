import type { Role } from '@/lib/auth/permissions';

// Demo accounts exist only in demo mode (the seed refuses to run otherwise).
export const DEMO_PASSWORD = 'governance-demo-2026';
export const DEMO_ORG = { slug: 'acme-health-ai', name: 'Acme Health AI' };

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'admin@acme.example', name: 'Avery Admin', role: 'ADMIN' },
  { email: 'compliance@acme.example', name: 'Casey Compliance', role: 'COMPLIANCE_OFFICER' },
  { email: 'engineer@acme.example', name: 'Elliot Engineer', role: 'ENGINEER' },
  { email: 'auditor@acme.example', name: 'Aude Auditor', role: 'AUDITOR' },
];
