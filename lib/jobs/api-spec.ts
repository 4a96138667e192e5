import { defineApi } from '@/lib/api/spec';
import { jobListSchema, listJobsQuerySchema } from './schema';

export const jobsApi = {
  list: defineApi({
    method: 'GET',
    path: '/api/v1/jobs',
    tag: 'Jobs',
    summary: 'Background jobs (queued, running, completed, failed with their error), newest first, with counts per state',
    permission: 'jobs:manage',
    query: listJobsQuerySchema,
    response: jobListSchema,
  }),
};
