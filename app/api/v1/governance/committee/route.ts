import { apiRoute } from '@/lib/api/route';
import { governanceApi as api } from '@/lib/policies/api-spec';
import { saveCommittee } from '@/lib/policies/governance/mutations';
import { getCommittee } from '@/lib/policies/queries';

export const GET = apiRoute(api.getCommittee, ({ actor }) => getCommittee(actor));
export const PUT = apiRoute(api.saveCommittee, ({ actor, body }) => saveCommittee(actor, body));
