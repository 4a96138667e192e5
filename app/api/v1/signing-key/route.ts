import { errorResponse } from '@/lib/api/route';
import { metaFromHeaders } from '@/lib/auth/request';
import { publicKeyPem } from '@/lib/signing/keys';
import { contentDisposition } from '@/lib/file-name';

export const dynamic = 'force-dynamic';

// Public on purpose: deploy tooling and auditors verify signatures offline.
export async function GET(req: Request) {
  try {
    return new Response(publicKeyPem(), {
      headers: { 'content-type': 'application/x-pem-file', 'content-disposition': contentDisposition(`portal-signing-key.pub.pem`) },
    });
  } catch (error) {
    return errorResponse(error, metaFromHeaders(req.headers), 'GET /api/v1/signing-key');
  }
}
