// Read by the error boundaries in the browser: a constant only, no zod (lib/client-bundle.test.ts).

/** The digest a page's error carries when the database is away; Next.js keeps a
 *  thrown error's own digest, so the error boundaries can say what happened. */
export const DATABASE_UNAVAILABLE_DIGEST = 'DATABASE_UNAVAILABLE';
