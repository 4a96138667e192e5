import { apiRoute } from '@/lib/api/route';
import { governanceApi as api } from '@/lib/policies/api-spec';
import { recordCommitteeMeeting } from '@/lib/policies/governance/mutations';

export const POST = apiRoute(api.recordMeeting, ({ actor, body }) => recordCommitteeMeeting(actor, body));
