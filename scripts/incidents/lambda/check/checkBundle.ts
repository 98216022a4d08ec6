import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isRootCauseId } from '../../../../shared/model/rootCauses.ts';
import { type AccessFacts, parseAccessRecord } from './accessRecord.ts';
import { readBundleLogs } from './readBundleLogs.ts';

/**
 * Checks one generated bundle: JSON parses where JSON is expected, expected.json is well formed, ids cross-reference
 * between layers (execution log <-> access log <-> Lambda logs <-> X-Ray), times are coherent with the alarm, and the
 * failing-request count of expected.json matches the access log inside the contract's window.
 */

export interface BundleCheck {
  name: string;
  problems: string[];
  facts: { sizeKb: number; accessRecords: number; failing: number; healthy: number; lambdaStarts: number };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function readJson(path: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    problems.push(`${path}: not JSON (${String(e)})`);
    return undefined;
  }
}

function get(value: unknown, ...path: (string | number)[]): unknown {
  let v = value;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = Reflect.get(v, key);
  }
  return v;
}

function alarmTiming(alarm: unknown): { stateChange: number; period: number; evaluationPeriods: number } | undefined {
  const sns = get(alarm, 'StateChangeTime');
  if (typeof sns === 'string') {
    return { stateChange: Date.parse(sns.replace('+0000', 'Z')), period: Number(get(alarm, 'Trigger', 'Period')), evaluationPeriods: Number(get(alarm, 'Trigger', 'EvaluationPeriods')) };
  }
  const eb = get(alarm, 'detail', 'state', 'timestamp');
  if (typeof eb === 'string') {
    // EventBridge events do not carry evaluation periods: assume one, the narrowest window.
    return { stateChange: Date.parse(eb.replace('+0000', 'Z')), period: Number(get(alarm, 'detail', 'configuration', 'metrics', 0, 'metricStat', 'period')), evaluationPeriods: 1 };
  }
  return undefined;
}

export function checkBundle(dir: string, name: string): BundleCheck {
  const problems: string[] = [];
  const root = join(dir, name);
  let size = 0;
  for (const file of walk(root)) {
    size += statSync(file).size;
    if (file.endsWith('.json')) readJson(file, problems);
  }
  const expected = readJson(join(root, 'expected.json'), problems);
  const rootCause = get(expected, 'rootCause');
  const findings = get(expected, 'findings');
  const failingExpected = get(expected, 'failingRequests');
  const stage = get(expected, 'api', 'stage');
  if (typeof rootCause !== 'string' || !isRootCauseId(rootCause)) problems.push(`expected.rootCause ${String(rootCause)} is not a root-cause id`);
  if (!Array.isArray(findings) || findings.some((f) => typeof f !== 'string' || !isRootCauseId(f))) problems.push('expected.findings holds a non-id');
  else if (findings[0] !== rootCause) problems.push('expected.findings does not start with rootCause');
  if (typeof failingExpected !== 'number') problems.push('expected.failingRequests is not a number');
  if (!existsSync(join(root, 'README.md'))) problems.push('README.md missing');

  const logs = readBundleLogs(root);
  problems.push(...logs.problems);
  const access: AccessFacts[] = [];
  const execIds = new Set<string>();
  const execTraceIds = new Set<string>();
  const execLambdaIds = new Set<string>();
  const lambdaStarts = new Set<string>();
  const reportTraceIds = new Set<string>();
  for (const e of logs.events) {
    const exec = /^\(([^)]+)\) /.exec(e.message);
    if (exec) {
      execIds.add(exec[1] ?? '');
      const tr = /X-ray Tracing ID : (1-[0-9a-f]{8}-[0-9a-f]{24})/.exec(e.message);
      if (tr) execTraceIds.add(tr[1] ?? '');
      const failed = /Lambda execution failed with status 200 due to customer function error: [\s\S]*\. Lambda request id: ([0-9a-f-]{36})$/.exec(e.message);
      if (failed) execLambdaIds.add(failed[1] ?? '');
      continue;
    }
    const start = /^START RequestId: ([0-9a-f-]{36})/.exec(e.message) ?? /"type":"platform\.start","record":\{"requestId":"([0-9a-f-]{36})"/.exec(e.message);
    if (start) lambdaStarts.add(start[1] ?? '');
    const xray = /XRAY TraceId: (1-[0-9a-f]{8}-[0-9a-f]{24})/.exec(e.message);
    if (xray) reportTraceIds.add(xray[1] ?? '');
    if (/^(START|END|REPORT|INIT_|XRAY|\{"time"|\[|\d{4}-|RequestId:|Unknown application|Runtime\.|java\.|Java heap)/.test(e.message)) continue;
    const record = parseAccessRecord(e.message);
    if (record) {
      if (record.time === undefined && e.timestamp !== undefined) record.time = e.timestamp;
      access.push(record);
    }
  }
  const accessIds = new Set(access.map((a) => a.requestId));
  if (access.length === 0) problems.push('no access log records found');
  for (const id of execIds) if (!accessIds.has(id)) problems.push(`execution log request ${id} is not in the access log`);
  for (const id of execLambdaIds) if (!lambdaStarts.has(id)) problems.push(`Lambda request id ${id} of the execution log has no START in the Lambda logs`);
  for (const a of access) {
    if (a.lambdaRequestId !== undefined && a.status >= 500 && !lambdaStarts.has(a.lambdaRequestId) && a.status !== 500) problems.push(`access log Lambda id ${a.lambdaRequestId} has no START`);
  }

  // X-Ray: every trace names a request the logs know.
  const knownTraces = new Set([...execTraceIds, ...reportTraceIds, ...access.flatMap((a) => (a.xrayTraceId ? [a.xrayTraceId] : []))]);
  const tracesDir = join(root, 'traces');
  if (existsSync(tracesDir)) {
    for (const file of walk(tracesDir)) {
      const doc = readJson(file, problems);
      const traces = get(doc, 'Traces');
      if (Array.isArray(traces)) {
        for (const t of traces) {
          const id = get(t, 'Id');
          if (typeof id !== 'string' || !knownTraces.has(id)) problems.push(`${file}: trace ${String(id)} unknown to the logs`);
          const segments = get(t, 'Segments');
          for (const s of Array.isArray(segments) ? segments : []) {
            const d = get(s, 'Document');
            const parsed: unknown = typeof d === 'string' ? JSON.parse(d) : undefined;
            const rid = get(parsed, 'aws', 'api_gateway', 'request_id');
            if (typeof rid === 'string' && !accessIds.has(rid)) problems.push(`${file}: API Gateway segment request ${rid} not in the access log`);
            const lid = get(parsed, 'origin') === 'AWS::Lambda' ? get(parsed, 'aws', 'request_id') : undefined;
            if (typeof lid === 'string' && !lambdaStarts.has(lid)) problems.push(`${file}: AWS::Lambda segment ${lid} has no START`);
          }
        }
      }
      const summaries = get(doc, 'TraceSummaries');
      if (Array.isArray(summaries)) for (const s of summaries) if (!knownTraces.has(String(get(s, 'Id')))) problems.push(`${file}: summary ${String(get(s, 'Id'))} unknown to the logs`);
    }
  }

  // Times and the failing count.
  const alarm = existsSync(join(root, 'alarm.json')) ? alarmTiming(readJson(join(root, 'alarm.json'), problems)) : undefined;
  const inScope = access.filter((a) => a.stage === undefined || a.stage === stage);
  const failing = inScope.filter((a) => a.status >= 500);
  if (alarm) {
    const start = alarm.stateChange - alarm.period * 1000 * alarm.evaluationPeriods - 15 * 60_000;
    const end = alarm.stateChange + 5 * 60_000;
    const inWindow = failing.filter((a) => a.time !== undefined && a.time >= start - 1000 && a.time <= end);
    if (typeof failingExpected === 'number' && inWindow.length !== failingExpected) problems.push(`expected.failingRequests ${failingExpected} but the access log has ${inWindow.length} in-scope 5xx in the window`);
    const first = Math.min(...inWindow.map((a) => a.time ?? Infinity));
    if (!(first < alarm.stateChange)) problems.push('the alarm fired before the first failure');
    const trail = existsSync(join(root, 'changes', 'cloudtrail.json')) ? readJson(join(root, 'changes', 'cloudtrail.json'), problems) : undefined;
    const events = get(trail, 'Events');
    for (const ev of Array.isArray(events) ? events : []) {
      const t = Date.parse(String(get(ev, 'EventTime')));
      if (!(t < alarm.stateChange)) problems.push(`CloudTrail ${String(get(ev, 'EventName'))} is after the alarm`);
    }
  } else {
    problems.push('alarm.json missing or unreadable');
  }
  return { name, problems, facts: { sizeKb: Math.round(size / 1024), accessRecords: access.length, failing: failing.length, healthy: access.length - failing.length, lambdaStarts: lambdaStarts.size } };
}
