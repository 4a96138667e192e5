import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';

// Records the MLflow fixtures (lib/interchange/fixtures/mlflow) from a running
// MLflow tracking server, over its REST API only:
//   tsx lib/tooling/cli/record-mlflow.ts <url> setup-1   build the first state
//   tsx lib/tooling/cli/record-mlflow.ts <url> record <file>
//   tsx lib/tooling/cli/record-mlflow.ts <url> setup-2   the same server later
// Searches are made with small pages (max_results 1 and 2) so the answers
// carry MLflow's own page tokens. The fixtures' README says how the server
// was run and the one change made in its store outside the REST API.

const [url, command, file] = process.argv.slice(2);
if (!url || !command) throw new Error('usage: record-mlflow.ts <url> setup-1 | setup-2 | record <file>');
const api = (p: string) => `${url.replace(/\/+$/, '')}/api/2.0/mlflow/${p}`;

async function call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const qs = method === 'GET' && body ? `?${new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)]))}` : '';
  const res = await fetch(api(path) + qs, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

type RunSpec = { params: Record<string, string>; metrics: Record<string, number>; tags?: Record<string, string>; flavor: [string, string]; artifactPath?: string };

async function experiment(name: string): Promise<string> {
  const found = await call('GET', 'experiments/get-by-name', { experiment_name: name }).catch(() => null);
  if (found) return (found.experiment as { experiment_id: string }).experiment_id;
  return (await call('POST', 'experiments/create', { name })).experiment_id as string;
}

/** A finished run as `mlflow.<flavor>.log_model` leaves it: params, metrics, tags and the logged-model history. */
async function run(experimentId: string, name: string, spec: RunSpec): Promise<{ runId: string; source: string }> {
  const start = Date.now();
  const created = (await call('POST', 'runs/create', { experiment_id: experimentId, run_name: name, start_time: start, tags: [{ key: 'mlflow.user', value: 'engineer' }, { key: 'mlflow.source.name', value: 'train.py' }, { key: 'mlflow.source.type', value: 'LOCAL' }] })).run as { info: { run_id: string; artifact_uri: string } };
  const runId = created.info.run_id;
  await call('POST', 'runs/log-batch', {
    run_id: runId,
    params: Object.entries(spec.params).map(([key, value]) => ({ key, value })),
    metrics: Object.entries(spec.metrics).map(([key, value]) => ({ key, value, timestamp: start + 1000, step: 0 })),
    tags: Object.entries(spec.tags ?? {}).map(([key, value]) => ({ key, value })),
  });
  const artifactPath = spec.artifactPath ?? 'model';
  const [flavor, version] = spec.flavor;
  const model = {
    run_id: runId,
    artifact_path: artifactPath,
    utc_time_created: new Date(start + 2000).toISOString().replace('T', ' ').replace('Z', ''),
    flavors: { python_function: { loader_module: `mlflow.${flavor}`, python_version: '3.11.2', env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' } }, [flavor]: { [`${flavor}_version`]: version, code: null } },
    model_uuid: createHash('sha256').update(runId).digest('hex').slice(0, 32),
    mlflow_version: '2.10.2',
  };
  await call('POST', 'runs/log-model', { run_id: runId, model_json: JSON.stringify(model) });
  await call('POST', 'runs/update', { run_id: runId, status: 'FINISHED', end_time: start + 61_000 });
  return { runId, source: `${created.info.artifact_uri}/${artifactPath}` };
}

async function version(name: string, r: { runId: string; source: string }, extra: { description?: string; tags?: Record<string, string>; stage?: string; alias?: string } = {}): Promise<string> {
  const v = (await call('POST', 'model-versions/create', { name, source: r.source, run_id: r.runId, description: extra.description, tags: Object.entries(extra.tags ?? {}).map(([key, value]) => ({ key, value })) })).model_version as { version: string };
  if (extra.stage) await call('POST', 'model-versions/transition-stage', { name, version: v.version, stage: extra.stage, archive_existing_versions: false });
  if (extra.alias) await call('POST', 'registered-models/alias', { name, alias: extra.alias, version: v.version });
  return v.version;
}

async function setup1() {
  const fraudExp = await experiment('fraud');
  const churnExp = await experiment('churn');
  await call('POST', 'registered-models/create', { name: 'fraud-detector', description: 'Card-not-present fraud scoring' });
  await call('POST', 'registered-models/create', { name: 'Churn_Model' });
  const f1 = await run(fraudExp, 'baseline', { params: { max_depth: '4', n_estimators: '200' }, metrics: { auc: 0.871, log_loss: 0.412 }, flavor: ['sklearn', '1.3.2'] });
  await version('fraud-detector', f1, { description: 'First baseline', stage: 'Archived' });
  const f2 = await run(fraudExp, 'tuned', { params: { max_depth: '6', n_estimators: '400', learning_rate: '0.05' }, metrics: { auc: 0.912, log_loss: 0.338, recall_at_1pct_fpr: 0.64 }, tags: { model_sha256: `sha256:${'ab'.repeat(32)}` }, flavor: ['sklearn', '1.3.2'] });
  await version('fraud-detector', f2, { description: 'Gradient boosting, tuned', tags: { artifact_sha256: '3f1c2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7' }, stage: 'Production' });
  const f3 = await run(fraudExp, 'deeper', { params: { max_depth: '6', n_estimators: '600', learning_rate: '0.03' }, metrics: { auc: 0.918, log_loss: 0.331 }, tags: { artifact_sha256: 'not-a-digest' }, flavor: ['sklearn', '1.3.2'] });
  await version('fraud-detector', f3, { tags: { validation_status: 'pending' }, stage: 'Staging', alias: 'champion' });
  const c1 = await run(churnExp, 'logreg', { params: { C: '1.0' }, metrics: { f1: 0.7 }, flavor: ['sklearn', '1.3.2'] });
  await version('Churn_Model', c1);
  const c2 = await run(churnExp, 'xgb', { params: { C: '0.5', penalty: 'l2' }, metrics: { f1: 0.74, accuracy: 0.81 }, flavor: ['xgboost', '2.1.1'] });
  await version('Churn_Model', c2, { alias: 'challenger' });
}

async function setup2() {
  const fraudExp = await experiment('fraud');
  const churnExp = await experiment('churn');
  // fraud-detector 2 is deleted in MLflow; 4 is registered with a digest.
  await call('DELETE', 'model-versions/delete', { name: 'fraud-detector', version: '2' });
  const f4 = await run(fraudExp, 'recalibrated', { params: { max_depth: '6', n_estimators: '600', learning_rate: '0.03', calibration: 'isotonic' }, metrics: { auc: 0.919, log_loss: 0.322 }, flavor: ['sklearn', '1.3.2'] });
  await version('fraud-detector', f4, { tags: { artifact_sha256: 'cd'.repeat(32) } });
  // Churn_Model deleted and registered again under the same name: its version numbers
  // start over, so "Churn_Model 2" now points at another run and artifact.
  await call('DELETE', 'registered-models/delete', { name: 'Churn_Model' });
  await call('POST', 'registered-models/create', { name: 'Churn_Model' });
  const c1 = await run(churnExp, 'logreg-again', { params: { C: '1.0' }, metrics: { f1: 0.71 }, flavor: ['sklearn', '1.3.2'] });
  await version('Churn_Model', c1);
  const c2 = await run(churnExp, 'xgb-retrained', { params: { C: '0.5', penalty: 'l2' }, metrics: { f1: 0.76, accuracy: 0.82 }, flavor: ['xgboost', '2.1.1'], artifactPath: 'model-retrained' });
  await version('Churn_Model', c2, { alias: 'challenger' });
}

/** Every page of both searches and every version's run, keyed as the tests' loopback server serves them. */
async function record(out: string) {
  const fixture: Record<string, Record<string, unknown>> = { 'registered-models/search': {}, 'model-versions/search': {}, 'runs/get': {} };
  const names: string[] = [];
  let token = '';
  do {
    const page = await call('GET', 'registered-models/search', { max_results: 1, ...(token ? { page_token: token } : {}) });
    fixture['registered-models/search'][token] = page;
    names.push(...((page.registered_models as { name: string }[] | undefined) ?? []).map((m) => m.name));
    token = (page.next_page_token as string | undefined) ?? '';
  } while (token);
  const runIds = new Set<string>();
  for (const name of names) {
    const pages: Record<string, unknown> = {};
    do {
      const page = await call('GET', 'model-versions/search', { filter: `name='${name}'`, max_results: 2, ...(token ? { page_token: token } : {}) });
      pages[token] = page;
      for (const v of (page.model_versions as { run_id?: string }[] | undefined) ?? []) if (v.run_id) runIds.add(v.run_id);
      token = (page.next_page_token as string | undefined) ?? '';
    } while (token);
    fixture['model-versions/search'][name] = pages;
  }
  for (const id of runIds) fixture['runs/get'][id] = await call('GET', 'runs/get', { run_id: id });
  writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
}

if (command === 'setup-1') await setup1();
else if (command === 'setup-2') await setup2();
else if (command === 'record' && file) await record(file);
else throw new Error(`unknown command ${command}`);
