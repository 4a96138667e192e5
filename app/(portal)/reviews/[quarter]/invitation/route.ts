import { errorResponse } from '@/lib/api/route';
import { metaFromHeaders } from '@/lib/auth/request';
import { getActor } from '@/lib/auth/session';
import { reviewInvitation } from '@/lib/calendar/queries';
import { contentDisposition } from '@/lib/file-name';
import { AppError } from '@/lib/errors';
import { quarterSchema } from '@/lib/quarter';

export const dynamic = 'force-dynamic';

/** The quarter's review meeting as an .ics invitation (METHOD:REQUEST) to its attendees. */
export async function GET(req: Request, { params }: { params: Promise<{ quarter: string }> }) {
  const meta = metaFromHeaders(req.headers);
  try {
    const parsed = quarterSchema.safeParse((await params).quarter);
    if (!parsed.success) throw new AppError('NOT_FOUND', 'The review was not found.');
    const { ics, fileName } = await reviewInvitation(await getActor(), parsed.data);
    return new Response(ics, { headers: { 'content-type': 'text/calendar; charset=utf-8; method=REQUEST', 'content-disposition': contentDisposition(fileName), 'cache-control': 'private, no-store' } });
  } catch (error) {
    return errorResponse(error, meta, 'GET /reviews/{quarter}/invitation');
  }
}
