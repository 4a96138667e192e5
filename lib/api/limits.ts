// Request body limits, in one place: the route handlers read them, and
// next.config.ts sizes the proxy's body buffer from them (a body larger than
// that buffer reaches the handler cut short).

/** The default limit of a JSON body. */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;

/** Bulk ingestion (monitoring windows and raw rows): 50,000 rows with a few dozen features. */
export const BULK_JSON_MAX_BYTES = 24 * 1024 * 1024;
