import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { idParams } from '@/lib/audits/schema';
import { addMemberSchema, committeeSchema, raciSchema, raciBodySchema, recordMeetingSchema, saveCommitteeSchema } from './schema';

const tag = 'Governance roles';
const userParams = z.object({ userId: z.string().min(1).max(64) });

export const governanceApi = {
  getCommittee: defineApi({ method: 'GET', path: '/api/v1/governance/committee', tag, summary: 'The AI governance committee: members, charter policy and meetings with their quarterly reviews', permission: 'training:read', response: committeeSchema }),
  saveCommittee: defineApi({ method: 'PUT', path: '/api/v1/governance/committee', tag, summary: 'Name the committee and set its charter (a policy)', permission: 'training:manage', body: saveCommitteeSchema, response: z.object({ id: z.string(), name: z.string(), charterPolicyId: z.string().nullable() }) }),
  addMember: defineApi({ method: 'POST', path: '/api/v1/governance/committee/members', tag, summary: 'Add a member to the committee (or change their role)', permission: 'training:manage', body: addMemberSchema, successStatus: 201, response: z.object({ committeeId: z.string(), userId: z.string(), role: z.string() }) }),
  removeMember: defineApi({ method: 'DELETE', path: '/api/v1/governance/committee/members/{userId}', tag, summary: 'Remove a member from the committee', permission: 'training:manage', params: userParams, response: z.object({ committeeId: z.string(), userId: z.string() }) }),
  recordMeeting: defineApi({ method: 'POST', path: '/api/v1/governance/committee/meetings', tag, summary: 'Record a committee meeting, linked to the quarterly review it discussed', permission: 'training:manage', body: recordMeetingSchema, successStatus: 201, response: z.object({ id: z.string(), committeeId: z.string(), reviewQuarter: z.string().nullable() }) }),
  getRaci: defineApi({ method: 'GET', path: '/api/v1/ai-systems/{id}/raci', tag, summary: 'Who is accountable, responsible, consulted and informed for an AI system', permission: 'training:read', params: idParams, response: raciSchema }),
  setRaci: defineApi({ method: 'PUT', path: '/api/v1/ai-systems/{id}/raci', tag, summary: "Rewrite an AI system's RACI (one accountable person)", permission: 'training:manage', params: idParams, body: raciBodySchema, response: raciSchema }),
};
