/**
 * rest-integration-timeout-lambda: a function whose timeout was raised to 60 s behind a REST API with the
 * default 29 s integration timeout. Large reports take 31-48 s: API Gateway answers 504 at 29 s while the
 * function keeps running and finishes (two runs even hit the function's own 60 s timeout, after the 504).
 */
import { alarmEventBridge, countInWindow, firstBreach, functionConfiguration, lookupEvents, metricData, perMinute, restDeployments, restStage } from '../awsDocuments.ts';
import { lambdaIntegrationUri, restExport } from '../apiExport.ts';
import { Bundle } from '../bundle.ts';
import type { GatewayRequest } from '../gatewayRequest.ts';
import { lambdaGroup, type FunctionShape, type Invocation } from '../lambdaLogs.ts';
import { ACCOUNT_ID } from '../logFiles.ts';
import { ExecBuilder, failureLines, lambdaInvokeUri, lambdaRequestLines, restPreamble } from '../restExecution.ts';
import { utc } from '../timeFormats.ts';
import { batchGetTraces, traceSummaries } from '../traces.ts';
import {
  LambdaPool,
  accessLines,
  baseTrace,
  execLines,
  finishExec,
  functionArn,
  lambdaLines,
  newRequest,
  restApi,
  restShape,
  spread,
  type RouteDef,
} from '../traffic.ts';
import { gatewayError, restLambdaProxyOk } from './restFlows.ts';

const ACCESS_FORMAT =
  '{"requestId":"$context.requestId","extendedRequestId":"$context.extendedRequestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","path":"$context.path","status":$context.status,"protocol":"$context.protocol","responseLength":$context.responseLength,"responseLatency":$context.responseLatency,"integrationLatency":"$context.integrationLatency","integrationStatus":"$context.integrationStatus","integrationServiceStatus":"$context.integration.integrationStatus","functionResponseStatus":"$context.integration.status","integrationRequestId":"$context.integration.requestId","errorMessage":"$context.error.message","errorResponseType":"$context.error.responseType","xrayTraceId":"$context.xrayTraceId"}';

export function restIntegrationTimeoutLambda(): Bundle {
  const b = new Bundle('rest-integration-timeout-lambda');
  const rng = b.rng;
  const api = restApi('q7w2e9r4t1', 'reports-api', 'prod', { usagePlan: false, dataTrace: false, tracing: true });
  const fnName = 'reports-fn';
  const fn: FunctionShape = {
    name: fnName,
    arn: functionArn(fnName),
    runtime: 'nodejs20.x',
    runtimeVersion: 'nodejs:20.v32',
    memoryMb: 1024,
    timeoutSeconds: 60,
    format: 'node-text',
    tracing: true,
  };
  const pool = new LambdaPool(rng, fn, [280, 520]);

  const from = utc('2026-03-10T13:46:00Z');
  const onset = utc('2026-03-10T14:03:10Z');
  const to = utc('2026-03-10T14:08:40Z');

  const getReport: RouteDef = { method: 'GET', resourcePath: '/reports/{id}', path: (r) => `/reports/r-${r.int(10000, 99999)}` };
  const listReports: RouteDef = { method: 'GET', resourcePath: '/reports', path: () => '/reports' };

  const requests: GatewayRequest[] = [];
  const invocations: Invocation[] = [];
  const failing: GatewayRequest[] = [];
  const healthyTimes = spread(rng, from, to, 40);
  for (const t of healthyTimes) {
    const list = rng.chance(0.3);
    const req = newRequest(rng, api, t, list ? listReports : getReport);
    const notFound = !list && rng.chance(0.08);
    const duration = notFound ? rng.int(40, 90) + rng.next() : rng.int(180, 1400) + rng.next();
    const inv = restLambdaProxyOk(rng, api, req, {
      functionName: fnName,
      pool,
      durationMs: Math.round(duration * 100) / 100,
      functionStatus: notFound ? 404 : 200,
      responseLength: notFound ? 38 : rng.int(600, 9000),
      app: notFound
        ? [{ at: 12, level: 'WARN', text: `report ${req.path.split('/')[2] ?? ''} not found` }]
        : [{ at: 5, level: 'INFO', text: `${list ? 'listing reports' : `rendering report ${req.path.split('/')[2] ?? ''}`} rows=${rng.int(20, 4000)}` }],
    });
    requests.push(req);
    invocations.push(inv);
  }

  // Large reports after the 13:57 deploy: 31-48 s, two of them still running at the function's own 60 s limit.
  const slowTimes = spread(rng, onset, utc('2026-03-10T14:07:20Z'), 14);
  slowTimes.forEach((t, i) => {
    const req = newRequest(rng, api, t, getReport);
    const shape = restShape(api);
    const eb = new ExecBuilder();
    restPreamble(eb, req, shape);
    lambdaRequestLines(eb, req, shape, lambdaInvokeUri('us-east-1', fn.arn));
    const invokeAt = req.start + eb.now + rng.int(1, 3);
    const hitsOwnTimeout = i === 4 || i === 11;
    const duration = hitsOwnTimeout ? 60_000 + rng.int(20, 80) + rng.next() : rng.int(31_000, 48_000) + rng.next();
    const inv = pool.invoke(invokeAt, Math.round(duration * 100) / 100, req.traceId);
    const reportId = req.path.split('/')[2] ?? '';
    inv.app = [
      { at: 4, level: 'INFO', text: `rendering report ${reportId} rows=${rng.int(180_000, 900_000)}` },
      { at: 9_000 + rng.int(0, 4000), level: 'INFO', text: `aggregation pass 1/3 done for ${reportId}` },
    ];
    if (hitsOwnTimeout) {
      inv.status = 'timeout';
    } else {
      inv.app.push({ at: duration - 6, level: 'INFO', text: `report ${reportId} rendered in ${(duration / 1000).toFixed(1)}s` });
    }
    const waited = 29_000 + rng.int(1, 14);
    failureLines(eb, req, shape, waited, 'Execution failed due to a timeout error', 504);
    finishExec(req, eb);
    gatewayError(req, 504, 'Endpoint request timed out', 'INTEGRATION_TIMEOUT', eb.now + rng.int(1, 5));
    req.integrationLatency = waited;
    requests.push(req);
    invocations.push(inv);
    failing.push(req);
  });
  requests.sort((a, z) => a.start - z.start);

  // Logs.
  b.logs('jsonl-plain', execLines(rng, api, requests, 4));
  const accessGroup = '/aws/apigateway/reports-api-prod-access';
  b.logs('insights', accessLines(rng, accessGroup, ACCESS_FORMAT, requests));
  b.logs('tail-long', lambdaLines(rng, fn, invocations), `logs${lambdaGroup(fn)}`);

  // Traces: a sample of failures and two healthy requests.
  const sample = [...failing.slice(0, 4), ...requests.filter((r) => r.status === 200).slice(0, 1)];
  b.json('traces/batch-get-traces.json', batchGetTraces(sample.map((req) => {
    const inv = invocations.find((i) => i.traceId === req.traceId);
    const spec = baseTrace(api, req);
    spec.integration = {
      kind: 'lambda',
      name: 'Lambda',
      start: req.start + 14,
      end: req.status === 504 ? req.start + (req.integrationLatency ?? 29_000) : (inv ? inv.start + inv.durationMs + 5 : req.start + 20),
      url: lambdaInvokeUri('us-east-1', fn.arn),
      functionName: fnName,
      ...(req.status === 504 ? { fault: true } : { status: 200 }),
      ...(inv ? { awsRequestId: inv.requestId } : {}),
    };
    if (inv) spec.lambdaFunction = { name: fnName, start: inv.start, end: inv.start + inv.durationMs, requestId: inv.requestId };
    return spec;
  }), rng));

  // get-trace-summaries for the failing window (fault requests only, as a `--filter-expression fault` query returns).
  b.json('traces/get-trace-summaries.json', traceSummaries(failing.map((req) => baseTrace(api, req)), (spec) => [{
    Services: [{
      Name: `${spec.apiName}/${spec.stage}`, Names: [`${spec.apiName}/${spec.stage}`], Type: 'AWS::ApiGateway::Stage', AccountId: ACCOUNT_ID,
      EntityPath: [{ Name: `${spec.apiName}/${spec.stage}`, Exceptions: [], Remote: false }, { Name: 'Lambda', Exceptions: [], Remote: true }],
      Inferred: false,
    }],
    ClientImpacting: true,
  }]));

  // Context documents.
  const deployedAt = utc('2026-02-02T09:14:51Z');
  b.json('api/stage.json', restStage({
    stageName: 'prod', deploymentId: 'x8k2pd', loggingLevel: 'INFO', dataTrace: false, tracing: true,
    accessLogFormat: ACCESS_FORMAT, accessLogGroup: accessGroup, created: utc('2025-06-18T11:02:44Z'), updated: deployedAt,
  }));
  b.json('api/deployments.json', restDeployments([
    { id: 'x8k2pd', description: 'reports-api release 2026.02.1', created: deployedAt },
    { id: 'm1t9qa', description: 'reports-api release 2026.01.3', created: utc('2026-01-20T15:40:02Z') },
  ]));
  b.json('api/export.json', restExport('reports-api', api.apiId, 'prod', '2026-02-02T09:14:51Z', [
    { path: '/reports', method: 'GET', integration: { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaIntegrationUri(fnName), passthroughBehavior: 'when_no_match', timeoutInMillis: 29000, contentHandling: 'CONVERT_TO_TEXT' } },
    { path: '/reports/{id}', method: 'GET', pathParams: ['id'], integration: { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaIntegrationUri(fnName), passthroughBehavior: 'when_no_match', timeoutInMillis: 29000, contentHandling: 'CONVERT_TO_TEXT' } },
  ]));
  const configChange = utc('2026-03-10T13:57:12Z');
  b.json('functions/reports-fn.json', functionConfiguration({
    name: fnName, runtime: 'nodejs20.x', handler: 'index.handler', timeoutSeconds: 60, memoryMb: 1024, lastModified: configChange,
    role: `arn:aws:iam::${ACCOUNT_ID}:role/reports-fn-role`, logFormat: 'Text', tracing: true, description: 'Renders customer reports',
    environment: { REPORTS_BUCKET: 'acme-reports-prod', NODE_OPTIONS: '--enable-source-maps' },
  }, rng));
  b.json('changes/cloudtrail-lookup-events.json', lookupEvents([
    {
      time: utc('2026-03-10T13:55:40Z'), eventName: 'UpdateFunctionCode20150331v2', eventSource: 'lambda.amazonaws.com', user: 'mara.costa',
      resources: [{ type: 'AWS::Lambda::Function', name: fnName }],
      requestParameters: { functionName: fnName, publish: false, dryRun: false, s3Bucket: 'acme-deploy-artifacts', s3Key: 'reports-fn/2026.03.10-1/reports-fn.zip' },
    },
    {
      time: configChange, eventName: 'UpdateFunctionConfiguration20150331v2', eventSource: 'lambda.amazonaws.com', user: 'mara.costa',
      resources: [{ type: 'AWS::Lambda::Function', name: fnName }],
      requestParameters: { functionName: fnName, timeout: 60 },
      responseElements: { functionName: fnName, timeout: 60, memorySize: 1024, runtime: 'nodejs20.x', lastUpdateStatus: 'InProgress' },
    },
  ], rng));
  const failTimes = failing.map((r) => r.start);
  const dims = { ApiName: 'reports-api', Stage: 'prod' };
  b.json('metrics/apigateway.json', metricData([
    { id: 'errors5xx', namespace: 'AWS/ApiGateway', metricName: '5XXError', dimensions: dims, stat: 'Sum', periodSeconds: 60, points: perMinute(failTimes, utc('2026-03-10T13:45:00Z'), utc('2026-03-10T14:09:00Z')) },
    { id: 'count', namespace: 'AWS/ApiGateway', metricName: 'Count', dimensions: dims, stat: 'Sum', periodSeconds: 60, points: perMinute(requests.map((r) => r.start), utc('2026-03-10T13:45:00Z'), utc('2026-03-10T14:09:00Z')) },
  ]));
  const breach = firstBreach(failTimes.map((t) => t + 29_000), 1, 60, 31_872);
  const stateChange = breach.stateChange;
  b.json('alarm.json', alarmEventBridge({
    name: 'reports-api-prod-5xx', description: 'reports-api prod 5XXError >= 1 per minute', metricName: '5XXError', dimensions: dims,
    periodSeconds: 60, evaluationPeriods: 5, threshold: 1, stateChangeTime: stateChange,
    breachingValue: breach.value, breachingPeriodStart: breach.start,
  }, rng));

  const inWindow = countInWindow(failing, stateChange, 60, 5);
  b.expected({
    rootCause: 'integration-timeout',
    findings: ['integration-timeout'],
    failingRequests: inWindow,
    api: { id: api.apiId, stage: 'prod', type: 'REST' },
    notes: `${failing.length} GET /reports/{id} requests got 504 INTEGRATION_TIMEOUT at ~29 s; ${inWindow} fall inside the alarm window (state change ${new Date(stateChange).toISOString()}, 5 x 60 s + 15 min before, 5 min after). The function kept running to 31-48 s and finished; two invocations also hit the function's own 60 s timeout ("Task timed out after 60.xx seconds") long after API Gateway had answered, so lambda-timeout is NOT the cause. Suspect change: UpdateFunctionConfiguration timeout -> 60 at 13:57:12Z and UpdateFunctionCode at 13:55:40Z. 404s from the function are 4xx noise.`,
  });
  b.readme(`
# rest-integration-timeout-lambda

**What happened.** \`reports-api\` (REST, stage \`prod\`) calls \`reports-fn\` (Node.js 20, Lambda proxy). At 13:55 a new
build of the function shipped and at 13:57 its timeout was raised from 30 s to 60 s. Large reports now take 31-48 s, but
REST integrations stop waiting at 29 s: from 14:03 API Gateway answers **504 \`{"message": "Endpoint request timed out"}\`**
while the function keeps running and succeeds. Two invocations run into the function's own 60 s timeout too, well after the
504. Root cause: **integration-timeout** (the function did not fail; API Gateway gave up).

**Files.**
- \`logs/API-Gateway-Execution-Logs_q7w2e9r4t1/prod.jsonl\` — JSON Lines \`{"timestamp": <ms>, "message": ...}\`, 4 streams interleaved; INFO level, no usage plan on this stage.
- \`logs/aws/apigateway/reports-api-prod-access.json\` — \`aws logs get-query-results\` (newest first, @log = account:group), custom JSON access log with **unquoted numeric** status/latency fields.
- \`logs/aws/lambda/reports-fn.log\` — \`aws logs tail\` detailed format; Node.js text format, INIT_START/Init Duration cold starts, REPORT + XRAY continuation line, two \`Task timed out after 60.xx seconds\` + \`Status: timeout\`.
- \`traces/batch-get-traces.json\` (sample), \`traces/get-trace-summaries.json\` (all faults), \`metrics/apigateway.json\` (get-metric-data with MetricDataQueries), \`changes/cloudtrail-lookup-events.json\`, \`functions/reports-fn.json\`, \`api/*.json\`, \`alarm.json\` (EventBridge shape).

**Noise.** 40 healthy requests (GET /reports and GET /reports/{id}), function-returned 404s, cold starts across several streams, WARN lines.

**Where the shapes come from.**
- \`Execution failed due to a timeout error\` + \`Method completed with status: 504\`: public reproduction notes for API k1k7gu3ct7 (2025, found with the code index) and lambda-ngrok notes (same texts).
- Body \`{"message": "Endpoint request timed out"}\` (content-length 41) and \`INTEGRATION_TIMEOUT\`, responseLatency ~29009 ms: DataBiosphere/azul issues #6284 and #7824 (REST access logs pasted from Logs Insights); gateway response types: https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
- Execution-log INFO sequence (Extended Request Id, usage plan lines with double spaces, Endpoint response headers with x-amzn-RequestId, X-Amz-Executed-Version): a 2017 execution-log capture in a public fixture file and the podaac/hydrocron#36 test-invoke log.
- Lambda REPORT/START/END/INIT_START text and "Task timed out after N seconds": apex/up#395, DataBiosphere/azul#3766 (START/REPORT in Insights), Lambda docs.
- Access-log variables: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html
`);
  return b;
}
