import { Bundle } from '../bundle.ts';
import { functionSpec, legacyTimeoutResponse, oomKilledResponse, writeFunctionConfig } from '../common.ts';
import { alarmEventBridge, metricData, restDeployments, restExport, restStage } from '../context.ts';
import { apiId, hex } from '../ids.ts';
import { apiGatewayMetrics, lambdaMetrics } from '../kit.ts';
import type { ApiIdentity, AppLog } from '../model.ts';
import { accessLogs, executionLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, idPath, nodeProxyResponse, pythonProxyResponse, round2, staticPath } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';

/**
 * A large tenant is onboarded: its dashboards make report-fn (Node.js, timeout 20 s, legacy log lines) run past its
 * timeout, and its CSV exports make export-fn (Python, 512 MB) run out of memory. Two causes on two routes, more
 * timeouts than OOMs.
 */
export function buildRestTwoCauses(): Bundle {
  const name = 'rest-two-causes-timeout-and-oom';
  const rng = createRng(seedFromName(name));
  const api: ApiIdentity = { id: apiId(rng), name: 'analytics-api', type: 'REST', stage: 'prod', region: 'us-east-1', account: '497226810533' };
  const onset = Date.UTC(2026, 11, 18, 13, 30, 0);
  const from = onset - 4 * MINUTE;
  const to = onset + 12 * MINUTE;
  const report = functionSpec(api, { name: 'report-fn', runtime: 'nodejs18.x', runtimeVersion: 'nodejs:18.v52', handler: 'index.handler', memorySizeMb: 1024, timeoutSeconds: 20, initMs: [260, 480] });
  const exporter = functionSpec(api, { name: 'export-fn', runtime: 'python3.11', runtimeVersion: 'python:3.11.v64', handler: 'export.handler', memorySizeMb: 512, timeoutSeconds: 60, initMs: [600, 950], memoryUsedMb: [120, 160] });
  const reportPool = new EnvironmentPool(rng, report, 4, from);
  const exportPool = new EnvironmentPool(rng, exporter, 2, from);
  const tenant = (r: typeof rng, atOrAfterOnset: boolean): string => (atOrAfterOnset && r.chance(0.5) ? 'tnt_megamart' : `tnt_${hex(r, 6)}`);

  const requests = simulateTraffic(rng, api, { from, to, perMinute: 10 }, [
    {
      route: { method: 'GET', resourcePath: '/dashboards/{dashboardId}', makePath: idPath('/dashboards', 'dashboardId', (r) => `db-${r.int(100, 999)}`) },
      weight: 65,
      handle: (ctx) => {
        const r = ctx.rng;
        const t = tenant(r, ctx.time >= onset);
        const logs: AppLog[] = [{ offsetMs: 2, level: 'INFO', text: `render dashboard ${ctx.shell.pathParameters['dashboardId'] ?? ''} tenant=${t}` }];
        if (t === 'tnt_megamart' && r.chance(0.75)) {
          logs.push({ offsetMs: 6000 + r.int(0, 3000), level: 'WARN', text: `aggregation over ${r.int(30, 90)}M rows still running` });
          const duration = round2(20000 + r.float(4, 40));
          return viaLambda(ctx, report, reportPool, { durationMs: duration, end: { kind: 'timeout' }, appLogs: logs, response: legacyTimeoutResponse(duration) });
        }
        logs.push({ offsetMs: r.int(200, 900), level: 'INFO', text: `dashboard rendered widgets=${r.int(4, 16)}` });
        return viaLambda(ctx, report, reportPool, { durationMs: round2(r.float(300, 2400)), end: { kind: 'success' }, appLogs: logs, response: payloadResponse(nodeProxyResponse(200, { widgets: [] })) });
      },
    },
    {
      route: { method: 'POST', resourcePath: '/exports', makePath: staticPath('/exports'), body: () => '{"dataset":"orders","format":"csv"}' },
      weight: 20,
      handle: (ctx) => {
        const r = ctx.rng;
        const t = tenant(r, ctx.time >= onset);
        const logs: AppLog[] = [{ offsetMs: 2, level: 'INFO', text: `export requested tenant=${t} dataset=orders` }];
        if (t === 'tnt_megamart' && r.chance(0.7)) {
          logs.push({ offsetMs: 400, level: 'INFO', text: 'loading rows into DataFrame' });
          return viaLambda(ctx, exporter, exportPool, { durationMs: round2(r.float(2600, 6400)), end: { kind: 'oom-killed' }, appLogs: logs, maxMemoryUsedMb: 512, response: oomKilledResponse() });
        }
        logs.push({ offsetMs: r.int(400, 1500), level: 'INFO', text: `export written: ${r.int(1, 40)} MB` });
        return viaLambda(ctx, exporter, exportPool, { durationMs: round2(r.float(900, 3800)), end: { kind: 'success' }, appLogs: logs, response: payloadResponse(pythonProxyResponse(202, { exportId: `exp_${hex(r, 10)}` })) });
      },
    },
    {
      route: { method: 'GET', resourcePath: '/exports/{exportId}', makePath: idPath('/exports', 'exportId', (r) => `exp_${hex(r, 10)}`) },
      weight: 15,
      handle: (ctx) => viaLambda(ctx, exporter, exportPool, { durationMs: round2(ctx.rng.float(8, 40)), end: { kind: 'success' }, appLogs: [], response: payloadResponse(pythonProxyResponse(ctx.rng.chance(0.1) ? 404 : 200, { status: 'done' })) }),
    },
  ]);

  const frame = frameIncident(rng, api, requests, { threshold: 2, evaluationPeriods: 2, onset, alarmName: 'analytics-api-prod-5xx', description: 'analytics-api prod 5XXError', topic: 'analytics-oncall' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = invocationsOf(kept);
  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmEventBridge(rng, frame.alarm));
  const execGroup = `API-Gateway-Execution-Logs_${api.id}/${api.stage}`;
  writeLogFile(bundle, rng, execGroup, until(executionLogs(rng, kept, { logGroup: execGroup, format: 'query-results', dataTrace: false, tracing: false, streams: 4, receivedStyle: 'legacy', include: (r) => r.status >= 500 && r.time < onset + 4 * MINUTE }), cutoff), 'query-results', api.account);
  const accessFormat = '{"rid":"$context.requestId","t":"$context.requestTimeEpoch","m":"$context.httpMethod","r":"$context.resourcePath","s":"$context.status","il":"$context.integrationLatency","is":"$context.integrationStatus","lrid":"$context.integration.requestId"}';
  const accessGroup = '/aws/apigateway/analytics-api-prod';
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, accessFormat, accessGroup), 'jsonl', api.account);
  writeLogFile(bundle, rng, report.logGroup, until(lambdaLogs(invocations.filter((i) => i.functionName === report.name), 'node-text', api.region, 'legacy'), cutoff), 'tail', api.account);
  writeLogFile(bundle, rng, exporter.logGroup, until(lambdaLogs(invocations.filter((i) => i.functionName === exporter.name), 'python-text', api.region), cutoff), 'streams', api.account);
  const deploymentId = hex(rng, 6);
  bundle.json('api/stage.json', restStage({ stageName: api.stage, deploymentId, loggingLevel: 'INFO', dataTraceEnabled: false, accessLogFormat: accessFormat, accessLogDestinationArn: `arn:aws:logs:${api.region}:${api.account}:log-group:${accessGroup}`, tracingEnabled: false, createdDate: Date.UTC(2024, 3, 3, 3, 0, 0), lastUpdatedDate: Date.UTC(2026, 11, 1, 12, 0, 0) }));
  bundle.json('api/deployments.json', restDeployments([{ id: deploymentId, description: 'analytics 2026-12-01', createdDate: Date.UTC(2026, 11, 1, 11, 59, 57) }]));
  bundle.json('api/export.json', restExport({ apiId: api.id, title: api.name, region: api.region, stage: api.stage, version: Date.UTC(2026, 11, 1, 11, 59, 57), routes: [
    { method: 'GET', path: '/dashboards/{dashboardId}', functionArn: report.arn, parameters: ['dashboardId'] },
    { method: 'POST', path: '/exports', functionArn: exporter.arn },
    { method: 'GET', path: '/exports/{exportId}', functionArn: exporter.arn, parameters: ['exportId'] },
  ] }));
  writeFunctionConfig(bundle, rng, api, report, { logFormat: 'Text', lastModified: Date.UTC(2026, 10, 20, 9, 0, 0) });
  writeFunctionConfig(bundle, rng, api, exporter, { logFormat: 'Text', lastModified: Date.UTC(2026, 10, 20, 9, 0, 5) });
  bundle.json('metrics/apigateway.json', metricData(apiGatewayMetrics(kept, api, from, cutoff)));
  bundle.json('metrics/lambda.json', metricData([...lambdaMetrics(report.name, invocations, [], from, cutoff).map((q) => ({ ...q, id: `report_${q.id}` })), ...lambdaMetrics(exporter.name, invocations, [], from, cutoff).map((q) => ({ ...q, id: `export_${q.id}` }))]));

  const timeouts = frame.failing.filter((r) => r.invocation?.end.kind === 'timeout').length;
  const ooms = frame.failing.length - timeouts;
  bundle.expected({
    rootCause: 'lambda-timeout',
    findings: ['lambda-timeout', 'lambda-out-of-memory'],
    failingRequests: frame.failing.length,
    api: { id: api.id, stage: api.stage, type: 'REST' },
    notes: `${timeouts} timeouts of report-fn on GET /dashboards/{dashboardId} (legacy lines: "<ISO> <id> Task timed out after 20.0x seconds" after REPORT, REPORT without Status, payload {"errorMessage":"… Task timed out after …"}, "Received response. Integration latency: N ms") and ${ooms} out-of-memory kills of export-fn on POST /exports (Runtime exited with error: signal: killed, REPORT Max Memory Used: 512 MB Status: error Error Type: Runtime.OutOfMemory). Both start with tenant tnt_megamart at ${isoSeconds(onset)}; no AWS change. report-fn's timeout (20 s) is under API Gateway's 29 s, so not integration-timeout.`,
  });
  bundle.readme(`
# rest-two-causes-timeout-and-oom

**What happened.** From ${isoSeconds(onset)} a newly onboarded tenant (\`tnt_megamart\`) starts using the product. Its dashboards make \`report-fn\`
aggregate tens of millions of rows and run past the function's 20 s timeout (${timeouts} failing requests); its CSV exports make \`export-fn\` load
everything into a DataFrame and exceed 512 MB (${ooms} failing requests). API Gateway answers 502 for both. Alarm at ${isoSeconds(stateChange)}.

- API: REST \`${api.name}\` (\`${api.id}\`), stage \`prod\`; ${api.region}. \`report-fn\`: nodejs18.x with the **legacy** log lines (older runtime
  behaviour: "Task timed out after …" line, no Status in REPORT); \`export-fn\`: python3.11 text.
- Expected: findings \`lambda-timeout\` (more requests) then \`lambda-out-of-memory\`; ${frame.failing.length} failing requests in all.

**Files.** \`alarm.json\`: EventBridge event. \`logs/API-Gateway-Execution-Logs_${api.id}/prod.json\`: \`get-query-results\` (newest first) of the first
4 minutes' failing requests, with the older \`Received response. Integration latency: N ms\` line. \`logs/aws/apigateway/analytics-api-prod.jsonl\`:
JSON Lines, access log with short **custom field names**. \`logs/aws/lambda/report-fn.txt\`: \`aws logs tail\` (detailed);
\`logs/aws/lambda/export-fn/<stream>.json\`: one \`get-log-events\` file per stream.

**Noise.** Other tenants' dashboards and exports succeed, 404s on export status, WARN lines about long aggregations.

**Where the shapes come from.**
- ${SOURCES.legacyTimeout}
- ${SOURCES.java} (the same sandbox-kill lines apply to Python)
- ${SOURCES.executionLog}
- ${SOURCES.nodeText}
- ${SOURCES.pythonText}
- ${SOURCES.alarmEventBridge}
- ${SOURCES.cli}
`);
  return bundle;
}
