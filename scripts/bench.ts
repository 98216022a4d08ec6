/**
 * npm run bench [-- --events 2000000] [--runs 3] [--keep] [--dir DIR] [--seed N] [--cpu-prof DIR]
 *
 * Writes a large synthetic incident bundle into a temporary folder (scripts/bench/generateBundle.ts),
 * then measures, each in a child process of its own (so that peak RSS is its own), --runs times in turn:
 *   (a) the floor: reading every log file and JSON.parse-ing every event, nothing else (scripts/bench/readFloor.ts);
 *   (b) the full diagnosis, diagnoseBundle(dir).
 * --dir DIR measures an existing bundle (one this script kept with --keep: its expected.json says what to find).
 * --cpu-prof DIR writes a V8 CPU profile of the first run of (b).
 * Prints both times, the ratio b/a, peak RSS, and checks the diagnosis found what was generated.
 * Exits 1 when the diagnosis' root cause or failing-request count differs from what was generated.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseBenchArgs } from './bench/benchArgs.ts';
import { generateBundle, type BenchExpectation } from './bench/generateBundle.ts';
import { runMeasured, type Measured } from './bench/runMeasured.ts';
import { formatBytes, formatMs, printTable } from './bench/benchReport.ts';

const args = parseBenchArgs(process.argv.slice(2));
const generated = args.dir === undefined;
const dir = args.dir ?? mkdtempSync(path.join(os.tmpdir(), 'apigw-doctor-bench-'));

try {
  if (generated) {
    console.log(`Writing a bundle of about ${args.events.toLocaleString('en-US')} log events to ${dir} ...`);
    const started = performance.now();
    const bundle = generateBundle({ dir, events: args.events, seed: args.seed });
    console.log(`  ${bundle.events.toLocaleString('en-US')} events, ${formatBytes(bundle.bytes)} in ${bundle.files.length} log files, written in ${formatMs(performance.now() - started)}`);
    const byFormat = new Map<string, { files: number; events: number; bytes: number }>();
    for (const f of bundle.files) {
      const entry = byFormat.get(f.format) ?? { files: 0, events: 0, bytes: 0 };
      entry.files++;
      entry.events += f.events;
      entry.bytes += f.bytes;
      byFormat.set(f.format, entry);
    }
    for (const [format, e] of byFormat) console.log(`    ${format.padEnd(36)} ${String(e.files).padStart(3)} file(s) ${e.events.toLocaleString('en-US').padStart(11)} events ${formatBytes(e.bytes).padStart(10)}`);
  }
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as BenchExpectation;

  // (a) and (b) in turn, each in a fresh process; the fastest run of each counts, since other work
  // on the machine only ever adds time.
  const profFlags = args.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(args.cpuProfDir)] : [];
  const floors: Measured[] = [];
  const diagnoses: Measured[] = [];
  console.log(`\nMeasuring ${args.runs} run(s) of each, in turn: (a) floor = read every log file and JSON.parse every event; (b) diagnoseBundle(dir)`);
  for (let run = 1; run <= args.runs; run++) {
    const a = await runMeasured('./floorChild.ts', [dir]);
    floors.push(a);
    const b = await runMeasured('./diagnoseChild.ts', [dir], run === 1 ? profFlags : []);
    diagnoses.push(b);
    console.log(`  run ${run}: (a) ${formatMs(a.result.ms)} ${formatBytes(a.peakRssKb * 1024)}   (b) ${formatMs(b.result.ms)} ${formatBytes(b.peakRssKb * 1024)}`);
  }
  const fastest = (runs: Measured[]) => runs.reduce((best, m) => (m.result.ms < best.result.ms ? m : best));
  const floor = fastest(floors);
  const diagnosis = fastest(diagnoses);

  const r = diagnosis.result;
  const events = Number(floor.result['events']);
  const bytes = Number(floor.result['bytes']);
  const ratio = r.ms / floor.result.ms;
  console.log('');
  printTable([
    ['log events', `${Number((r['stats'] as { eventsRead?: number } | undefined)?.eventsRead ?? 0).toLocaleString('en-US')} read by (b); ${events.toLocaleString('en-US')} events/lines parsed by (a)`],
    ['log bytes', formatBytes(bytes)],
    ['(a) floor time', `${formatMs(floor.result.ms)}  (fastest of ${floors.length}; whole process ${formatMs(floor.processMs)})`],
    ['(b) diagnosis time', `${formatMs(r.ms)}  (fastest of ${diagnoses.length}; whole process ${formatMs(diagnosis.processMs)})`],
    ['ratio (b)/(a)', `${ratio.toFixed(2)}  (target < 1.5)`],
    ['(b) peak RSS', `${formatBytes(Math.max(...diagnoses.map((m) => m.peakRssKb)) * 1024)}  (highest of the runs; target < 300 MB; ${diagnosis.rssSource})`],
    ['(a) peak RSS', `${formatBytes(Math.max(...floors.map((m) => m.peakRssKb)) * 1024)}  (reference)`],
    ['(b) throughput', `${Math.round(events / (r.ms / 1000)).toLocaleString('en-US')} events/s, ${formatBytes(bytes / (r.ms / 1000))}/s`],
  ]);

  const findings = (r['findings'] as { id: string; requestCount: number }[] | undefined) ?? [];
  console.log('\nsanity: expected vs found');
  const rows: [string, string][] = [
    ['root cause', `${expected.rootCause} vs ${String(r['rootCause'])}`],
    ['failing requests', `${expected.failingRequests} vs ${String(r['failingTotal'])} (counted from ${String(r['countedFrom'])})`],
  ];
  for (const id of new Set([...Object.keys(expected.requestCounts), ...findings.map((f) => f.id)])) {
    rows.push([`  ${id}`, `${expected.requestCounts[id] ?? 0} vs ${findings.find((f) => f.id === id)?.requestCount ?? 0}`]);
  }
  printTable(rows);
  const ok = expected.rootCause === r['rootCause'] && expected.failingRequests === r['failingTotal'];
  console.log(ok ? '\nsanity: OK' : '\nsanity: FAILED — the diagnosis does not match what was generated');
  if (args.cpuProfDir) console.log(`CPU profile of (b) written to ${path.resolve(args.cpuProfDir)}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  if (generated && !args.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`bundle kept: ${dir}`);
}
