// Every benchmark prints its figures next to a raw baseline measured in the same run, and the ratio.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchFigure {
  /** What was measured, in the domain's words, e.g. "planner buses (10k households, 30 destinations)". */
  metric: string;
  value: number;
  unit: string;
  /** The raw limit this figure is compared with, measured in the same run. */
  baseline: string;
  baselineValue: number;
  /** value / baselineValue, or baselineValue / value when lower is better. */
  ratio: number;
  note?: string;
}

export interface BenchReport {
  name: string;
  startedAt: string;
  machine: { host: string; cpus: number; cpuModel: string; memoryGiB: number; node: string };
  figures: BenchFigure[];
  extra?: Record<string, unknown>;
}

/** A ratio where 1.0 means "as good as the baseline": higher-is-better figures divide by the baseline. */
export function ratioOf(value: number, baselineValue: number, lowerIsBetter = false): number {
  if (lowerIsBetter) return value === 0 ? 0 : baselineValue / value;
  return baselineValue === 0 ? 0 : value / baselineValue;
}

export function machine(): BenchReport['machine'] {
  const cpuList = cpus();
  return {
    host: hostname(),
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
  };
}

function format(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** Prints the report as a table and writes it to bench/results/<name>.json. */
export function writeReport(report: BenchReport): string {
  const rows = report.figures.map((f) => [
    f.metric,
    `${format(f.value)} ${f.unit}`,
    `${f.baseline}: ${format(f.baselineValue)}`,
    f.ratio.toFixed(3),
  ]);
  const header = ['figure', 'Awda', 'raw baseline (same run)', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  console.log(`\n== ${report.name} (${report.machine.cpus} cpu, ${report.machine.cpuModel})`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
  for (const f of report.figures) if (f.note) console.log(`  note (${f.metric}): ${f.note}`);
  const here = dirname(fileURLToPath(import.meta.url));
  // Compiled to dist/bench/lib or run from bench/lib: results always go to <repo>/bench/results.
  const repoRoot = here.includes(`${join('dist', 'bench')}`) ? join(here, '..', '..', '..') : join(here, '..', '..');
  const out = join(repoRoot, 'bench', 'results', `${report.name}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  console.log(`  written: ${out}`);
  return out;
}
