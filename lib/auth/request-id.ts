const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The request id a caller sent, if it is a UUID; otherwise a fresh one. The id
 * ends up in the audit trail, so a client never chooses its shape.
 */
export function acceptRequestId(given: string | null | undefined): string {
  return given && UUID.test(given) ? given.toLowerCase() : crypto.randomUUID();
}
