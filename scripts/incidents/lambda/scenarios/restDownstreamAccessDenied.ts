import { REST_JSON } from '../accessLog.ts';
import { Bundle } from '../bundle.ts';
import { functionSpec, writeFunctionConfig } from '../common.ts';
import { alarmEventBridge, cloudTrailLookup, metricData, restDeployments, restExport, restStage } from '../context.ts';
import { apiId, hex } from '../ids.ts';
import { apiGatewayMetrics } from '../kit.ts';
import type { ApiIdentity, AppLog, ErrorInfo } from '../model.ts';
import { accessLogs, executionLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, pythonProxyResponse, round2 } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';
import { batchGetTraces, type DownstreamCall, traceOfRequest, traceSummaries } from '../xray.ts';

/**
 * A Terraform refactor moves picking-fn's DynamoDB permissions from an inline policy to a managed one that only allows
 * Query. GetItem is now denied: the function logs the AccessDeniedException with its traceback and returns 500 itself.
 * X-Ray shows the DynamoDB subsegment with the error. Python 3.12 text logs.
 */
export function buildRestDownstreamAccessDenied(): Bundle {
  const name = 'rest-downstream-access-denied';
  const rng = createRng(seedFromName(name));
  const api: ApiIdentity = { id: apiId(rng), name: 'fulfilment-api', type: 'REST', stage: 'prod', region: 'us-east-1', account: '586203917742' };
  const change = Date.UTC(2026, 11, 9, 15, 20, 44);
  const liveAt = change + 9_000;
  const from = change - 4 * MINUTE;
  const to = change + 12 * MINUTE;
  const picking = functionSpec(api, { name: 'picking-fn', runtime: 'python3.12', runtimeVersion: 'python:3.12.v58', handler: 'picking.handler.lambda_handler', memorySizeMb: 512, timeoutSeconds: 15, tracing: true, initMs: [620, 980] });
  const labels = functionSpec(api, { name: 'labels-fn', runtime: 'python3.12', runtimeVersion: 'python:3.12.v58', handler: 'labels.handler.lambda_handler', memorySizeMb: 256, timeoutSeconds: 15, tracing: true, initMs: [520, 800] });
  const pickingPool = new EnvironmentPool(rng, picking, 3, from);
  const labelsPool = new EnvironmentPool(rng, labels, 2, from);
  const roleName = `picking-fn-role-${hex(rng, 8)}`;
  const denied = `User: arn:aws:sts::${api.account}:assumed-role/${roleName}/picking-fn is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:${api.region}:${api.account}:table/pick-lists because no identity-based policy allows the dynamodb:GetItem action`;
  const clientError: ErrorInfo = {
    type: 'ClientError',
    qualifiedType: 'botocore.exceptions.ClientError',
    message: `An error occurred (AccessDeniedException) when calling the GetItem operation: ${denied}`,
    stack: [
      '  File "/var/task/picking/repository.py", line 31, in load_pick_list\n    item = self.table.get_item(Key={"orderId": order_id}).get("Item")\n',
      '  File "/var/lang/lib/python3.12/site-packages/boto3/resources/factory.py", line 581, in do_action\n    response = action(self, *args, **kwargs)\n',
      '  File "/var/lang/lib/python3.12/site-packages/boto3/resources/action.py", line 88, in __call__\n    response = getattr(parent.meta.client, operation_name)(*args, **params)\n',
      '  File "/var/lang/lib/python3.12/site-packages/botocore/client.py", line 569, in _api_call\n    return self._make_api_call(operation_name, kwargs)\n',
      '  File "/var/lang/lib/python3.12/site-packages/botocore/client.py", line 1023, in _make_api_call\n    raise error_class(parsed_response, operation_name)\n',
    ],
  };
  const dynamo = (offsetMs: number, durationMs: number, ok: boolean): DownstreamCall => ({
    name: 'DynamoDB', namespace: 'aws', offsetMs, durationMs, status: ok ? 200 : 400,
    aws: { operation: 'GetItem', region: api.region, retries: 0, table_name: 'pick-lists', resource_names: ['pick-lists'] },
    inferredOrigin: 'AWS::DynamoDB::Table',
    ...(ok ? {} : { exception: { type: 'AccessDeniedException', message: denied, remote: true } }),
  });
  const calls = new Map<string, DownstreamCall[]>();

  const requests = simulateTraffic(rng, api, { from, to, perMinute: 7 }, [
    {
      route: { method: 'GET', resourcePath: '/orders/{orderId}/pick-list', makePath: (r) => { const id = `ORD-${r.int(100000, 999999)}`; return { path: `/orders/${id}/pick-list`, params: { orderId: id } }; } },
      weight: 26,
      handle: (ctx) => {
        const r = ctx.rng;
        const id = ctx.shell.pathParameters['orderId'] ?? '';
        const logs: AppLog[] = [{ offsetMs: 2, level: 'INFO', text: `loading pick list for ${id}` }];
        const callMs = round2(r.float(6, 22));
        if (ctx.time >= liveAt) {
          logs.push({ offsetMs: Math.ceil(callMs) + 8, level: 'ERROR', text: `failed to load pick list for ${id}`, error: clientError });
          const req = viaLambda(ctx, picking, pickingPool, { durationMs: round2(callMs + r.float(12, 30)), end: { kind: 'success' }, appLogs: logs, response: payloadResponse(pythonProxyResponse(500, { message: 'internal error' })) });
          calls.set(req.requestId, [dynamo(4, callMs, false)]);
          return req;
        }
        const missing = r.chance(0.05);
        logs.push({ offsetMs: Math.ceil(callMs) + 6, level: missing ? 'WARN' : 'INFO', text: missing ? `no pick list for ${id}` : `pick list ${id}: ${r.int(1, 14)} lines` });
        const req = viaLambda(ctx, picking, pickingPool, { durationMs: round2(callMs + r.float(10, 25)), end: { kind: 'success' }, appLogs: logs, response: payloadResponse(missing ? pythonProxyResponse(404, { message: 'not found' }) : pythonProxyResponse(200, { lines: [] })) });
        calls.set(req.requestId, [dynamo(4, callMs, true)]);
        return req;
      },
    },
    {
      route: { method: 'POST', resourcePath: '/shipments/{shipmentId}/label', makePath: (r) => { const id = `SHP-${hex(r, 8).toUpperCase()}`; return { path: `/shipments/${id}/label`, params: { shipmentId: id } }; }, body: () => '{"carrier":"ups","service":"ground"}' },
      weight: 74,
      handle: (ctx) => {
        const r = ctx.rng;
        const carrierDown = r.chance(0.04);
        return viaLambda(ctx, labels, labelsPool, {
          durationMs: round2(r.float(180, 620)),
          end: { kind: 'success' },
          appLogs: [{ offsetMs: 3, level: carrierDown ? 'WARN' : 'INFO', text: carrierDown ? 'carrier API rate limited, asking client to retry' : 'label created' }],
          response: payloadResponse(carrierDown ? pythonProxyResponse(429, { message: 'retry later' }) : pythonProxyResponse(201, { labelUrl: 'https://labels.example.com/…' })),
        });
      },
    },
  ]);

  const frame = frameIncident(rng, api, requests, { threshold: 2, evaluationPeriods: 2, onset: liveAt, alarmName: 'fulfilment-api-prod-5xx', description: 'fulfilment-api prod 5XXError', topic: 'warehouse-oncall' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = invocationsOf(kept);
  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmEventBridge(rng, frame.alarm));
  const execGroup = `API-Gateway-Execution-Logs_${api.id}/${api.stage}`;
  writeLogFile(bundle, rng, execGroup, until(executionLogs(rng, kept, { logGroup: execGroup, format: 'filter-log-events', dataTrace: false, tracing: true, streams: 3, include: (r) => r.status >= 500 && r.time < liveAt + 3 * MINUTE }), cutoff), 'filter-log-events', api.account);
  const accessFormat = REST_JSON.replace(' }', ', "xrayTraceId":"$context.xrayTraceId", "integrationLatency":"$context.integrationLatency" }');
  const accessGroup = '/aws/apigateway/fulfilment-api-prod';
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, accessFormat, accessGroup), 'jsonl', api.account);
  const lambda = until(lambdaLogs(invocations, 'python-text', api.region), cutoff);
  writeLogFile(bundle, rng, picking.logGroup, lambda.filter((e) => e.logGroup === picking.logGroup), 'jsonl-at', api.account);
  writeLogFile(bundle, rng, labels.logGroup, lambda.filter((e) => e.logGroup === labels.logGroup), 'jsonl-at', api.account);
  const failing = frame.failing;
  const healthyPick = kept.filter((r) => r.resourcePath === '/orders/{orderId}/pick-list' && r.status === 200).slice(-2);
  bundle.json('traces/batch-get-traces.json', batchGetTraces([...failing.slice(0, 5), ...healthyPick].map((r) => traceOfRequest(rng, r, { account: api.account, downstream: calls.get(r.requestId) ?? [] }))));
  bundle.json('traces/trace-summaries.json', traceSummaries(failing.slice(-6).map((r) => ({ req: r, account: api.account, rootCause: { service: 'pick-lists', type: 'AWS::DynamoDB::Table', entity: 'pick-lists', exception: { name: 'AccessDeniedException', message: denied }, remote: true, inferred: true } })), stateChange));

  const deploymentId = hex(rng, 6);
  bundle.json('api/stage.json', restStage({ stageName: api.stage, deploymentId, loggingLevel: 'INFO', dataTraceEnabled: false, accessLogFormat: accessFormat, accessLogDestinationArn: `arn:aws:logs:${api.region}:${api.account}:log-group:${accessGroup}`, tracingEnabled: true, createdDate: Date.UTC(2025, 7, 1, 10, 0, 0), lastUpdatedDate: Date.UTC(2026, 10, 30, 10, 0, 0) }));
  bundle.json('api/deployments.json', restDeployments([{ id: deploymentId, description: 'fulfilment-api 2026-11-30', createdDate: Date.UTC(2026, 10, 30, 9, 59, 58) }]));
  bundle.json('api/export.json', restExport({ apiId: api.id, title: api.name, region: api.region, stage: api.stage, version: Date.UTC(2026, 10, 30, 9, 59, 58), routes: [
    { method: 'GET', path: '/orders/{orderId}/pick-list', functionArn: picking.arn, parameters: ['orderId'] },
    { method: 'POST', path: '/shipments/{shipmentId}/label', functionArn: labels.arn, parameters: ['shipmentId'] },
  ] }));
  writeFunctionConfig(bundle, rng, api, picking, { logFormat: 'Text', lastModified: Date.UTC(2026, 10, 30, 9, 58, 12), role: `arn:aws:iam::${api.account}:role/${roleName}`, environment: { PICK_LISTS_TABLE: 'pick-lists' } });
  writeFunctionConfig(bundle, rng, api, labels, { logFormat: 'Text', lastModified: Date.UTC(2026, 10, 30, 9, 58, 9) });
  bundle.json('metrics/apigateway.json', metricData(apiGatewayMetrics(kept, api, from, cutoff)));
  const tf = { eventSource: 'iam.amazonaws.com', region: 'us-east-1', account: api.account, username: 'terraform-ci', roleName: 'terraform-apply-prod', userAgent: 'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.82.2 aws-sdk-go-v2/1.32.7 api/iam#1.38.3', sourceIp: '34.201.88.14' };
  bundle.json('changes/cloudtrail.json', cloudTrailLookup(rng, [
    { ...tf, time: change - 4_000, eventName: 'AttachRolePolicy', requestParameters: { roleName, policyArn: `arn:aws:iam::${api.account}:policy/picking-dynamodb` }, responseElements: null, resources: [{ type: 'AWS::IAM::Role', name: roleName }, { type: 'AWS::IAM::Policy', name: `arn:aws:iam::${api.account}:policy/picking-dynamodb` }] },
    { ...tf, time: change, eventName: 'DeleteRolePolicy', requestParameters: { roleName, policyName: 'picking-dynamodb-inline' }, responseElements: null, resources: [{ type: 'AWS::IAM::Role', name: roleName }] },
  ]));

  bundle.expected({
    rootCause: 'downstream-access-denied',
    findings: ['downstream-access-denied'],
    failingRequests: frame.failing.length,
    api: { id: api.id, stage: api.stage, type: 'REST' },
    notes: `At ${isoSeconds(change)} Terraform attached managed policy picking-dynamodb (Query only) to ${roleName} and deleted the inline policy that allowed GetItem. picking-fn logs "[ERROR] … failed to load pick list" with a botocore ClientError traceback "An error occurred (AccessDeniedException) when calling the GetItem operation: User: … is not authorized to perform: dynamodb:GetItem …" and returns 500 itself; X-Ray DynamoDB subsegment with error (HTTP 400) and the exception. Alternative: function-error-response. Noise: labels-fn traffic with 429s, 404s before the change.`,
  });
  bundle.readme(`
# rest-downstream-access-denied

**What happened.** At ${isoSeconds(change)} a Terraform refactor attached a managed policy to \`picking-fn\`'s role that allows only \`dynamodb:Query\`
and deleted the inline policy that allowed \`dynamodb:GetItem\`. From then every \`GET /orders/{orderId}/pick-list\` fails inside the function:
boto3 raises \`AccessDeniedException\`, the handler logs it with \`logger.exception\` and returns \`{"statusCode": 500, …}\` itself.
Alarm at ${isoSeconds(stateChange)}.

- API: REST \`${api.name}\` (\`${api.id}\`), stage \`prod\`, X-Ray active; ${api.region}. Functions: python3.12, text log format.
- Expected: \`downstream-access-denied\` (alternative \`function-error-response\`), ${frame.failing.length} failing requests.

**Files.** \`alarm.json\`: EventBridge event. \`logs/API-Gateway-Execution-Logs_${api.id}/prod.json\`: \`filter-log-events\` (no data trace) of the first 3 minutes'
failing requests (\`Method completed with status: 500\` after a 200 from Lambda). \`logs/aws/apigateway/fulfilment-api-prod.jsonl\`: JSON Lines \`{"timestamp","message"}\` of the
console JSON access format plus \`xrayTraceId\`. \`logs/aws/lambda/*.jsonl\`: JSON Lines (\`@timestamp\`/\`@message\`); the traceback is inside the \`[ERROR]\` event.
\`traces/\`: DynamoDB subsegments with \`"error": true\`, HTTP 400 and the AccessDeniedException (an AWS 4xx is an X-Ray *error*, not a fault), and the
inferred \`AWS::DynamoDB::Table\` segment. \`changes/cloudtrail.json\`: IAM AttachRolePolicy and DeleteRolePolicy.

**Noise.** labels-fn traffic (429s from a carrier API with WARN lines), 404s before the change.

**Where the shapes come from.**
- ${SOURCES.pythonText} Python logging with exc_info appends the standard traceback (spaces, not NBSP) after the message.
- ${SOURCES.xray} DynamoDB subsegment fields (\`aws.operation\`, \`aws.table_name\`, \`aws.request_id\`, \`cause.exceptions[].remote\`) as the X-Ray SDK records AWS calls.
- ${SOURCES.executionLog}
- ${SOURCES.restAccess}
- ${SOURCES.alarmEventBridge}
- ${SOURCES.cloudtrail} IAM events AttachRolePolicy / DeleteRolePolicy are recorded in us-east-1.
- ${SOURCES.cli}
`);
  return bundle;
}
