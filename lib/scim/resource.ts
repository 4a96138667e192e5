import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ScimError } from './protocol';

// Shared by Users and Groups: versions (ETags), If-Match and document parsing.

/** The resource's version: a hash of what it says, so it changes exactly when the resource does. */
export function versionOf(resource: unknown): string {
  return `W/"${createHash('sha256').update(JSON.stringify(resource)).digest('hex').slice(0, 20)}"`;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** RFC 7644 §3.14: a write with If-Match that names another version is refused with 412. */
export function checkIfMatch(ifMatch: string | null | undefined, current: string) {
  if (!ifMatch) return;
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (tags.includes('*') || tags.some((t) => opaque(t) === opaque(current))) return;
  throw new ScimError(412, 'The resource has changed since that version (If-Match); read it again and retry.');
}

export function notModified(ifNoneMatch: string | null | undefined, current: string): boolean {
  return Boolean(ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(current)));
}

/** "True"/"False" in any case, as Microsoft Entra sends them, or a JSON boolean. */
export const scimBoolean = z.preprocess((v) => (typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : v), z.boolean());

export function parseDoc<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ScimError(400, 'The body must be a JSON object.', 'invalidSyntax');
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue.path.join('.') || 'body';
  throw new ScimError(400, `${path}: ${issue.message}`, 'invalidValue');
}
