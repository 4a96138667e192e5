import { apiRoute } from '@/lib/api/route';
import { interchangeApi } from '@/lib/interchange/api-spec';
import { exportFrameworkCatalog } from '@/lib/interchange/oscal-export';

export const GET = apiRoute(interchangeApi.frameworkCatalog, async ({ actor, params }) => ({ catalog: await exportFrameworkCatalog(actor, params.id) }));
