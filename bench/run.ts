// npm run bench [-- name ...]: every benchmark under bench/ one after
// another (or the named ones), each on its own fresh embedded database,
// against one production build; then one summary table (measure, figure,
// floor, pass/fail), also written to bench/results/latest.json.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureProductionBuild } from '@/lib/platform/build-cache';
import { binPath, repoRoot } from '@/lib/platform/process';
import type { Figure } from './support';

const benchDir = path.join(repoRoot, 'bench');
const NOT_BENCHMARKS = new Set(['support.ts', 'run.ts']);
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && !NOT_BENCHMARKS.has(f))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
const selected = wanted.length ? wanted : available;

const resultsDir = path.join(benchDir, 'results');
mkdirSync(resultsDir, { recursive: true });
const linesFile = path.join(resultsDir, 'figures.jsonl');
rmSync(linesFile, { force: true });

// One build for every benchmark that starts the production server.
if (selected.some((name) => readFileSync(path.join(benchDir, `${name}.ts`), 'utf8').includes('startApp('))) {
  await ensureProductionBuild({ ...process.env, NEXT_TELEMETRY_DISABLED: '1' });
}

const runs: { bench: string; exitCode: number; seconds: number }[] = [];
for (const name of selected) {
  console.log(`\n=== ${name} ===`);
  const started = performance.now();
  const exitCode = await new Promise<number>((resolve) => {
    const child = spawn(binPath('tsx'), ['--conditions=react-server', path.join('bench', `${name}.ts`)], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, BENCH_RESULTS_FILE: linesFile, NEXT_TELEMETRY_DISABLED: '1' },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
  runs.push({ bench: name, exitCode, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) });
}

const figures: Figure[] = existsSync(linesFile)
  ? readFileSync(linesFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Figure)
  : [];
rmSync(linesFile, { force: true });

const fmt = (f: Figure) => `${f.value.toLocaleString('en-US', { maximumFractionDigits: f.unit === 'ms' ? 1 : 2 })} ${f.unit}`;
const rows = figures.map((f) => [f.bench, f.measure, fmt(f), f.floor ? `${f.floor.op} ${f.floor.value.toLocaleString('en-US')}` : '', f.pass === undefined ? '' : f.pass ? 'pass' : 'FAIL']);
const header = ['bench', 'measure', 'figure', 'floor', 'result'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
for (const r of rows) console.log(line(r));
for (const r of runs.filter((r) => r.exitCode !== 0)) console.log(`${r.bench}: exited with ${r.exitCode} after ${r.seconds} s`);

let commit: string | null = null;
try {
  commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
} catch {
  /* not a git checkout */
}
const summary = {
  at: new Date().toISOString(),
  commit,
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryGb: Number((os.totalmem() / 2 ** 30).toFixed(1)), node: process.version, platform: `${os.platform()}-${os.arch()}` },
  runs,
  figures,
  passed: figures.filter((f) => f.pass === true).length,
  failed: figures.filter((f) => f.pass === false).length,
};
writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`\n${summary.passed} figures meet their floor, ${summary.failed} do not; ${runs.filter((r) => r.exitCode !== 0).length} benchmark(s) failed to run. Written to bench/results/latest.json`);
process.exit(runs.some((r) => r.exitCode !== 0) ? 1 : 0);
