import { serviceProviderConfig } from '@/lib/scim/discovery';
import { scimRoute } from '@/lib/scim/route';

// Discovery answers without a token (RFC 7644 §4): it says what is supported, nothing about anyone.
export const GET = scimRoute(async () => ({ status: 200, body: serviceProviderConfig() }), { anonymous: true });
