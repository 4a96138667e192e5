import { apiRoute } from '@/lib/api/route';
import { interchangeApi } from '@/lib/interchange/api-spec';
import { exportFrameworkProfile } from '@/lib/interchange/oscal-export';

export const GET = apiRoute(interchangeApi.frameworkProfile, async ({ actor, query }) => ({ profile: await exportFrameworkProfile(actor, query) }));
