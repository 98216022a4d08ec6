/** Child process of the benchmark: diagnoses the bundle named on the command line, as `diagnose --evidence` does. */
import { diagnoseBundle } from '../../shared/diagnoseBundle.ts';
import { printResult } from './childResult.ts';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: diagnoseChild.ts BUNDLE_DIR');
const started = performance.now();
const cpuBefore = process.cpuUsage();
const diagnosis = await diagnoseBundle(dir);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
printResult({
  ms,
  cpuMs: (cpu.user + cpu.system) / 1000,
  maxRssKb: process.resourceUsage().maxRSS,
  rootCause: diagnosis.rootCause.id,
  confidence: diagnosis.rootCause.confidence,
  failingTotal: diagnosis.failingRequests.total,
  countedFrom: diagnosis.failingRequests.countedFrom,
  findings: diagnosis.findings.map((f) => ({ id: f.id, requestCount: f.requestCount })),
  stats: diagnosis.stats,
  gaps: diagnosis.gaps,
});
