import { schemaDocuments } from '@/lib/scim/discovery';
import { ScimError } from '@/lib/scim/protocol';
import { scimRoute } from '@/lib/scim/route';

export const GET = scimRoute(
  async ({ params }) => {
    const found = schemaDocuments().find((s) => s.id === params.id);
    if (!found) throw new ScimError(404, `Schema ${params.id} not found.`);
    return { status: 200, body: found };
  },
  { anonymous: true },
);
