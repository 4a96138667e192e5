import { ROLE_GRANTS, type Grants, type Role } from './permissions';

/** Who is asking: a signed-in user, or an API token acting for the portal. */
export type Actor = {
  kind: 'user' | 'token' | 'system';
  userId: string | null;
  tokenId: string | null;
  orgId: string;
  role: Role | null;
  name: string;
  email: string | null;
  /** How the actor appears in the audit trail. */
  label: string;
  grants: Grants;
  /** For an API token: the person who created it. Ownership checks count the token as them (TOKEN_OWN_SCOPES). */
  onBehalfOf?: string | null;
  request: RequestMeta;
  /** For a browser session: its second-factor state (lib/auth/mfa). Absent for
   *  tokens, jobs and actors built outside a request. */
  auth?: SessionAuth;
};

export type SessionAuth = {
  sessionId: string;
  /** When a second factor was last verified in this session. */
  factorAt: Date | null;
  /** The user has a confirmed TOTP app or a passkey. */
  enrolled: boolean;
  /** The MFA policy requires a factor and the grace period is over: the
   *  portal is closed to this user until they enrol. */
  mustEnrol: boolean;
};

/** `via` names the channel when it is not the UI or the REST API (an assistant over MCP). */
export type RequestMeta = { id: string; ip: string | null; via?: 'mcp' };

/** The identity seed scripts and jobs write under; never reachable from a request. */
export function systemActor(orgId: string, label = 'system'): Actor {
  return {
    kind: 'system',
    userId: null,
    tokenId: null,
    orgId,
    role: null,
    name: label,
    email: null,
    label,
    grants: { any: [], own: [] },
    request: { id: 'system', ip: null },
  };
}

/** An unauthenticated caller, for the events of failed sign-ins. */
export function anonymousActor(meta: RequestMeta, label = 'anonymous'): Actor {
  return { ...systemActor('', label), kind: 'user', request: meta };
}

export type SessionUser = { id: string; orgId: string; email: string; name: string; role: Role; active: boolean };

export function userActor(user: SessionUser, meta: RequestMeta): Actor {
  return {
    kind: 'user',
    userId: user.id,
    tokenId: null,
    orgId: user.orgId,
    role: user.role,
    name: user.name,
    email: user.email,
    label: user.email,
    grants: ROLE_GRANTS[user.role],
    request: meta,
  };
}

