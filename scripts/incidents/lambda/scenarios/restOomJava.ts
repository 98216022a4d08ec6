import { REST_CLF } from '../accessLog.ts';
import { Bundle } from '../bundle.ts';
import { functionSpec, oomKilledResponse, unhandledResponse, writeFunctionConfig } from '../common.ts';
import { alarmSnsMessage, cloudTrailLookup, metricData, restDeployments, restExport, restStage } from '../context.ts';
import { apiId, hex } from '../ids.ts';
import { lambdaMetrics } from '../kit.ts';
import type { ApiIdentity, AppLog, ErrorInfo } from '../model.ts';
import { accessLogs, executionLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, idPath, nodeProxyResponse, round2 } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';

/**
 * A cost review halves report-export-fn's memory (2048 -> 1024 MB). Exports of large reports now run out of memory:
 * some throw java.lang.OutOfMemoryError: Java heap space inside the JVM, most are killed by the sandbox
 * (REPORT Max Memory Used == Memory Size, Status: error, Error Type: Runtime.OutOfMemory). Java 21.
 */
export function buildRestOomJava(): Bundle {
  const name = 'rest-lambda-out-of-memory-java';
  const rng = createRng(seedFromName(name));
  const api: ApiIdentity = { id: apiId(rng), name: 'reports-api', type: 'REST', stage: 'live', region: 'eu-central-1', account: '271830466054' };
  const change = Date.UTC(2026, 5, 3, 10, 2, 41);
  const liveAt = change + 28_000;
  const from = change - 4 * MINUTE;
  const to = change + 12 * MINUTE;
  const exporter = functionSpec(api, { name: 'report-export-fn', runtime: 'java21', runtimeVersion: 'java:21.v29', handler: 'com.example.reports.ReportExportHandler::handleRequest', memorySizeMb: 1024, timeoutSeconds: 60, initMs: [2400, 3900], memoryUsedMb: [210, 260] });
  const pool = new EnvironmentPool(rng, exporter, 3, from);
  pool.recycleAt(liveAt);
  const heap: ErrorInfo = {
    type: 'java.lang.OutOfMemoryError',
    message: 'Java heap space',
    stack: [
      'java.base/java.util.Arrays.copyOf(Arrays.java:3541)',
      'java.base/java.io.ByteArrayOutputStream.ensureCapacity(ByteArrayOutputStream.java:100)',
      'java.base/java.io.ByteArrayOutputStream.write(ByteArrayOutputStream.java:132)',
      'org.apache.poi.xssf.usermodel.XSSFWorkbook.write(XSSFWorkbook.java:418)',
      'com.example.reports.XlsxWriter.write(XlsxWriter.java:77)',
      'com.example.reports.ReportExportHandler.handleRequest(ReportExportHandler.java:58)',
      'com.example.reports.ReportExportHandler.handleRequest(ReportExportHandler.java:21)',
    ],
  };

  const requests = simulateTraffic(rng, api, { from, to, perMinute: 7 }, [
    {
      route: { method: 'GET', resourcePath: '/reports/{reportId}/export', makePath: (r) => { const id = `rpt-${hex(r, 8)}`; return { path: `/reports/${id}/export`, params: { reportId: id } }; }, query: (r) => ({ format: r.pick(['xlsx', 'csv']) }) },
      weight: 60,
      handle: (ctx) => {
        const r = ctx.rng;
        const rows = r.chance(0.42) ? r.int(180_000, 620_000) : r.int(800, 40_000);
        const big = rows > 150_000;
        const logs: AppLog[] = [{ offsetMs: 4, level: 'INFO', text: `exporting report ${ctx.shell.pathParameters['reportId'] ?? ''} rows=${rows} format=${ctx.shell.query['format'] ?? 'xlsx'}` }];
        if (big && ctx.time >= liveAt) {
          logs.push({ offsetMs: 900, level: 'WARN', text: `large export: buffering ${rows} rows in memory` });
          if (r.chance(0.3)) {
            return viaLambda(ctx, exporter, pool, { durationMs: round2(r.float(4200, 9800)), end: { kind: 'unhandled', error: heap }, appLogs: logs, maxMemoryUsedMb: 1024, response: unhandledResponse(heap, 'java') });
          }
          return viaLambda(ctx, exporter, pool, { durationMs: round2(r.float(3100, 8700)), end: { kind: 'oom-killed' }, appLogs: logs, maxMemoryUsedMb: 1024, response: oomKilledResponse() });
        }
        if (big) logs.push({ offsetMs: 900, level: 'WARN', text: `large export: buffering ${rows} rows in memory` });
        const duration = big ? r.float(7000, 14000) : r.float(600, 2600);
        logs.push({ offsetMs: Math.floor(duration) - 20, level: 'INFO', text: `export written to s3://reports-exports-${api.account}/${hex(r, 16)}.xlsx` });
        return viaLambda(ctx, exporter, pool, { durationMs: round2(duration), end: { kind: 'success' }, appLogs: logs, maxMemoryUsedMb: big ? r.int(1300, 1790) : undefined, response: payloadResponse(nodeProxyResponse(200, { url: 'https://reports-exports.s3.eu-central-1.amazonaws.com/…' })) });
      },
    },
    {
      route: { method: 'GET', resourcePath: '/reports/{reportId}', makePath: idPath('/reports', 'reportId', (r) => `rpt-${hex(r, 8)}`) },
      weight: 40,
      handle: (ctx) => {
        const r = ctx.rng;
        const missing = r.chance(0.08);
        return viaLambda(ctx, exporter, pool, {
          durationMs: round2(r.float(40, 160)),
          end: { kind: 'success' },
          appLogs: [{ offsetMs: 3, level: 'INFO', text: missing ? 'report not found' : 'report metadata loaded' }],
          response: payloadResponse(missing ? nodeProxyResponse(404, { message: 'no such report' }) : nodeProxyResponse(200, { status: 'ready' })),
        });
      },
    },
  ]);

  const frame = frameIncident(rng, api, requests, { threshold: 1, evaluationPeriods: 3, onset: liveAt, alarmName: 'reports-api-live-5XXError', description: 'reports-api live stage returns 5XX', topic: 'reports-oncall' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = invocationsOf(kept);
  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmSnsMessage(frame.alarm));
  const execGroup = `API-Gateway-Execution-Logs_${api.id}/${api.stage}`;
  writeLogFile(bundle, rng, execGroup, executionLogs(rng, kept, { logGroup: execGroup, format: 'query-results', dataTrace: false, tracing: false, streams: 3, include: (r) => r.status >= 500 }), 'query-results', api.account);
  const accessGroup = '/aws/apigateway/reports-api-live';
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, REST_CLF, accessGroup), 'filter-log-events', api.account);
  writeLogFile(bundle, rng, exporter.logGroup, until(lambdaLogs(invocations, 'java-text', api.region), cutoff), 'tail-short', api.account);

  const deploymentId = hex(rng, 6);
  bundle.json('api/stage.json', restStage({ stageName: api.stage, deploymentId, loggingLevel: 'INFO', dataTraceEnabled: false, accessLogFormat: REST_CLF, accessLogDestinationArn: `arn:aws:logs:${api.region}:${api.account}:log-group:${accessGroup}`, tracingEnabled: false, createdDate: Date.UTC(2024, 10, 12, 8, 0, 0), lastUpdatedDate: Date.UTC(2026, 4, 20, 7, 45, 0) }));
  bundle.json('api/deployments.json', restDeployments([{ id: deploymentId, description: 'reports-api v41', createdDate: Date.UTC(2026, 4, 20, 7, 44, 57) }]));
  bundle.json('api/export.json', restExport({ apiId: api.id, title: api.name, region: api.region, stage: api.stage, version: Date.UTC(2026, 4, 20, 7, 44, 57), routes: [
    { method: 'GET', path: '/reports/{reportId}/export', functionArn: exporter.arn, parameters: ['reportId'] },
    { method: 'GET', path: '/reports/{reportId}', functionArn: exporter.arn, parameters: ['reportId'] },
  ] }));
  writeFunctionConfig(bundle, rng, api, exporter, { logFormat: 'Text', lastModified: change + 410, environment: { EXPORT_BUCKET: `reports-exports-${api.account}`, JAVA_TOOL_OPTIONS: '-XX:+TieredCompilation -XX:TieredStopAtLevel=1' }, codeSize: 31_884_214 });
  bundle.json('metrics/lambda-report-export-fn.json', metricData(lambdaMetrics(exporter.name, invocations, [], from, cutoff)));
  bundle.json('changes/cloudtrail.json', cloudTrailLookup(rng, [{
    time: change, eventName: 'UpdateFunctionConfiguration20150331v2', eventSource: 'lambda.amazonaws.com', region: api.region, account: api.account,
    username: 'marek.nowak', roleName: 'AWSReservedSSO_FinOpsAccess_7d2e91c04b3a8f16', userAgent: 'console.amazonaws.com', sourceIp: '81.2.69.142',
    requestParameters: { functionName: exporter.name, memorySize: 1024 },
    responseElements: { functionName: exporter.name, runtime: 'java21', timeout: 60, memorySize: 1024, version: '$LATEST', lastUpdateStatus: 'InProgress' },
    resources: [{ type: 'AWS::Lambda::Function', name: exporter.name }],
  }]));

  const killed = frame.failing.filter((r) => r.invocation?.end.kind === 'oom-killed').length;
  bundle.expected({
    rootCause: 'lambda-out-of-memory',
    findings: ['lambda-out-of-memory'],
    failingRequests: frame.failing.length,
    api: { id: api.id, stage: api.stage, type: 'REST' },
    notes: `MemorySize 2048 -> 1024 MB at ${isoSeconds(change)} (console, marek.nowak). Large exports: ${killed} killed by the sandbox (RequestId: … Error: Runtime exited with error: signal: killed / Runtime.ExitError, REPORT Max Memory Used: 1024 MB Status: error Error Type: Runtime.OutOfMemory) and ${frame.failing.length - killed} with java.lang.OutOfMemoryError: Java heap space (an unhandled error whose type says memory; count it as out-of-memory). Noise: 404, WARN lines, long Java cold starts.`,
  });
  bundle.readme(`
# rest-lambda-out-of-memory-java

**What happened.** At ${isoSeconds(change)} a FinOps review lowered \`report-export-fn\`'s memory from 2048 MB to 1024 MB in the console.
Exports of reports with more than ~150,000 rows buffer the workbook in memory; from ${isoSeconds(liveAt)} they run out of memory. Most
are killed by the sandbox (\`Runtime exited with error: signal: killed\`, REPORT \`Max Memory Used: 1024 MB\` = \`Memory Size\`,
\`Status: error\tError Type: Runtime.OutOfMemory\`); some fail inside the JVM with \`java.lang.OutOfMemoryError: Java heap space\`.
API Gateway answers 502. Alarm (SNS) at ${isoSeconds(stateChange)}.

- API: REST \`${api.name}\` (\`${api.id}\`), stage \`live\`; ${api.region}. Function: \`report-export-fn\`, java21 (text logs, log4j-style app lines).
- Expected: \`lambda-out-of-memory\`, ${frame.failing.length} failing requests.

**Files.** \`alarm.json\`: SNS message. \`logs/API-Gateway-Execution-Logs_${api.id}/live.json\`: \`get-query-results\` (newest first) for the
failing requests and the last minutes. \`logs/aws/apigateway/reports-api-live.json\`: \`filter-log-events\` of a **CLF** access log.
\`logs/aws/lambda/report-export-fn.txt\`: \`aws logs tail --format short\` (Java stack lines continue the event before them).

**Noise.** Small exports and metadata reads succeed, 404s, WARN lines for large exports that still fit before the change, 3-4 s Java cold starts.

**Where the shapes come from.**
- ${SOURCES.java}
- ${SOURCES.executionLog}
- ${SOURCES.lambdaPlatform}
- ${SOURCES.restAccess}
- ${SOURCES.alarmSns}
- ${SOURCES.cloudtrail}
- ${SOURCES.cli}
`);
  return bundle;
}
