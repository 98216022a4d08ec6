/**
 * Checks the gateway-side bundles: JSON parses where JSON is expected (except the files rest-corrupt-file breaks on
 * purpose), expected.json is well formed, sizes stay under 300 KB, ids cross-reference between layers, and the failing
 * requests counted from the access log inside the alarm window equal expected.failingRequests.
 * Run: npx tsx scripts/incidents/gateway-incidents-check.ts   (exit 1 on any problem)
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRootCauseId } from '../../shared/model/rootCauses.ts';
import { BUILDERS } from './gateway/registry.ts';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'events', 'incidents');
const MAX_BYTES = 300 * 1024;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Files rest-corrupt-file damages on purpose. */
const DELIBERATELY_BROKEN = new Set([
  'rest-corrupt-file/logs/API-Gateway-Execution-Logs_l3d9g5r8k1/prod-page2.json',
  'rest-corrupt-file/logs/aws/lambda/ledger-shipments-fn.gz',
  'rest-corrupt-file/traces/batch-get-traces.json',
  'rest-corrupt-file/traces/trace-summaries.json',
]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** The messages (with times where the shape has them) of a log file, whatever CLI shape it has. */
function messagesOf(path: string, text: string): { time?: number; message: string }[] {
  if (path.endsWith('.json')) {
    const doc: unknown = JSON.parse(text);
    if (isObject(doc) && Array.isArray(doc['events'])) {
      return doc['events'].filter(isObject).map((e) => ({ time: Number(e['timestamp']), message: String(e['message']) }));
    }
    if (isObject(doc) && Array.isArray(doc['results'])) {
      return doc['results'].filter(Array.isArray).map((row) => {
        const fields = new Map<string, string>();
        for (const cell of row) if (isObject(cell)) fields.set(String(cell['field']), String(cell['value']));
        return { time: Date.parse(`${(fields.get('@timestamp') ?? '').replace(' ', 'T')}Z`), message: fields.get('@message') ?? '' };
      });
    }
    throw new Error('unknown JSON log shape');
  }
  if (path.endsWith('.jsonl')) {
    return text.split('\n').filter((l) => l.trim() !== '').map((line) => {
      const row: unknown = JSON.parse(line);
      if (!isObject(row)) throw new Error('JSON Lines row is not an object');
      if ('@message' in row) return { time: Date.parse(`${String(row['@timestamp']).replace(' ', 'T')}Z`), message: String(row['@message']) };
      return { time: Number(row['timestamp']), message: String(row['message']) };
    });
  }
  // Plain text and `aws logs tail`: strip a leading time (and stream for the detailed format).
  return text.split('\n').filter((l) => l !== '').map((line) => {
    const long = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00) [0-9a-zA-Z/[\]$_-]+ (.*)$/.exec(line);
    if (long) return { time: Date.parse(long[1] ?? ''), message: long[2] ?? '' };
    const short = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d) (.*)$/.exec(line);
    if (short) return { time: Date.parse(`${short[1] ?? ''}Z`), message: short[2] ?? '' };
    return { message: line };
  });
}

const MONTHS: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };

/** requestTime and status of one access-log message, in any of the formats the bundles use. */
function accessRecord(message: string): { id: string; time: number; status: number } | undefined {
  const time = /(\d\d)\/(\w{3})\/(\d{4}):(\d\d:\d\d:\d\d) \+0000/.exec(message);
  const id = (message.match(UUID) ?? [])[0];
  if (!time || !id) return undefined;
  const ms = Date.parse(`${time[3]}-${MONTHS[time[2] ?? ''] ?? '01'}-${time[1]}T${time[4]}Z`);
  let status: number | undefined;
  if (message.trimStart().startsWith('{')) {
    const doc: unknown = JSON.parse(message);
    if (isObject(doc)) status = Number(doc['status']);
  } else if (message.startsWith('<request')) {
    status = Number(/<status>(\d+)<\/status>/.exec(message)?.[1]);
  } else if (/" \d{3} /.test(message)) {
    status = Number(/" (\d{3}) /.exec(message)?.[1]);
  } else {
    status = Number(message.split(',')[7]);
  }
  return status === undefined || Number.isNaN(status) ? undefined : { id, time: ms, status };
}

function check(name: string): string[] {
  const problems: string[] = [];
  const dir = join(ROOT, name);
  const files = walk(dir);
  const rel = (f: string): string => relative(ROOT, f);
  let bytes = 0;
  const parsed = new Map<string, unknown>();
  for (const f of files) {
    bytes += statSync(f).size;
    const r = rel(f);
    if (DELIBERATELY_BROKEN.has(r)) {
      if (f.endsWith('.json')) {
        try {
          JSON.parse(readFileSync(f, 'utf8'));
          problems.push(`${r}: meant to be broken but parses`);
        } catch {
          // expected
        }
      }
      continue;
    }
    const text = readFileSync(f, 'utf8');
    try {
      if (f.endsWith('.json')) parsed.set(relative(dir, f), JSON.parse(text) as Json);
      if (f.endsWith('.jsonl')) for (const line of text.split('\n')) if (line.trim()) JSON.parse(line);
    } catch (e) {
      problems.push(`${r}: does not parse: ${(e as Error).message}`);
    }
  }
  if (bytes > MAX_BYTES) problems.push(`${name}: ${bytes} bytes, over 300 KB`);
  for (const required of ['expected.json', 'README.md']) if (!files.some((f) => relative(dir, f) === required)) problems.push(`${name}: no ${required}`);
  if (!files.some((f) => relative(dir, f).startsWith('logs/'))) problems.push(`${name}: no log file`);

  const expected = parsed.get('expected.json');
  if (!isObject(expected)) return [...problems, `${name}: expected.json is not an object`];
  const rootCause = String(expected['rootCause']);
  const findings = Array.isArray(expected['findings']) ? expected['findings'].map(String) : [];
  if (!isRootCauseId(rootCause)) problems.push(`${name}: unknown rootCause ${rootCause}`);
  for (const f of findings) if (!isRootCauseId(f)) problems.push(`${name}: unknown finding ${f}`);
  if (rootCause !== 'insufficient-evidence' && findings[0] !== rootCause) problems.push(`${name}: rootCause is not the first finding`);
  const api = isObject(expected['api']) ? expected['api'] : {};
  const failingRequests = Number(expected['failingRequests']);
  if (!Number.isInteger(failingRequests) || failingRequests < 0) problems.push(`${name}: failingRequests not a count`);

  // Messages by file.
  const logs = new Map<string, { time?: number; message: string }[]>();
  for (const f of files) {
    const r = relative(dir, f);
    if (!r.startsWith('logs/') || DELIBERATELY_BROKEN.has(rel(f))) continue;
    try {
      logs.set(r, messagesOf(f, readFileSync(f, 'utf8')));
    } catch (e) {
      problems.push(`${rel(f)}: unreadable log: ${(e as Error).message}`);
    }
  }
  const all = [...logs.entries()];
  const execFiles = all.filter(([, m]) => m.some((x) => /^\([0-9a-f-]{36}\) /.test(x.message)));
  const stage = parsed.get('api/stage.json');
  const accessGroup = isObject(stage)
    ? String((isObject(stage['accessLogSettings']) ? stage['accessLogSettings']['destinationArn'] : isObject(stage['AccessLogSettings']) ? stage['AccessLogSettings']['DestinationArn'] : '') ?? '').replace(/^.*:log-group:/, '')
    : '';
  const accessFiles = all.filter(([path]) => accessGroup !== '' && path.replace(/\.(json|jsonl|log)$/, '') === `logs/${accessGroup.replace(/^\//, '')}`);
  if (accessGroup !== '' && accessFiles.length === 0) problems.push(`${name}: no file for access log group ${accessGroup}`);
  const lambdaText = all.filter(([path]) => path.startsWith('logs/aws/lambda/')).flatMap(([, m]) => m.map((x) => x.message)).join('\n');

  // Access records.
  const access = accessFiles.flatMap(([, m]) => m.map((x) => accessRecord(x.message)).filter((x): x is { id: string; time: number; status: number } => x !== undefined));
  const accessIds = new Set(access.map((a) => a.id));
  // 1. Every execution-log request id (of the stage in scope) is in the access log.
  const stageName = String(api['stage'] ?? '');
  for (const [path, messages] of execFiles) {
    if (!path.includes(`_${String(api['id'])}/${stageName}`)) continue;
    if (accessIds.size === 0) continue;
    const ids = new Set(messages.map((m) => /^\(([0-9a-f-]{36})\)/.exec(m.message)?.[1]).filter((x): x is string => x !== undefined));
    for (const id of ids) if (!accessIds.has(id)) problems.push(`${name}: execution-log request ${id} missing from the access log`);
  }
  // 2. Lambda request ids API Gateway saw are in the function logs (when the bundle has them).
  if (lambdaText !== '') {
    for (const [, messages] of execFiles) {
      for (const m of messages) {
        const lambdaId = /x-amzn-RequestId=([0-9a-f-]{36})/.exec(m.message)?.[1];
        if (lambdaId && !lambdaText.includes(lambdaId)) problems.push(`${name}: Lambda request ${lambdaId} not in any Lambda log`);
      }
    }
    for (const record of accessFiles.flatMap(([, m]) => m)) {
      const auth = /"authorizerRequestId":"([0-9a-f-]{36})"/.exec(record.message)?.[1];
      if (auth && !lambdaText.includes(auth)) problems.push(`${name}: authorizer request ${auth} not in the authorizer's log`);
    }
  }
  // 3. Trace ids in traces/ appear in the execution or access log.
  const logText = all.flatMap(([, m]) => m.map((x) => x.message)).join('\n');
  for (const [path, doc] of parsed) {
    if (!path.startsWith('traces/') || !isObject(doc) || !Array.isArray(doc['Traces'])) continue;
    for (const t of doc['Traces']) {
      const id = isObject(t) ? String(t['Id']) : '';
      if (!logText.includes(id)) problems.push(`${name}: trace ${id} not in any log`);
    }
  }
  // 4. Alarm names the API in scope.
  const alarm = parsed.get('alarm.json');
  if (isObject(alarm)) {
    const dims: Record<string, string> = {};
    const detail = isObject(alarm['detail']) ? alarm['detail'] : undefined;
    if (detail && isObject(detail['configuration']) && Array.isArray(detail['configuration']['metrics'])) {
      const m0 = detail['configuration']['metrics'][0];
      const metric = isObject(m0) && isObject(m0['metricStat']) && isObject(m0['metricStat']['metric']) ? m0['metricStat']['metric'] : {};
      if (isObject(metric['dimensions'])) for (const [k, v] of Object.entries(metric['dimensions'])) dims[k] = String(v);
    } else if (isObject(alarm['Trigger']) && Array.isArray(alarm['Trigger']['Dimensions'])) {
      for (const d of alarm['Trigger']['Dimensions']) if (isObject(d)) dims[String(d['name'])] = String(d['value']);
    }
    if (dims['Stage'] !== stageName) problems.push(`${name}: alarm Stage ${dims['Stage']} != ${stageName}`);
    const exportDoc = parsed.get('api/export.json');
    const title = isObject(exportDoc) && isObject(exportDoc['info']) ? String(exportDoc['info']['title']) : undefined;
    if (api['type'] === 'REST' && title !== undefined && dims['ApiName'] !== title) problems.push(`${name}: alarm ApiName ${dims['ApiName']} != ${title}`);
    if (api['type'] === 'HTTP' && dims['ApiId'] !== api['id']) problems.push(`${name}: alarm ApiId ${dims['ApiId']} != ${String(api['id'])}`);
    // 5. The access log's 5xx inside the window equal expected.failingRequests.
    const change = Date.parse(String(detail && isObject(detail['state']) ? detail['state']['timestamp'] : alarm['StateChangeTime']).replace('+0000', 'Z'));
    const trigger = isObject(alarm['Trigger']) ? alarm['Trigger'] : undefined;
    const m0 = detail && isObject(detail['configuration']) && Array.isArray(detail['configuration']['metrics']) ? detail['configuration']['metrics'][0] : undefined;
    const period = trigger ? Number(trigger['Period']) : isObject(m0) && isObject(m0['metricStat']) ? Number(m0['metricStat']['period']) : 60;
    const evaluations = trigger ? Number(trigger['EvaluationPeriods']) : Number((/last (\d+) datapoints/.exec(detail && isObject(detail['state']) ? String(detail['state']['reason']) : '') ?? [])[1] ?? 1);
    const start = change - period * evaluations * 1000 - 15 * 60_000;
    const end = change + 5 * 60_000;
    if (access.length > 0 && access.some((a) => a.time >= start && a.time <= end)) {
      // requestTime has whole seconds: compare with a one-second slack at the window start.
      const inWindow = access.filter((a) => a.status >= 500 && a.time >= start - 1000 && a.time <= end).length;
      if (inWindow !== failingRequests) problems.push(`${name}: access log has ${inWindow} 5xx in the window, expected.json says ${failingRequests}`);
    }
  }
  return problems;
}

function main(): void {
  let failed = 0;
  for (const name of Object.keys(BUILDERS)) {
    const problems = check(name);
    const expected: unknown = JSON.parse(readFileSync(join(ROOT, name, 'expected.json'), 'utf8'));
    const summary = isObject(expected) ? `${String(expected['rootCause'])} (${String(expected['failingRequests'])})` : '?';
    console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name.padEnd(46)} ${summary}`);
    for (const p of problems.slice(0, 12)) console.log(`     - ${p}`);
    if (problems.length > 0) failed += 1;
  }
  console.log(`${Object.keys(BUILDERS).length - failed} passed, ${failed} failed`);
  if (failed > 0) process.exit(1);
}

main();
