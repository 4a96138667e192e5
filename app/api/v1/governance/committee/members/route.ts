import { apiRoute } from '@/lib/api/route';
import { governanceApi as api } from '@/lib/policies/api-spec';
import { addCommitteeMember } from '@/lib/policies/governance/mutations';

export const POST = apiRoute(api.addMember, ({ actor, body }) => addCommitteeMember(actor, body));
