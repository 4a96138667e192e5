import { apiRoute } from '@/lib/api/route';
import { jobsApi } from '@/lib/jobs/api-spec';
import { listJobs } from '@/lib/jobs/queries';

export const GET = apiRoute(jobsApi.list, ({ actor, query }) => listJobs(actor, query));
