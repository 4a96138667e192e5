import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { quarterSchema } from '@/lib/quarter';
import { actionItemStatusSchema } from './schema';

const quarterParams = z.object({ quarter: quarterSchema });

export const reviewsApi = {
  list: defineApi({
    method: 'GET',
    path: '/api/v1/reviews',
    tag: 'Quarterly reviews',
    summary: 'List quarterly reviews (closed ones only for roles that may not see open reviews)',
    permission: 'reviews:read',
    response: z.object({ currentQuarter: z.string(), canRun: z.boolean(), items: z.array(z.object({ id: z.string(), quarter: z.string(), status: z.string() }).loose()) }),
  }),
  get: defineApi({
    method: 'GET',
    path: '/api/v1/reviews/{quarter}',
    tag: 'Quarterly reviews',
    summary: 'A quarter\'s review: figures, what changed, overdue work, minutes, decisions and action items (the frozen snapshot once closed)',
    permission: 'reviews:read',
    params: quarterParams,
    response: z.object({ quarter: z.string(), figures: z.unknown(), changes: z.unknown(), overdue: z.unknown() }).loose(),
  }),
  actionItemsCsv: defineApi({
    method: 'GET',
    path: '/api/v1/reviews/{quarter}/action-items.csv',
    tag: 'Quarterly reviews',
    summary: 'The review\'s action items as CSV',
    permission: 'reviews:read',
    params: quarterParams,
    responseType: 'text/csv',
  }),
  pdf: defineApi({
    method: 'GET',
    path: '/api/v1/reviews/{quarter}/pdf',
    tag: 'Quarterly reviews',
    summary: 'The review pack as PDF',
    permission: 'reviews:read',
    params: quarterParams,
    responseType: 'application/pdf',
  }),
  updateActionItem: defineApi({
    method: 'PATCH',
    path: '/api/v1/action-items/{id}',
    tag: 'Quarterly reviews',
    summary: 'Mark an action item done or open (its owner, or whoever runs reviews)',
    permission: 'action-items:update',
    params: z.object({ id: z.string().min(1).max(64) }),
    body: actionItemStatusSchema.pick({ status: true }),
    response: z.object({ id: z.string(), status: z.string() }),
  }),
};
