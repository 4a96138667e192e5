import { apiRoute } from '@/lib/api/route';
import { governanceApi as api } from '@/lib/policies/api-spec';
import { removeCommitteeMember } from '@/lib/policies/governance/mutations';

export const DELETE = apiRoute(api.removeMember, ({ actor, params }) => removeCommitteeMember(actor, { userId: params.userId }));
