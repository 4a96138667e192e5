import { apiRoute } from '@/lib/api/route';
import { requirementsApi as api } from '@/lib/requirements/api-spec';
import { AppError } from '@/lib/errors';
import { previewImport, readImportUpload } from '@/lib/requirements/imports';
import { importKindSchema } from '@/lib/requirements/schema';

export const POST = apiRoute(api.importPreview, async ({ actor, req }) => {
  const upload = await readImportUpload(req);
  const kind = importKindSchema.safeParse(upload.fields.kind ?? (upload.files[0].fileName.toLowerCase().endsWith('.json') ? 'oscal' : 'csv'));
  if (!kind.success) throw new AppError('VALIDATION', 'kind must be "csv" or "oscal".', { fieldErrors: { kind: ['Use csv or oscal'] } });
  return previewImport(actor, { kind: kind.data, fileName: upload.fileName, text: upload.text, files: upload.files, frameworkKey: upload.fields.frameworkKey || undefined });
});
