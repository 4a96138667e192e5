import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { AppError, markDatabaseUnavailable } from '@/lib/errors';

/**
 * For pages: runs a query and turns the gate's refusals into the 403 page,
 * missing records into the 404 page and an ended session into sign-in.
 * Validation and other errors go to the error boundary; a database that is
 * away is marked so the boundary says so (and the proxy answers 503 for it).
 */
export async function loadPage<T>(load: Promise<T> | (() => Promise<T>)): Promise<T> {
  try {
    return await (typeof load === 'function' ? load() : load);
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === 'FORBIDDEN') forbidden();
      if (error.code === 'NOT_FOUND') notFound();
      if (error.code === 'UNAUTHENTICATED') redirect('/sign-in');
    }
    throw markDatabaseUnavailable(error);
  }
}
