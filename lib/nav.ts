import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import type { Permission } from '@/lib/auth/permissions';

export type NavItem = { href: string; label: string; permission?: Permission; anyOf?: Permission[] };

// The portal's sections in order. A section appears once its domain exists
// and the role holds its read permission.
export const NAV: readonly NavItem[] = [
  { href: '/', label: 'Home' },
  { href: '/requirements', label: 'Requirements', permission: 'requirements:read' },
  { href: '/models', label: 'Models', permission: 'models:read' },
  { href: '/decisions', label: 'Decision log', permission: 'decisions:read' },
  { href: '/audits', label: 'Audits & findings', permission: 'audits:read' },
  { href: '/monitoring', label: 'Monitoring', permission: 'monitoring:read' },
  { href: '/incidents', label: 'Incidents', permission: 'incidents:read' },
  { href: '/risks', label: 'Risks', permission: 'risks:read' },
  { href: '/threats', label: 'Threat models', permission: 'risks:read' },
  { href: '/reviews', label: 'Reviews', permission: 'reviews:read' },
  { href: '/vendors', label: 'Vendors', permission: 'vendors:read' },
  { href: '/privacy', label: 'Privacy', permission: 'privacy:read' },
  { href: '/policies', label: 'Policies & training', permission: 'policies:read' },
  { href: '/reports', label: 'Reports', permission: 'requirements:read' },
  { href: '/audit-trail', label: 'Audit trail', permission: 'audit-trail:read' },
  { href: '/calendar', label: 'Calendar feed' },
  { href: '/admin/users', label: 'Users', permission: 'users:manage' },
  { href: '/admin/tokens', label: 'API tokens', permission: 'tokens:manage' },
  { href: '/admin/provisioning', label: 'Provisioning (SCIM)', permission: 'users:manage' },
  { href: '/admin/access-reviews', label: 'Access reviews', permission: 'users:manage' },
  { href: '/admin/jobs', label: 'Jobs', permission: 'jobs:manage' },
  { href: '/admin/notification-rules', label: 'Notification rules', permission: 'notifications:rules' },
  { href: '/admin/outbox', label: 'Outbox', permission: 'outbox:read' },
  { href: '/admin/webhooks', label: 'Webhooks', permission: 'webhooks:manage' },
  { href: '/admin/gate-policy', label: 'Gate policy', permission: 'models:promote' },
  { href: '/admin/trust', label: 'Trust centre', permission: 'trust:manage' },
  { href: '/admin/mlflow', label: 'MLflow', permission: 'settings:manage' },
  { href: '/admin/security', label: 'Sign-in policy', permission: 'settings:manage' },
  { href: '/admin/sso', label: 'Single sign-on (SAML)', permission: 'settings:manage' },
  { href: '/account/security', label: 'My sign-in security' },
  { href: '/account/sessions', label: 'My sessions' },
  { href: '/account/tokens', label: 'My API tokens' },
];

/** The sections this actor may open, for the navigation. */
export function navFor(actor: Actor) {
  return NAV.filter((item) => (!item.permission || can(actor, item.permission)) && (!item.anyOf || item.anyOf.some((p) => can(actor, p)))).map(
    ({ href, label }) => ({ href, label }),
  );
}
