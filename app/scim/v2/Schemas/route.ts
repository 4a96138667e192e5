import { listOf, schemaDocuments } from '@/lib/scim/discovery';
import { scimRoute } from '@/lib/scim/route';

export const GET = scimRoute(async () => ({ status: 200, body: listOf(schemaDocuments()) }), { anonymous: true });
