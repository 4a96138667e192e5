// Who may judge submitted evidence, as plain functions: the mutation refuses
// with them and the queries offer the action from them.

export type ReviewableRequest = { status: string; assigneeId: string | null; submitterIds: readonly string[] };

/**
 * Why `personId` may not accept or reject this request's evidence, or null.
 * Independence: whoever was asked for the evidence or submitted any of it
 * (a token counts as its creator) never judges it.
 */
export function reviewProblem(request: ReviewableRequest, personId: string | null): string | null {
  if (!personId) return 'Accepting or rejecting evidence is personal: sign in, or use a token created by someone who may.';
  if (request.assigneeId === personId) return 'The request was assigned to you, so someone else must accept or reject the evidence.';
  if (request.submitterIds.includes(personId)) return 'You submitted evidence for this request, so someone else must accept or reject it.';
  return null;
}
