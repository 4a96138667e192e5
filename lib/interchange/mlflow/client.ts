import { z } from 'zod';

// A client for the three documented MLflow REST endpoints the import reads
// (API 2.0, MLflow 2.x): registered models, their versions, and the run of a
// version. Answers are checked with zod; unknown fields are ignored.

const kv = z.object({ key: z.string(), value: z.string().default('') });

export const mlflowModelVersionSchema = z.object({
  name: z.string(),
  version: z.string(),
  creation_timestamp: z.number().optional(),
  last_updated_timestamp: z.number().optional(),
  current_stage: z.string().optional(),
  description: z.string().optional(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  status: z.string().optional(),
  status_message: z.string().optional(),
  tags: z.array(kv).default([]),
  aliases: z.array(z.string()).default([]),
});
export type MlflowModelVersion = z.infer<typeof mlflowModelVersionSchema>;

export const mlflowRegisteredModelSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  creation_timestamp: z.number().optional(),
  aliases: z.array(z.object({ alias: z.string(), version: z.string() })).default([]),
});
export type MlflowRegisteredModel = z.infer<typeof mlflowRegisteredModelSchema>;

export const mlflowRunSchema = z.object({
  info: z.object({
    run_id: z.string().optional(),
    run_uuid: z.string().optional(),
    artifact_uri: z.string().optional(),
    lifecycle_stage: z.string().optional(),
    status: z.string().optional(),
  }),
  data: z
    .object({
      metrics: z.array(z.object({ key: z.string(), value: z.number(), timestamp: z.number().optional(), step: z.number().optional() })).default([]),
      params: z.array(kv).default([]),
      tags: z.array(kv).default([]),
    })
    .default({ metrics: [], params: [], tags: [] }),
});
export type MlflowRun = z.infer<typeof mlflowRunSchema>;

const registeredPage = z.object({ registered_models: z.array(mlflowRegisteredModelSchema).default([]), next_page_token: z.string().optional() });
const versionPage = z.object({ model_versions: z.array(mlflowModelVersionSchema).default([]), next_page_token: z.string().optional() });
const runAnswer = z.object({ run: mlflowRunSchema });

export class MlflowError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly errorCode?: string,
  ) {
    super(message);
    this.name = 'MlflowError';
  }
}

/**
 * MLflow's search filter for one registered model's versions. MLflow's filter
 * strings have no escape inside quotes (a real 2.10.2 server answers nothing
 * for `name='O\'Brien'`), so a name with a single quote is double-quoted, and
 * one with both kinds is matched with LIKE, each quote a `_` wildcard; the
 * answer is then narrowed to the exact name.
 */
export function versionFilter(name: string): string {
  if (!name.includes("'")) return `name='${name}'`;
  if (!name.includes('"')) return `name="${name}"`;
  return `name LIKE '${name.replace(/['"]/g, '_')}'`;
}

export type MlflowConnectionInfo = { url: string; token: string | null };

const PAGE = 100;
const MAX_PAGES = 1000;
const MAX_BYTES = 20 * 1024 * 1024;

export function mlflowClient(conn: MlflowConnectionInfo, opts: { timeoutMs?: number; fetchImpl?: typeof fetch } = {}) {
  const base = conn.url.replace(/\/+$/, '');
  const doFetch = opts.fetchImpl ?? fetch;

  async function get<T>(path: string, params: Record<string, string | undefined>, schema: z.ZodType<T>): Promise<T> {
    const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
    const url = `${base}/api/2.0/mlflow/${path}?${qs}`;
    let res: Response;
    try {
      res = await doFetch(url, {
        headers: { accept: 'application/json', ...(conn.token ? { authorization: `Bearer ${conn.token}` } : {}) },
        signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000),
        redirect: 'error',
      });
    } catch (error) {
      throw new MlflowError(`MLflow at ${base} did not answer ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await res.text();
    if (text.length > MAX_BYTES) throw new MlflowError(`MLflow's answer to ${path} is larger than ${MAX_BYTES / 1024 / 1024} MB.`, res.status);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      throw new MlflowError(`MLflow's answer to ${path} is not JSON (HTTP ${res.status}).`, res.status);
    }
    if (!res.ok) {
      const err = z.object({ error_code: z.string().optional(), message: z.string().optional() }).safeParse(body);
      const detail = err.success ? [err.data.error_code, err.data.message].filter(Boolean).join(': ') : '';
      throw new MlflowError(`MLflow refused ${path} (HTTP ${res.status}${detail ? `, ${detail}` : ''}).`, res.status, err.success ? err.data.error_code : undefined);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const where = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new MlflowError(`MLflow's answer to ${path} is not in the documented shape (${where.join('; ')}).`, res.status);
    }
    return parsed.data;
  }

  async function allPages<P extends { next_page_token?: string }, I>(fetchPage: (token?: string) => Promise<P>, items: (p: P) => I[]): Promise<I[]> {
    const out: I[] = [];
    let token: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      const page = await fetchPage(token);
      out.push(...items(page));
      token = page.next_page_token || undefined;
      if (!token) return out;
    }
    throw new MlflowError(`MLflow kept answering with further pages after ${MAX_PAGES}.`);
  }

  return {
    searchRegisteredModels: () =>
      allPages((page_token) => get('registered-models/search', { max_results: String(PAGE), page_token }, registeredPage), (p) => p.registered_models),
    searchModelVersions: (name: string) =>
      allPages(
        (page_token) => get('model-versions/search', { filter: versionFilter(name), max_results: String(PAGE), page_token }, versionPage),
        (p) => p.model_versions.filter((v) => v.name === name),
      ),
    getRun: async (runId: string): Promise<MlflowRun | null> => {
      try {
        return (await get('runs/get', { run_id: runId }, runAnswer)).run;
      } catch (error) {
        // A run deleted for good answers 404 RESOURCE_DOES_NOT_EXIST: the version is imported without it.
        if (error instanceof MlflowError && error.status === 404) return null;
        throw error;
      }
    },
  };
}
export type MlflowClient = ReturnType<typeof mlflowClient>;
