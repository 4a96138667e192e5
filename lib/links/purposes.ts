// What a link may be for, and where each kind lands. Safe for the client.
// A new purpose is one entry here (the column is a string, so no migration):
// its landing page lives at app/(public)/l/<segment>/[token]/page.tsx.

export const LINK_PURPOSES = {
  vendor_questionnaire: { segment: 'questionnaire', label: 'Vendor questionnaire', defaultDays: 30, maxDays: 90 },
  trust_document: { segment: 'trust', label: 'Trust centre document', defaultDays: 7, maxDays: 90 },
  privacy_request_confirmation: { segment: 'privacy', label: 'Privacy request confirmation', defaultDays: 2, maxDays: 14 },
} as const;

export type LinkPurpose = keyof typeof LINK_PURPOSES;

export const LINK_PURPOSE_KEYS = Object.keys(LINK_PURPOSES) as LinkPurpose[];

/** Why a link was refused. Each is shown to its holder in its own words. */
export type LinkRefusal = 'not_found' | 'wrong_purpose' | 'expired' | 'revoked' | 'used' | 'rate_limited';

export const LINK_REFUSAL_MESSAGES: Record<LinkRefusal, string> = {
  not_found: 'This link is not valid. Check that you copied the whole address, or ask the sender for a new link.',
  wrong_purpose: 'This link is not valid for this page. Use the address exactly as you received it.',
  expired: 'This link has expired. Ask the sender for a new one.',
  revoked: 'This link has been withdrawn by the sender. Ask them for a new one if you still need it.',
  used: 'This link has already been used and cannot be used again.',
  rate_limited: 'Too many attempts from your network. Wait a few minutes and try again.',
};

/** HTTP status for a refused link in a route handler. */
export const LINK_REFUSAL_STATUS: Record<LinkRefusal, number> = {
  not_found: 404,
  wrong_purpose: 404,
  expired: 410,
  revoked: 410,
  used: 410,
  rate_limited: 429,
};

/** The path a link lands on (relative to the portal's origin). */
export function linkPath(purpose: LinkPurpose, token: string): string {
  return `/l/${LINK_PURPOSES[purpose].segment}/${encodeURIComponent(token)}`;
}

/** Tokens are 32 random bytes in base64url (43 characters); anything else is refused before a lookup. */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
