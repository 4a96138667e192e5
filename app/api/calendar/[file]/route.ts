import { metaFromHeaders } from '@/lib/auth/request';
import { calendarFeedForToken } from '@/lib/calendar/queries';
import { feedFileSchema } from '@/lib/calendar/schema';
import { errorResponse } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

// The private feed URL a calendar app subscribes to: the token in the path is
// the credential (calendar apps send no other), so an unknown or revoked one
// is a plain 404 that says nothing about which.
export async function GET(req: Request, { params }: { params: Promise<{ file: string }> }) {
  const meta = metaFromHeaders(req.headers);
  try {
    const { file } = await params;
    const parsed = feedFileSchema.safeParse(file);
    const ics = parsed.success ? await calendarFeedForToken(parsed.data.slice(0, -4), meta) : null;
    if (!ics) return new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
    return new Response(ics, {
      headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex' },
    });
  } catch (error) {
    return errorResponse(error, meta, 'GET /api/calendar/{file}');
  }
}
