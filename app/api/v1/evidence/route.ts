import { apiRoute } from '@/lib/api/route';
import { evidenceApi } from '@/lib/audits/evidence/api-spec';
import { readEvidenceForm } from '@/lib/audits/evidence/form';
import { addEvidence } from '@/lib/audits/evidence/mutations';
import { listEvidence } from '@/lib/audits/evidence/queries';

export const GET = apiRoute(evidenceApi.list, ({ actor, query }) => listEvidence(actor, query));

export const POST = apiRoute(evidenceApi.upload, async ({ actor, req }) => {
  const { meta, file } = await readEvidenceForm(req, actor);
  return addEvidence(actor, meta, file);
});
