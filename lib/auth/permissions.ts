// The one table that says which role may do what. Every check in lib/ goes
// through authorize() in ./gate.ts, which reads this table. Kept free of
// server-only imports so the UI can hide what a role cannot use.

export const ROLES = ['ADMIN', 'COMPLIANCE_OFFICER', 'PRIVACY_OFFICER', 'ENGINEER', 'AUDITOR'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Administrator',
  COMPLIANCE_OFFICER: 'Compliance officer',
  PRIVACY_OFFICER: 'Privacy officer',
  ENGINEER: 'Engineer',
  AUDITOR: 'Auditor',
};

export const PERMISSIONS = {
  // foundation
  'users:read': 'See the user list',
  'users:manage': 'Create, invite, change role and deactivate users',
  'tokens:manage': 'Create and revoke API tokens',
  'access-reviews:answer': 'Confirm or revoke the access-review items one is the reviewer of (a manager: the roles and tokens of their reports)',
  'audit-trail:read': 'Read the audit trail',
  'audit-trail:verify': 'Verify the audit trail hash chain',
  'settings:manage': 'Change deployment settings',
  'jobs:manage': 'See background jobs, retry failed ones and cancel queued ones',
  'webhooks:manage': 'Register webhook endpoints, allow internal hosts, replay deliveries (signed-in administrators only)',
  // requirements matrix
  'requirements:read': 'Read frameworks, requirements, AI systems, the matrix and controls',
  'library:manage': 'Edit frameworks, requirements, controls and mappings; import catalogs',
  'systems:manage': 'Create and edit AI systems and their applicable frameworks',
  'matrix:edit': 'Assess any matrix cell',
  'reviews:record': 'Record requirement reviews',
  // model registry
  'models:read': 'Read models, versions, datasets and model cards',
  'models:create': 'Register new models',
  'models:write': 'Edit models and versions, upload results',
  'models:signoff': 'Sign off a model version',
  'models:promote': 'Promote to production, roll back, set thresholds, accept mitigations',
  'datasets:restricted': 'See the details of restricted datasets',
  // audit workspace
  'audits:read': 'Read audits, findings, evidence and certifications',
  'audits:manage': 'Create and edit audits and certifications',
  'findings:raise': 'Raise findings and comment',
  'findings:manage': 'Edit and remediate findings',
  'findings:verify': 'Verify and close findings, accept risk',
  'evidence:write': 'Upload and link evidence',
  'evidence:request': 'Request evidence and accept or reject it',
  // incidents
  'incidents:read': 'Read incidents, plans and exercises',
  'incidents:report': 'Report an incident',
  'incidents:update': 'Update incidents on systems one owns',
  'incidents:manage': 'Manage all incidents, override severity, notify, close',
  // dashboards and quarterly reviews
  'reviews:read': 'Read quarterly reviews',
  'reviews:run': 'Run and close quarterly reviews',
  'reviews:read-open': 'Read quarterly reviews before they are closed',
  'action-items:update': 'Mark review action items done',
  // notifications
  'notifications:own': "Read one's own inbox, mark it read and set one's own notification preferences",
  'notifications:rules': 'Configure the reminder rules of the organisation',
  'outbox:read': 'See every e-mail the portal sent (Admin → Outbox)',
  // risk register and threat models
  'risks:read': 'Read the risk register, threat models, red-team exercises and the ATLAS library',
  'risks:manage': 'Register, score, treat and review risks (compliance, or the risk owner)',
  'risks:accept': 'Accept a risk one does not own, with a rationale and an expiry',
  'risks:configure': 'Edit the wording of the 5 × 5 risk scale and reload the ATLAS library',
  'threats:manage': 'Edit threat models and red-team exercises (compliance, or the system owner)',
  // public trust centre
  'trust:manage': 'Turn the public trust centre on or off, choose what it shows and publish it',
  // decision log
  'decisions:read': 'Search the decision log, read decisions with their explanations and proofs',
  'decisions:write': 'Send production decisions to the decision log (an API token for the serving stack)',
  'decisions:restricted': 'See the restricted input features of logged decisions',
  'decisions:verify': 'Verify the decision log and its signed checkpoints',
  'decisions:manage': 'Configure decision logging per AI system, issue checkpoints, record development decisions',
  'decisions:erase': "Erase a data subject's personal data from the decision log (crypto-shredding)",
  'decisions:review': "Record a person's review of a logged decision after it took effect, upheld or changed (GDPR Art. 22(3)); owners: their systems' decisions",
  // continuous monitoring
  'monitoring:read': 'Read monitors, production windows, drift and monitoring alerts',
  'monitoring:write': 'Configure monitors, send windows, acknowledge and resolve monitoring alerts (engineers: on models they own)',
  // privacy
  'privacy:read': 'Read records of processing, DPIAs and FRIAs, data-subject requests and minimisation reviews (engineers: the DPIAs of the systems they own)',
  'privacy:manage': 'Edit records of processing, DPIAs, FRIAs and retention rules; handle data-subject requests; run minimisation reviews',
  'privacy:signoff': 'Sign off a DPIA or FRIA written by someone else',
  'privacy:respond': 'Answer the privacy tasks one is assigned (deletion confirmations, minimisation answers, human reviews)',
  // reports and interchange
  'reports:export': 'Export documents and interchange files (technical documentation, SoA, audit and board reports, OSCAL, ML-BOM)',
  'reports:manage': 'Edit Statement of Applicability justifications and approve document versions',
  // vendors, policies and people
  'vendors:read': 'Read vendors, their contracts, certifications and questionnaires',
  'vendors:manage': 'Add and edit vendors, send and review due-diligence questionnaires',
  'policies:read': 'Read policies, their versions and acknowledgement status',
  'policies:write': 'Create policies and draft new versions',
  'policies:approve': 'Approve and publish policy versions written by someone else',
  'policies:acknowledge': 'Acknowledge the current version of a policy for oneself (signed-in people only)',
  'training:read': 'Read the AI literacy register and the governance roles',
  'training:manage': 'Record trainings, set required trainings per role, manage the governance committee and system RACIs',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/** Held by signed-in people only: never granted to an API token (its mutations refuse tokens too). */
// An access-review answer is a person's attestation, so it is never a token's.
export const SESSION_ONLY_PERMISSIONS: readonly Permission[] = ['webhooks:manage', 'policies:acknowledge', 'access-reviews:answer'];
/**
 * Scopes a token may carry from its creator's owner grants: the token counts
 * as its creator in ownership checks, so it acts only on what the creator
 * owns (an engineer's pipeline sends windows for the models they own).
 */
export const TOKEN_OWN_SCOPES: readonly Permission[] = ['monitoring:write'];
/** The scopes of a pipeline token, which anyone who holds monitoring:write (engineers: on what they own) may create without tokens:manage. */
export const PIPELINE_SCOPES: readonly Permission[] = ['monitoring:read', 'monitoring:write'];
/** What an API token may be scoped to. */
export const TOKEN_SCOPES = ALL_PERMISSIONS.filter((p) => !SESSION_ONLY_PERMISSIONS.includes(p));

const READ_ALL: Permission[] = [
  'notifications:own',
  'requirements:read',
  'models:read',
  'audits:read',
  'incidents:read',
  'reviews:read',
  'risks:read',
  'decisions:read',
  'vendors:read',
  'policies:read',
  'policies:acknowledge',
  'training:read',
  'monitoring:read',
];

/**
 * Permissions an owner holds on the things they own (the owner of a
 * requirement records its review; the owner of a model edits it). Auditors
 * are excluded: their independence is the point of an audit.
 */
export const OWNER_PERMISSIONS: readonly Permission[] = [
  'matrix:edit',
  'reviews:record',
  'models:write',
  'models:signoff',
  'findings:manage',
  'evidence:write',
  'incidents:update',
  'datasets:restricted',
  'action-items:update',
  'risks:manage',
  'threats:manage',
  'monitoring:write',
  'privacy:read',
  'privacy:respond',
  'decisions:review',
  'reports:export',
  // the reviewer of an access-review item (the subject's manager) answers it
  'access-reviews:answer',
];

export type Grants = { readonly any: readonly Permission[]; readonly own: readonly Permission[] };

/** `any`: the role holds the permission everywhere. `own`: only on resources
 *  that name the user among their owners. */
export const ROLE_GRANTS: Record<Role, Grants> = {
  ADMIN: { any: ALL_PERMISSIONS, own: [] },
  COMPLIANCE_OFFICER: {
    any: [
      ...READ_ALL,
      'users:read',
      'library:manage',
      'systems:manage',
      'matrix:edit',
      'reviews:record',
      'models:signoff',
      'models:promote',
      'datasets:restricted',
      'audits:manage',
      'findings:raise',
      'findings:manage',
      'findings:verify',
      'evidence:write',
      'evidence:request',
      'incidents:report',
      'incidents:update',
      'incidents:manage',
      'reviews:run',
      'reviews:read-open',
      'action-items:update',
      'risks:manage',
      'risks:accept',
      'threats:manage',
      'trust:manage',
      'decisions:restricted',
      'decisions:verify',
      'decisions:manage',
      'decisions:erase',
      'decisions:review',
      'monitoring:write',
      'reports:export',
      'reports:manage',
      'vendors:manage',
      'policies:write',
      'policies:approve',
      'training:manage',
      'privacy:read',
      'privacy:manage',
      'privacy:signoff',
      'privacy:respond',
    ],
    own: OWNER_PERMISSIONS,
  },
  // The data protection officer: compliance-like rights in the privacy domain,
  // read access elsewhere (restricted datasets included, to locate a subject's data).
  PRIVACY_OFFICER: {
    any: [
      ...READ_ALL,
      'datasets:restricted',
      'findings:raise',
      'incidents:report',
      'privacy:read',
      'privacy:manage',
      'privacy:signoff',
      'privacy:respond',
      // data-subject requests: access to a subject's decisions and their erasure
      'decisions:restricted',
      'decisions:erase',
    ],
    own: OWNER_PERMISSIONS,
  },
  ENGINEER: {
    any: [...READ_ALL, 'models:create', 'incidents:report'],
    own: OWNER_PERMISSIONS,
  },
  AUDITOR: {
    any: [
      ...READ_ALL,
      'audit-trail:read',
      'audit-trail:verify',
      'datasets:restricted',
      'findings:raise',
      'findings:verify',
      'evidence:request',
      'reviews:read-open',
      'decisions:verify',
      'privacy:read',
      'reports:export',
    ],
    own: [],
  },
};

export type Ownable = { readonly ownerIds: readonly (string | null | undefined)[] };

/** The decision itself, pure: used by the gate and by the UI to hide controls. */
export function isAllowed(
  grants: Grants,
  userId: string | null,
  permission: Permission,
  resource?: Ownable,
): boolean {
  if (grants.any.includes(permission)) return true;
  if (!userId || !resource || !grants.own.includes(permission)) return false;
  return resource.ownerIds.some((id) => id === userId);
}

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}
