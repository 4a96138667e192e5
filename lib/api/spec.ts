import type { z } from 'zod';
import type { Permission } from '@/lib/auth/permissions';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type ApiSpecBase = {
  method: HttpMethod;
  /** OpenAPI path, e.g. /api/v1/users/{id} */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** The permission the domain's gate checks (documentation; the gate enforces). */
  permission?: Permission | readonly Permission[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** 'json' (default) or a streamed/binary response type. */
  bodyType?: 'json' | 'multipart';
  /** The largest JSON body the operation reads (default 2 MB): bulk ingestion takes more. */
  maxBodyBytes?: number;
  successStatus?: number;
  /** Reachable without credentials (health, the OpenAPI document). */
  public?: boolean;
};

/**
 * One /api/v1 operation: the same zod schemas validate requests in the
 * route handler and generate the OpenAPI document. Every operation says what
 * it returns: a zod schema of its JSON body (the route's output is parsed by
 * it, so nothing undocumented leaves), or the media type of a file it sends.
 */
export type ApiSpec = ApiSpecBase &
  (
    | { /** The JSON body of the 2xx answer, as it is on the wire (dates are ISO strings). */ response: z.ZodType; responseType?: undefined }
    | { /** The media type(s) of a file or stream (CSV, PDF, ZIP…), chosen by a query parameter where there are several. */ responseType: string | readonly string[]; response?: undefined }
  );

export function defineApi<const S extends ApiSpec>(spec: S): S {
  return spec;
}
