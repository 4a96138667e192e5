import type { z } from 'zod';
import type { Permission } from '@/lib/auth/permissions';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One /api/v1 operation: the same zod schemas validate requests in the
 * route handler and generate the OpenAPI document.
 */
export type ApiSpec = {
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
  response?: z.ZodType;
  responseType?: string;
  successStatus?: number;
  /** Reachable without credentials (health, the OpenAPI document). */
  public?: boolean;
};

export function defineApi<const S extends ApiSpec>(spec: S): S {
  return spec;
}
