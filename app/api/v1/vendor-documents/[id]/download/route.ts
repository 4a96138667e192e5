import { apiRoute } from '@/lib/api/route';
import { contentDisposition } from '@/lib/file-name';
import { vendorsApi } from '@/lib/vendors/api-spec';
import { downloadVendorDocument } from '@/lib/vendors/documents';

export const GET = apiRoute(vendorsApi.downloadDocument, async ({ actor, params }) => {
  const file = await downloadVendorDocument(actor, params.id);
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'content-type': file.contentType,
      'content-disposition': contentDisposition(file.fileName, params.id),
      'content-length': String(file.bytes.length),
      'x-content-sha256': file.sha256,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
});
