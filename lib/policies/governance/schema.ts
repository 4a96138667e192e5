import { z } from 'zod';
import { blankAsUndefined, instantInput } from '@/lib/api/params';
import { idListSchema, idSchema } from '@/lib/audits/schema';

// The governance roles: the AI governance committee (members, charter,
// meetings on the quarterly reviews) and each AI system's RACI. Safe for the client.

export const COMMITTEE_ROLES = ['chair', 'secretary', 'member'] as const;
export const COMMITTEE_ROLE_LABELS: Record<(typeof COMMITTEE_ROLES)[number], string> = { chair: 'Chair', secretary: 'Secretary', member: 'Member' };
export const RACI_ROLES = ['ACCOUNTABLE', 'RESPONSIBLE', 'CONSULTED', 'INFORMED'] as const;
export type RaciRoleKey = (typeof RACI_ROLES)[number];
export const RACI_LABELS: Record<RaciRoleKey, string> = { ACCOUNTABLE: 'Accountable', RESPONSIBLE: 'Responsible', CONSULTED: 'Consulted', INFORMED: 'Informed' };
/** The form and JSON field of each RACI role. */
export const RACI_FIELDS: Record<RaciRoleKey, 'accountable' | RaciListField> = { ACCOUNTABLE: 'accountable', RESPONSIBLE: 'responsible', CONSULTED: 'consulted', INFORMED: 'informed' };
export type RaciListField = 'responsible' | 'consulted' | 'informed';
/** The roles held by any number of people, with their field. */
export const RACI_LIST_FIELDS = { RESPONSIBLE: 'responsible', CONSULTED: 'consulted', INFORMED: 'informed' } as const satisfies Record<Exclude<RaciRoleKey, 'ACCOUNTABLE'>, RaciListField>;

/** Names the committee and its charter (a policy of the policy domain; empty: none yet). */
export const saveCommitteeSchema = z.object({
  name: z.string().trim().min(3, 'Give the committee a name').max(200),
  charterPolicyId: z.preprocess((v) => (v === '' || v === undefined ? null : v), idSchema.nullable()).default(null),
});
export type SaveCommitteeInput = z.input<typeof saveCommitteeSchema>;

export const addMemberSchema = z.object({
  userId: idSchema,
  role: z.enum(COMMITTEE_ROLES, { error: 'Choose chair, secretary or member' }).default('member'),
});
export const removeMemberSchema = z.object({ userId: idSchema });

export const recordMeetingSchema = z.object({
  heldAt: instantInput('Enter when the meeting was held'),
  reviewId: blankAsUndefined(idSchema),
  minutes: blankAsUndefined(z.string().trim().max(20_000)),
});
export type RecordMeetingInput = z.input<typeof recordMeetingSchema>;

const nullableId = z.preprocess((v) => (v === '' || v === undefined ? null : v), idSchema.nullable()).default(null);
const raciFields = { accountable: nullableId, responsible: idListSchema, consulted: idListSchema, informed: idListSchema };
const accountableNotResponsible = (v: { accountable: string | null; responsible: string[] }, ctx: z.RefinementCtx) => {
  if (v.accountable && v.responsible.includes(v.accountable)) ctx.addIssue({ code: 'custom', path: ['responsible'], message: 'The accountable person is already named; list the others who do the work' });
};
const ids = z.array(idSchema).max(500);
/** The body of the API operation: every role stated (an empty body must not clear a RACI); `accountable: null` for nobody. */
export const raciBodySchema = z.object({ accountable: idSchema.nullable(), responsible: ids, consulted: ids, informed: ids }).superRefine(accountableNotResponsible);
/** The whole RACI of one system: one accountable person, the others any number. From the form, an empty picker sends nothing: nobody. */
export const setRaciSchema = z.object({ systemId: idSchema, ...raciFields }).superRefine(accountableNotResponsible);
export type SetRaciInput = z.input<typeof setRaciSchema>;

const person = z.object({ id: z.string(), name: z.string() });
export const raciSchema = z.object({
  systemId: z.string(),
  accountable: person.nullable(),
  responsible: z.array(person),
  consulted: z.array(person),
  informed: z.array(person),
});
export type Raci = z.infer<typeof raciSchema>;

export const committeeSchema = z.object({
  id: z.string().nullable(),
  name: z.string(),
  charter: z.object({ id: z.string(), title: z.string(), version: z.string().nullable() }).nullable(),
  members: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string(), role: z.enum(COMMITTEE_ROLES) })),
  meetings: z.array(z.object({ id: z.string(), heldAt: z.string(), minutes: z.string().nullable(), review: z.object({ id: z.string(), quarter: z.string(), status: z.string() }).nullable() })),
  capabilities: z.object({ manage: z.boolean() }),
});
export type Committee = z.infer<typeof committeeSchema>;
