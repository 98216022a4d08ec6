/**
 * npm run bench:live [-- INCIDENT ...]
 *
 * The speed of a live diagnosis, on a simulated account: the account is built from an incident bundle
 * (events/incidents/*, default rt-rest-powertools-unhandled-and-rare-oom: a REST API with access, execution and
 * Lambda logs and 40 failing requests, so that the default sample of 20 is drawn) and every AWS call is answered
 * inside the SDK's middleware stack after a simulated latency: 100 ms per call, and a Logs Insights query stays
 * Running until 3 s after its StartQuery. Time is a fake clock (shared/live/virtualTime.ts): it jumps to the next
 * timer whenever nothing else can run, so the simulated latencies add up exactly as on the wire (parallel waits
 * overlap, sequential ones add) and the code's own CPU time counts as zero (it is printed apart, in real ms).
 *
 * Prints, per incident: the simulated wall time, the sequential phases on the critical path with their durations,
 * the Logs Insights queries, the sample size and the API calls; and checks the issue's aim (<= 4 phases,
 * <= 6 queries for a 20-request sample). Exits 1 when an aim is missed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAwsClients } from '../shared/live/awsClients.ts';
import { answerFromBundle, loadBundleAccount } from '../shared/live/bundleAccount.ts';
import { diagnoseLive } from '../shared/live/diagnoseLive.ts';
import { VirtualTime } from '../shared/live/virtualTime.ts';

const QUERY_MS = 3_000;
const CALL_MS = 100;
const AIM = { phases: 4, queries: 6 };
const root = fileURLToPath(new URL('../events/incidents/', import.meta.url));
const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const incidents = names.length > 0 ? names : ['rt-rest-powertools-unhandled-and-rare-oom', 'rest-lambda-timeout', 'rt-http-go-ddb-throttle-trace-only'];

let missed = false;
console.log(`Simulated latency: ${CALL_MS} ms per AWS call; a Logs Insights query is Running for ${QUERY_MS / 1000} s after StartQuery (polled as the runner polls).`);
console.log('Time: a fake clock that jumps to the next timer when nothing can run (exact sums of the simulated latencies).\n');
for (const name of incidents) {
  const account = await loadBundleAccount(path.join(root, name));
  const clients = createAwsClients({ region: account.region, credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } });
  const start = (account.alarm?.stateChangeTime ?? Date.parse('2026-01-01T00:00:00Z')) + 3_600_000;
  const clock = new VirtualTime(start);
  answerFromBundle(clients, account, { latencyMs: () => CALL_MS, sleep: clock.sleep, now: clock.now, runningForMs: QUERY_MS });

  const cpuStarted = performance.now();
  const live = await clock.run(() => diagnoseLive(clients, { kind: 'alarm-event', event: account.alarmDocument }, { clock, region: account.region }));
  const cpuMs = performance.now() - cpuStarted;
  clients.destroy();

  const d = live.diagnosis;
  const wall = clock.now() - start;
  const phases = live.source.phases;
  const queries = d.cost?.logsInsightsQueries ?? 0;
  const calls = (d.cost?.apiCalls ?? []).reduce((n, c) => n + c.count, 0);
  const sample = live.source.sampled.length;
  const failing = live.source.failing?.requests.length ?? 0;
  console.log(`${name}`);
  console.log(`  diagnosis: ${d.rootCause.id} [${d.findings.map((f) => `${f.id}:${f.requestCount}`).join(', ')}], ${d.failingRequests.total} failing requests, ${sample} sampled of ${failing} found`);
  console.log(`  simulated wall time: ${(wall / 1000).toFixed(2)} s   (real CPU time of the run: ${cpuMs.toFixed(0)} ms)`);
  console.log(`  sequential phases on the critical path: ${phases.length}`);
  for (const p of phases) console.log(`    ${((p.end - p.start) / 1000).toFixed(2).padStart(6)} s  ${p.name}`);
  const background = wall - phases.reduce((n, p) => n + (p.end - p.start), 0);
  if (background > 1) console.log(`    ${(background / 1000).toFixed(2).padStart(6)} s  waiting for the background reads (metrics, CloudTrail at 2 lookups/s) after the last phase`);
  console.log(`  Logs Insights queries: ${queries} (${(d.cost?.bytesScanned ?? 0).toLocaleString('en-US')} bytes scanned)`);
  console.log(`  AWS API calls: ${calls} — ${(d.cost?.apiCalls ?? []).map((c) => `${c.service}:${c.action} ${c.count}`).join(', ')}`);
  const phasesOk = phases.length <= AIM.phases;
  const queriesOk = sample < 20 || queries <= AIM.queries;
  console.log(`  aim: <= ${AIM.phases} phases ${phasesOk ? 'met' : 'MISSED'}, <= ${AIM.queries} queries for a 20-request sample ${sample < 20 ? `(n/a: ${sample} sampled)` : queriesOk ? 'met' : 'MISSED'}\n`);
  missed ||= !phasesOk || !queriesOk;
}
process.exitCode = missed ? 1 : 0;
