import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';

// Options are built per request so that the environment is read at run time.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };
