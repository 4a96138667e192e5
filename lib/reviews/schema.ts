import { z } from 'zod';
import { quarterSchema } from '@/lib/quarter';

export { quarterPeriod, quarterSchema } from '@/lib/quarter';

const id = z.string().min(1).max(64);
const futureOrTodayDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-31')
  .refine((s) => Date.parse(`${s}T23:59:59Z`) >= Date.now() - 86_400_000, 'The due date is in the past');

export const startReviewSchema = z.object({ quarter: quarterSchema });
export const minutesSchema = z.object({ reviewId: id, minutes: z.string().max(50_000, 'Minutes are limited to 50,000 characters') });
export const attendeeSchema = z.object({
  reviewId: id,
  userId: z.preprocess((v) => (v === '' ? undefined : v), id.optional()),
  name: z.string().trim().max(120).optional(),
  role: z.string().trim().max(120).optional(),
});
export const removeAttendeeSchema = z.object({ reviewId: id, attendeeId: id });
export const decisionSchema = z.object({ reviewId: id, text: z.string().trim().min(3, 'Describe the decision').max(2000) });
export const actionItemSchema = z.object({
  reviewId: id,
  title: z.string().trim().min(3, 'Describe the action').max(300),
  ownerId: id,
  dueDate: futureOrTodayDate,
});
export const actionItemStatusSchema = z.object({ id, status: z.enum(['OPEN', 'DONE']) });
export const closeReviewSchema = z.object({ reviewId: id });

export type ReviewFigures = {
  matrix: Record<string, number>;
  findings: { openBySeverity: Record<string, number>; newInPeriod: number; closedInPeriod: number; overdue: number };
  incidents: { inPeriodBySeverity: Record<string, number>; open: number; nearMisses?: number };
  models: { versionsByStage: Record<string, number>; promotions: number; rollbacks: number };
  actionItems: { open: number; overdue: number };
  /** Absent in reviews frozen before the risk register existed. */
  risks?: { newInPeriod: number; scoreChangedInPeriod: number; reviewOverdue: number; acceptanceExpired: number };
  /** Absent in reviews frozen before monitoring existed. */
  monitoring?: { alertsInPeriod: { breach: number; warning: number; missingData: number }; versionsInBreach: { versionId: string; model: string; version: string }[] };
  /** Absent in reviews frozen before minimisation reviews came to the meeting. */
  privacy?: {
    minimisationOverdue: number;
    pastRetention: number;
    overdueReviews: { id: string; quarter: string; owner: string; dueAt: string }[];
    datasetsPastRetention: { id: string; name: string; owner: string; deletionDate: string | null }[];
  };
};

/** The figures as a viewer gets them: a frozen snapshot's findings figures
 *  count every audit, so an auditor with a scope gets `null` there. */
export type ReviewFiguresView = Omit<ReviewFigures, 'findings'> & { findings: ReviewFigures['findings'] | null };
