/**
 * npm run bench:service — issue 4's speed and size figures, each against a baseline measured in the same run:
 * 1. every function's bundle as `cdk synth` builds it (esbuild, minified, ESM) and its size against the 500 KB aim;
 * 2. its cold import in a fresh Node process (median of 5), against importing an empty module the same way;
 * 3. the local workflow's wall time over the sample incidents, against the CLI's diagnosis of the same bundles;
 * 4. state transitions per diagnosis (Step Functions bills per transition; aim: under 60 for a 20-request sample).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const { parseConfig } = await import('../infra/config.ts');
const { synthDiagnosisTemplate } = await import('../infra/synthDiagnosisTemplate.ts');
const { runLocalWorkflow } = await import('./workflowLocal/runLocalWorkflow.ts');
const { diagnoseBundle } = await import('../shared/diagnoseBundle.ts');

const root = fileURLToPath(new URL('..', import.meta.url));
const SAMPLE = ['rest-lambda-timeout', 'http-lambda-timeout', 'rest-two-causes-timeout-and-oom', 'rest-invoke-permission-denied', 'rt-rest-powertools-unhandled-and-rare-oom', 'rt-http-go-ddb-throttle-trace-only', 'rest-authorizer-error', 'http-backend-unreachable-dns'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

// 1. Bundles, exactly as the CLI would deploy them.
const out = await mkdtemp(path.join(tmpdir(), 'apigw-doctor-bench-'));
const parsed = parseConfig(JSON.parse(await readFile(path.join(root, 'infra/config.example.json'), 'utf8')) as unknown);
if ('errors' in parsed) throw new Error(parsed.errors.join('; '));
process.env.CDK_VALIDATION = 'false';
const t0 = performance.now();
const template = synthDiagnosisTemplate(parsed.config, { outdir: out, bundling: true, nag: false }) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> }> };
const synthMs = performance.now() - t0;
const functions: { step: string; file: string; bytes: number }[] = [];
for (const resource of Object.values(template.Resources)) {
  if (resource.Type !== 'AWS::Lambda::Function') continue;
  const step = ((resource.Properties['Environment'] as { Variables?: Record<string, string> } | undefined)?.Variables ?? {})['STEP'];
  // The asset's zip is named by its hash; the cloud assembly keeps the bundled folder as asset.<hash>.
  const key = (resource.Properties['Code'] as { S3Key?: unknown } | undefined)?.S3Key;
  const hash = typeof key === 'string' ? /^([0-9a-f]{64})\.zip$/.exec(key)?.[1] : undefined;
  if (!step || !hash) continue;
  const dir = path.join(out, `asset.${hash}`);
  const entry = (await readdir(dir)).find((f) => /^index\.m?js$/.test(f));
  if (!entry) continue;
  const file = path.join(dir, entry);
  functions.push({ step, file, bytes: (await stat(file)).size });
}
functions.sort((a, b) => a.step.localeCompare(b.step));

// 2. Cold import in a fresh process: the time to import the bundle, measured inside the child.
const node = process.execPath;
const empty = path.join(out, 'empty.mjs');
await writeFile(empty, 'export const handler = async () => ({});\n');
function importMs(file: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-t))`;
  return Number(execFileSync(node, ['--input-type=module', '-e', script], { env: { ...process.env, AWS_REGION: 'us-east-1' } }).toString());
}
const runs = 5;
const baseline = median(Array.from({ length: runs }, () => importMs(empty)));
console.log(`Bundles (cdk synth with esbuild, ${(synthMs / 1000).toFixed(1)} s) and cold import, median of ${runs} fresh processes (${node.includes('node_modules') ? 'Node from node_modules' : 'system Node'} ${process.version}):`);
console.log(`  baseline: importing an empty module takes ${baseline.toFixed(1)} ms`);
console.log('  function                  size   aim 500 KB   import     ratio to baseline');
for (const f of functions) {
  const ms = median(Array.from({ length: runs }, () => importMs(f.file)));
  console.log(`  ${f.step.padEnd(24)} ${kb(f.bytes).padStart(7)}   ${f.bytes <= 500 * 1024 ? 'under' : 'OVER '}        ${ms.toFixed(1).padStart(6)} ms  ${(ms / baseline).toFixed(1)}x   ${ms < 150 ? '(under 150 ms)' : '(OVER 150 ms)'}`);
}
await rm(out, { recursive: true, force: true });

// 3 and 4. The local workflow against the CLI, on the same bundles (one warm-up each).
const incidents = path.join(root, 'events/incidents');
await runLocalWorkflow({ evidence: path.join(incidents, SAMPLE[0] ?? '') }).then((r) => rm(r.storeDir, { recursive: true, force: true }));
await diagnoseBundle(path.join(incidents, SAMPLE[0] ?? ''));
let workflowMs = 0;
let cliMs = 0;
const transitions: number[] = [];
for (const name of SAMPLE) {
  const dir = path.join(incidents, name);
  let t = performance.now();
  await diagnoseBundle(dir);
  cliMs += performance.now() - t;
  t = performance.now();
  const result = await runLocalWorkflow({ evidence: dir });
  workflowMs += performance.now() - t;
  await rm(result.storeDir, { recursive: true, force: true });
  transitions.push(result.transitions);
  console.log(`  ${name.padEnd(44)} ${result.status} ${result.diagnosis?.rootCause.id ?? '-'} (${result.diagnosis?.failingRequests.total ?? 0} failing, ${result.transitions} transitions)`);
}
console.log(`Local workflow over ${SAMPLE.length} incidents: ${(workflowMs / 1000).toFixed(2)} s (${(workflowMs / SAMPLE.length).toFixed(0)} ms each); the CLI on the same bundles: ${(cliMs / 1000).toFixed(2)} s; ratio ${(workflowMs / cliMs).toFixed(1)}x`);
console.log(`State transitions per diagnosis: median ${median(transitions)}, max ${Math.max(...transitions)} (aim: under 60)`);
