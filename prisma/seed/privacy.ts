import { userActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { createSubjectRequest, extendRequest, startVerification, verifyIdentity } from '@/lib/privacy/requests/mutations';

const DAY = 86_400_000;

/**
 * Data-subject requests in the demo, made through the privacy domain's own
 * mutations (so their clocks, tasks and audit events are real): a new access
 * request, an erasure being verified, a request for human intervention on the
 * credit model's decision (its review task waits for the system's owner), and
 * an access request whose one-month clock was extended with a reason.
 */
export async function seedPrivacy(orgId: string, log: (line: string) => void): Promise<void> {
  if (await db.subjectRequest.findFirst({ where: { orgId }, select: { id: true } })) return;
  const officer = await db.user.findFirst({ where: { orgId, role: { in: ['PRIVACY_OFFICER', 'COMPLIANCE_OFFICER'] }, active: true }, orderBy: { role: 'desc' }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
  if (!officer) return;
  const actor = userActor(officer, { id: 'seed', ip: null });
  const credit = await db.aISystem.findFirst({ where: { orgId }, orderBy: { createdAt: 'asc' }, select: { id: true } });
  const ago = (days: number) => new Date(Date.now() - days * DAY);

  await createSubjectRequest(actor, { type: 'ACCESS', subjectName: 'Jordan Example', subjectEmail: 'jordan@example.org', subjectRef: 'applicant-00107', receivedAt: ago(3) });
  const erasure = await createSubjectRequest(actor, { type: 'ERASURE', subjectName: 'Sam Example', subjectEmail: 'sam@example.org', subjectRef: 'applicant-00213', receivedAt: ago(9) });
  await startVerification(actor, erasure.id);
  const review = await createSubjectRequest(actor, { type: 'HUMAN_INTERVENTION', subjectName: 'Alex Example', subjectRef: 'applicant-00318', receivedAt: ago(12), ...(credit ? { systemId: credit.id } : {}) });
  await verifyIdentity(actor, review.id);
  const extended = await createSubjectRequest(actor, { type: 'ACCESS', subjectName: 'Robin Example', subjectRef: 'applicant-00424', receivedAt: ago(20) });
  await verifyIdentity(actor, extended.id);
  await extendRequest(actor, extended.id, { reason: 'The data spans three archived systems; collecting it needs more time (Art. 12(3)).' });
  log('seed: privacy requests created (4)');
}
