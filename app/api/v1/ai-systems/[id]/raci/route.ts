import { apiRoute } from '@/lib/api/route';
import { notFound } from '@/lib/errors';
import { governanceApi as api } from '@/lib/policies/api-spec';
import { setSystemRaci } from '@/lib/policies/governance/mutations';
import { getSystemRaci } from '@/lib/policies/queries';

async function raciOf(actor: Parameters<typeof getSystemRaci>[0], id: string) {
  const raci = await getSystemRaci(actor, id);
  if (!raci) throw notFound('The AI system');
  return raci;
}

export const GET = apiRoute(api.getRaci, ({ actor, params }) => raciOf(actor, params.id));
export const PUT = apiRoute(api.setRaci, async ({ actor, params, body }) => {
  await setSystemRaci(actor, { ...body, systemId: params.id });
  return raciOf(actor, params.id);
});
