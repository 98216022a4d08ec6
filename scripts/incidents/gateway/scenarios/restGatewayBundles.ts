/**
 * REST bundles where API Gateway itself (or what it calls directly) fails: mapping template, AWS service integration,
 * Lambda authorizer, API Gateway internal error, insufficient evidence, and two causes at once.
 */
import {
  alarmEventBridge,
  alarmSnsMessage,
  countInWindow,
  firstBreach,
  functionConfiguration,
  lookupEvents,
  metricData,
  perMinute,
  restDeployments,
  restStage,
  type MetricSeriesSpec,
} from '../awsDocuments.ts';
import { lambdaIntegrationUri, restExport } from '../apiExport.ts';
import { Bundle } from '../bundle.ts';
import { ACCESS_FORMATS, type GatewayRequest } from '../gatewayRequest.ts';
import { lambdaGroup, nodeInvokeError, type FunctionShape, type Invocation } from '../lambdaLogs.ts';
import { ACCOUNT_ID, REGION } from '../logFiles.ts';
import { dynamoRequestId, type Random } from '../random.ts';
import {
  ExecBuilder,
  lambdaInvokeUri,
  lambdaRequestLines,
  lambdaResponseLines,
  restPreamble,
} from '../restExecution.ts';
import { amzDate, httpDate, utc } from '../timeFormats.ts';
import {
  LambdaPool,
  accessLines,
  execLines,
  finishExec,
  functionArn,
  lambdaLines,
  newRequest,
  restApi,
  restShape,
  spread,
  type Api,
  type RouteDef,
} from '../traffic.ts';
import { gatewayError, restHttpProxyAnswered, restLambdaProxyOk } from './restFlows.ts';

function restDims(api: Api): Record<string, string> {
  return { ApiName: api.apiName, Stage: api.stage };
}

function restMetrics(api: Api, requests: GatewayRequest[], from: number, to: number): MetricSeriesSpec[] {
  const end = (r: GatewayRequest): number => r.start + r.responseLatency;
  return [
    { id: 'm5xx', namespace: 'AWS/ApiGateway', metricName: '5XXError', dimensions: restDims(api), stat: 'Sum', periodSeconds: 60, points: perMinute(requests.filter((r) => r.status >= 500).map(end), from, to) },
    { id: 'mcount', namespace: 'AWS/ApiGateway', metricName: 'Count', dimensions: restDims(api), stat: 'Sum', periodSeconds: 60, points: perMinute(requests.map(end), from, to) },
  ];
}

const ends = (requests: GatewayRequest[]): number[] => requests.map((r) => r.start + r.responseLatency);

// ---------------------------------------------------------------------------------------------------------------

const INVENTORY_REQUEST_TEMPLATE = '#set($body = $util.parseJson($input.body))\n{\n  "sku": "$body.sku",\n  "quantity": $body.quantity,\n  "attributes": $util.parseJson($body.attributes),\n  "requestedBy": "$context.identity.sourceIp"\n}';

export function restMappingTemplateError(): Bundle {
  const b = new Bundle('rest-mapping-template-error');
  const rng = b.rng;
  const api = restApi('i6n2v8t4r0', 'inventory-api', 'prod', { usagePlan: false, dataTrace: true, tracing: false });
  const fn: FunctionShape = { name: 'inventory-fn', arn: functionArn('inventory-fn'), runtime: 'python3.12', runtimeVersion: 'python:3.12.v40', memoryMb: 512, timeoutSeconds: 15, format: 'python-json', tracing: false };
  const pool = new LambdaPool(rng, fn, [540, 900]);
  const post: RouteDef = { method: 'POST', resourcePath: '/items', path: () => '/items' };
  const get: RouteDef = { method: 'GET', resourcePath: '/items/{id}', path: (r) => `/items/${r.int(10000, 99999)}` };
  const from = utc('2026-01-27T09:50:00Z');
  const deployed = utc('2026-01-27T10:04:51Z');
  const to = utc('2026-01-27T10:13:30Z');
  const requests: GatewayRequest[] = [];
  const failing: GatewayRequest[] = [];
  const invocations: Invocation[] = [];
  const uri = lambdaInvokeUri(REGION, fn.arn);
  for (const t of spread(rng, from, to, 52)) {
    const isPost = rng.chance(0.4);
    const req = newRequest(rng, api, t, isPost ? post : get);
    const shape = restShape(api);
    const eb = new ExecBuilder();
    const sku = `SKU-${rng.int(100000, 999999)}`;
    const body = `{"sku":"${sku}","quantity":${rng.int(1, 40)},"attributes":{"color":"${rng.pick(['red', 'blue', 'black'])}","size":"${rng.pick(['S', 'M', 'L'])}"}}`;
    restPreamble(eb, req, shape);
    if (isPost) eb.steps[eb.steps.length - 1] = { at: eb.now, text: `Method request body before transformations: ${body}` };
    if (isPost && t >= deployed) {
      // The new template parses "attributes" as a JSON string, but clients send an object: the transform fails.
      eb.add('Execution failed due to configuration error: Unable to transform request', 1);
      eb.add('Method completed with status: 500', 0);
      finishExec(req, eb);
      gatewayError(req, 500, 'Internal server error', 'API_CONFIGURATION_ERROR', eb.now + rng.int(1, 3));
      failing.push(req);
      requests.push(req);
      continue;
    }
    lambdaRequestLines(eb, req, shape, uri, isPost ? `{"sku":"${sku}","quantity":3,"attributes":{"color":"red"},"requestedBy":"${req.ip}"}` : `{"id":"${req.path.split('/')[2] ?? ''}"}`);
    const invokeAt = req.start + eb.now + 1;
    const inv = pool.invoke(invokeAt, rng.int(25, 240) + rng.next(), undefined);
    inv.app = [{ at: 2, level: 'INFO', text: isPost ? `reserved ${sku}` : `fetched item ${req.path.split('/')[2] ?? ''}` }];
    invocations.push(inv);
    const latency = Math.round(inv.start + inv.durationMs - invokeAt + rng.int(3, 9));
    const resBody = isPost ? `{"sku":"${sku}","status":"RESERVED"}` : `{"id":"${req.path.split('/')[2] ?? ''}","stock":${rng.int(0, 500)}}`;
    lambdaResponseLines(eb, req, shape, { lambdaRequestId: inv.requestId, latency, contentLength: resBody.length, body: resBody }, 200);
    finishExec(req, eb);
    req.status = 200;
    req.responseLength = resBody.length;
    req.integrationLatency = latency;
    req.integrationStatus = 200;
    req.integrationRequestId = inv.requestId;
    req.responseLatency = eb.now + rng.int(1, 3);
    requests.push(req);
  }
  b.logs('tail-short', execLines(rng, api, requests, 3));
  const accessGroup = '/aws/apigateway/inventory-api/prod';
  b.logs('filter-log-events', accessLines(rng, accessGroup, ACCESS_FORMATS.restClf, requests, 2));
  b.logs('filter-log-events', lambdaLines(rng, fn, invocations), `logs${lambdaGroup(fn)}`);

  const breach = firstBreach(ends(failing), 2, 60, 44_020);
  const stateChange = breach.stateChange;
  b.json('alarm.json', alarmSnsMessage({
    name: 'inventory-api-prod-5xx', description: 'inventory-api 5XXError', metricName: '5XXError', dimensions: restDims(api), periodSeconds: 60,
    evaluationPeriods: 2, threshold: 2, stateChangeTime: stateChange, breachingValue: breach.value, breachingPeriodStart: breach.start,
  }));
  b.json('api/stage.json', restStage({ stageName: 'prod', deploymentId: 'q2w8tf', loggingLevel: 'INFO', dataTrace: true, tracing: false, accessLogFormat: ACCESS_FORMATS.restClf, accessLogGroup: accessGroup, created: utc('2025-05-05T05:05:05Z'), updated: deployed }));
  b.json('api/deployments.json', restDeployments([
    { id: 'q2w8tf', description: 'attributes passthrough', created: deployed },
    { id: 'h5k0ze', description: 'inventory 1.14', created: utc('2026-01-12T14:02:33Z') },
  ]));
  b.json('api/export.json', restExport('inventory-api', api.apiId, 'prod', '2026-01-27T10:04:51Z', [
    {
      path: '/items', method: 'POST',
      integration: {
        type: 'aws', httpMethod: 'POST', uri: lambdaIntegrationUri(fn.name), passthroughBehavior: 'when_no_templates', timeoutInMillis: 29000, contentHandling: 'CONVERT_TO_TEXT',
        requestTemplates: { 'application/json': INVENTORY_REQUEST_TEMPLATE },
        responses: { default: { statusCode: '200' } },
      },
    },
    {
      path: '/items/{id}', method: 'GET', pathParams: ['id'],
      integration: {
        type: 'aws', httpMethod: 'POST', uri: lambdaIntegrationUri(fn.name), passthroughBehavior: 'when_no_templates', timeoutInMillis: 29000,
        requestTemplates: { 'application/json': '{"id": "$input.params(\'id\')"}' },
        responses: { default: { statusCode: '200' } },
      },
    },
  ]));
  b.json('changes/lookup-events.json', lookupEvents([
    {
      time: utc('2026-01-27T10:03:12Z'), eventName: 'PutIntegration', eventSource: 'apigateway.amazonaws.com', user: 'sam.okafor',
      resources: [{ type: 'AWS::ApiGateway::RestApi', name: `arn:aws:apigateway:us-east-1::/restapis/${api.apiId}` }],
      requestParameters: { restApiId: api.apiId, resourceId: 'x1y2z3', httpMethod: 'POST', type: 'AWS', integrationHttpMethod: 'POST', uri: lambdaIntegrationUri(fn.name), requestTemplates: { 'application/json': INVENTORY_REQUEST_TEMPLATE }, passthroughBehavior: 'WHEN_NO_TEMPLATES' },
    },
    {
      time: deployed, eventName: 'CreateDeployment', eventSource: 'apigateway.amazonaws.com', user: 'sam.okafor',
      resources: [{ type: 'AWS::ApiGateway::RestApi', name: `arn:aws:apigateway:us-east-1::/restapis/${api.apiId}` }],
      requestParameters: { restApiId: api.apiId, stageName: 'prod', description: 'attributes passthrough' },
      responseElements: { id: 'q2w8tf', description: 'attributes passthrough', createdDate: 'Jan 27, 2026, 10:04:51 AM' },
    },
  ], rng));
  b.json('functions/inventory-fn.json', functionConfiguration({ name: fn.name, runtime: 'python3.12', handler: 'app.handler', timeoutSeconds: 15, memoryMb: 512, lastModified: utc('2026-01-12T13:58:20Z'), role: `arn:aws:iam::${ACCOUNT_ID}:role/inventory-fn`, logFormat: 'JSON', tracing: false }, rng));
  b.json('metrics/apigateway.json', metricData(restMetrics(api, requests, utc('2026-01-27T09:50:00Z'), utc('2026-01-27T10:14:00Z'))));
  const count = countInWindow(failing, stateChange, 60, 2);
  b.expected({
    rootCause: 'mapping-template-error',
    findings: ['mapping-template-error'],
    failingRequests: count,
    api: { id: api.apiId, stage: 'prod', type: 'REST' },
    notes: `After the PutIntegration (10:03:12Z) + CreateDeployment q2w8tf (10:04:51Z) every POST /items fails before the integration: "Execution failed due to configuration error: Unable to transform request" -> 500. The new request template calls $util.parseJson($body.attributes) on an object. inventory-fn is never invoked for them (its logs only show GETs and earlier POSTs). GET /items/{id} stays healthy.`,
  });
  b.readme(`
# rest-mapping-template-error

**What happened.** \`inventory-api\` (REST \`i6n2v8t4r0\`, \`prod\`) uses a non-proxy Lambda (AWS) integration with a VTL
request template on \`POST /items\`. A template change deployed at 10:04:51 calls \`$util.parseJson($body.attributes)\` on a
value that is already an object; every POST now fails in API Gateway with **\`Execution failed due to configuration error:
Unable to transform request\`** → 500, and the function is never called. Root cause: **mapping-template-error**.

**Files.**
- \`logs/API-Gateway-Execution-Logs_i6n2v8t4r0/prod.log\` — \`aws logs tail --format short\`; INFO + data trace (method request body shown before the failure).
- \`logs/aws/apigateway/inventory-api/prod.json\` — \`filter-log-events\`; the REST console **CLF** preset.
- \`logs/aws/lambda/inventory-fn.json\` — \`filter-log-events\`; Python **JSON** log format (platform.start/report, {"timestamp","level","message","logger","requestId"}).
- \`changes/lookup-events.json\` (PutIntegration with the template, CreateDeployment), \`api/*.json\` (requestTemplates in the export), \`alarm.json\` (SNS), \`metrics/apigateway.json\`.

**Noise.** Healthy GETs and pre-change POSTs through the same function, cold starts.

**Where the shapes come from.**
- "Method request body before transformations: ..." → "Execution failed due to configuration error: Unable to transform request" → "Method completed with status: 500":
  a public serverless-thumbnail write-up and two Korean CDK notes quoting CloudWatch (found with the code index), e.g.
  "(1cb53717-ad5c-40fb-9f43-de32825e62e5) Execution failed due to configuration error: Unable to transform request".
- The response-template counterpart ("Unable to transform response") was not found in public material and is not used here.
- REST CLF preset: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html
`);
  return b;
}

// ---------------------------------------------------------------------------------------------------------------

const ORDERS_ACCESS =
  '{"requestId":"$context.requestId","extendedRequestId":"$context.extendedRequestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","responseLength":"$context.responseLength","integrationStatus":"$context.integration.status","integrationLatency":"$context.integration.latency","awsEndpointRequestId":"$context.awsEndpointRequestId","integrationError":"$context.integration.error","errorMessage":"$context.error.message"}';

export function restAwsServiceIntegrationError(): Bundle {
  const b = new Bundle('rest-aws-service-integration-error');
  const rng = b.rng;
  const api = restApi('o1r5d9e3s7', 'orders-ingest', 'prod', { usagePlan: true, dataTrace: true, tracing: false });
  const role = `arn:aws:iam::${ACCOUNT_ID}:role/orders-ingest-apigw-dynamodb`;
  const post: RouteDef = { method: 'POST', resourcePath: '/orders', path: () => '/orders' };
  const get: RouteDef = { method: 'GET', resourcePath: '/orders/{id}', path: (r) => `/orders/ord-${r.hex(8)}` };
  const from = utc('2026-03-24T16:10:00Z');
  const policyChange = utc('2026-03-24T16:22:37Z');
  const effective = policyChange + 6_000;
  const to = utc('2026-03-24T16:31:00Z');
  const requests: GatewayRequest[] = [];
  const failing: GatewayRequest[] = [];
  const denied = (operation: string): string =>
    `{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/orders-ingest-apigw-dynamodb/BackplaneAssumeRoleSession is not authorized to perform: dynamodb:${operation} on resource: arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/orders because no identity-based policy allows the dynamodb:${operation} action"}`;
  for (const t of spread(rng, from, to, 46)) {
    const isPost = rng.chance(0.55);
    const req = newRequest(rng, api, t, isPost ? post : get);
    const shape = restShape(api);
    const eb = new ExecBuilder();
    restPreamble(eb, req, shape);
    const action = isPost ? 'PutItem' : 'GetItem';
    const endpoint = `https://dynamodb.${REGION}.amazonaws.com/?Action=${action}`;
    const orderId = isPost ? `ord-${rng.hex(8)}` : (req.path.split('/')[2] ?? '');
    eb.add(`Endpoint request URI: ${endpoint}`, 1);
    eb.add(`Endpoint request headers: {Authorization=****************************************************************************************9f02ab, X-Amz-Date=${amzDate(t)}, x-amzn-apigateway-api-id=${api.apiId}, Accept=application/json, User-Agent=AmazonAPIGateway_${api.apiId}, X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJ7//////////wEaCXVzLWVhc3QtMSJIMEYCIQ [TRUNCATED]`, 0);
    eb.add(`Endpoint request body after transformations: {"TableName":"orders",${isPost ? `"Item":{"pk":{"S":"${orderId}"},"status":{"S":"NEW"},"total":{"N":"${rng.int(10, 900)}.${rng.int(10, 99)}"}}` : `"Key":{"pk":{"S":"${orderId}"}}`}}`, 0);
    eb.add(`Sending request to ${endpoint}`, 0);
    const latency = rng.int(4, 19);
    eb.jump(eb.now + latency);
    const ddbId = dynamoRequestId(rng);
    const fails = isPost && t >= effective;
    const missing = !isPost && rng.chance(0.1);
    const resBody = fails ? denied(action) : isPost ? '{}' : missing ? '{}' : `{"Item":{"pk":{"S":"${orderId}"},"status":{"S":"SHIPPED"}}}`;
    eb.add(`Received response. Status: ${fails ? 400 : 200}, Integration latency: ${latency} ms`);
    eb.add(`Endpoint response headers: {Server=Server, Date=${httpDate(t + eb.now)}, Content-Type=application/x-amz-json-1.0, Content-Length=${resBody.length}, Connection=keep-alive, x-amzn-RequestId=${ddbId}, x-amz-crc32=${rng.int(100000000, 4294967295)}}`, 0);
    eb.add(`Endpoint response body before transformations: ${resBody}`, 0);
    const methodBody = fails ? '{"message": "order could not be stored"}' : isPost ? `{"orderId":"${orderId}"}` : missing ? '{"message": "not found"}' : `{"orderId":"${orderId}","status":"SHIPPED"}`;
    const status = fails ? 500 : isPost ? 201 : missing ? 404 : 200;
    eb.add(`Method response body after transformations: ${methodBody}`, 0);
    eb.add('Method response headers: {Content-Type=application/json}', 0);
    eb.add('Successfully completed execution', 0);
    eb.add(`Method completed with status: ${status}`, 0);
    eb.add(`AWS Integration Endpoint RequestId : ${ddbId}`, 0);
    finishExec(req, eb);
    req.status = status;
    req.responseLength = methodBody.length;
    req.integrationLatency = latency;
    req.integrationStatus = fails ? 400 : 200;
    req.integrationBackendStatus = fails ? 400 : 200;
    req.integrationRequestId = ddbId;
    req.responseLatency = eb.now + rng.int(1, 3);
    requests.push(req);
    if (fails) failing.push(req);
  }
  b.logs('jsonl-insights', execLines(rng, api, requests, 3));
  const accessGroup = '/aws/apigateway/orders-ingest-prod';
  b.logs('filter-log-events', accessLines(rng, accessGroup, ORDERS_ACCESS, requests, 2));

  const breach = firstBreach(ends(failing), 2, 60, 51_806);
  const stateChange = breach.stateChange;
  b.json('alarm.json', alarmEventBridge({
    name: 'orders-ingest-prod-5xx', description: 'orders-ingest 5XXError >= 2', metricName: '5XXError', dimensions: restDims(api), periodSeconds: 60,
    evaluationPeriods: 3, threshold: 2, stateChangeTime: stateChange, breachingValue: breach.value, breachingPeriodStart: breach.start,
  }, rng));
  b.json('api/stage.json', restStage({ stageName: 'prod', deploymentId: 'f7j3dd', loggingLevel: 'INFO', dataTrace: true, tracing: false, accessLogFormat: ORDERS_ACCESS, accessLogGroup: accessGroup, created: utc('2025-10-10T10:10:10Z'), updated: utc('2026-03-02T11:47:26Z') }));
  const responses = {
    '2\\d{2}': { statusCode: '200' },
    default: { statusCode: '500', responseTemplates: { 'application/json': '{"message": "order could not be stored"}' } },
  };
  b.json('api/export.json', restExport('orders-ingest', api.apiId, 'prod', '2026-03-02T11:47:26Z', [
    {
      path: '/orders', method: 'POST',
      integration: {
        type: 'aws', credentials: role, httpMethod: 'POST', uri: `arn:aws:apigateway:${REGION}:dynamodb:action/PutItem`, passthroughBehavior: 'never', timeoutInMillis: 29000,
        requestTemplates: { 'application/json': '{"TableName":"orders","Item":{"pk":{"S":"$context.requestId"},"status":{"S":"NEW"},"total":{"N":"$input.path(\'$.total\')"}}}' },
        responses,
      },
    },
    {
      path: '/orders/{id}', method: 'GET', pathParams: ['id'],
      integration: {
        type: 'aws', credentials: role, httpMethod: 'POST', uri: `arn:aws:apigateway:${REGION}:dynamodb:action/GetItem`, passthroughBehavior: 'never', timeoutInMillis: 29000,
        requestTemplates: { 'application/json': '{"TableName":"orders","Key":{"pk":{"S":"$input.params(\'id\')"}}}' },
        responses,
      },
    },
  ]));
  b.json('changes/lookup-events.json', lookupEvents([
    {
      time: policyChange, eventName: 'PutRolePolicy', eventSource: 'iam.amazonaws.com', user: 'least-privilege-bot',
      resources: [{ type: 'AWS::IAM::Role', name: 'orders-ingest-apigw-dynamodb' }, { type: 'AWS::IAM::Policy', name: 'orders-table-access' }],
      requestParameters: {
        roleName: 'orders-ingest-apigw-dynamodb',
        policyName: 'orders-table-access',
        policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/orders` }] }),
      },
      userAgent: 'aws-sdk-go-v2/1.32.6 os/linux lang/go#1.23.4 md/GOOS#linux md/GOARCH#amd64 api/iam#1.38.2',
    },
  ], rng));
  b.json('metrics/apigateway.json', metricData(restMetrics(api, requests, utc('2026-03-24T16:10:00Z'), utc('2026-03-24T16:32:00Z'))));
  const count = countInWindow(failing, stateChange, 60, 3);
  b.expected({
    rootCause: 'aws-service-integration-error',
    findings: ['aws-service-integration-error'],
    failingRequests: count,
    api: { id: api.apiId, stage: 'prod', type: 'REST' },
    notes: `POST /orders is a direct DynamoDB PutItem integration with credentials role orders-ingest-apigw-dynamodb. A PutRolePolicy at 16:22:37Z rewrote its inline policy to GetItem/Query only; from then DynamoDB answers 400 AccessDeniedException ("... BackplaneAssumeRoleSession is not authorized to perform: dynamodb:PutItem ...") and the default integration response maps it to 500. GET /orders/{id} (GetItem) keeps working; 404s are noise.`,
  });
  b.readme(`
# rest-aws-service-integration-error

**What happened.** \`orders-ingest\` (REST \`o1r5d9e3s7\`, \`prod\`) writes orders straight to DynamoDB (AWS integration,
\`dynamodb:action/PutItem\`, credentials role \`orders-ingest-apigw-dynamodb\`). An automated least-privilege job replaced the
role's inline policy at 16:22:37 and dropped \`dynamodb:PutItem\`. DynamoDB answers **400 AccessDeniedException** and the
integration's default response maps it to **500**. Root cause: **aws-service-integration-error**.

**Files.**
- \`logs/API-Gateway-Execution-Logs_o1r5d9e3s7/prod.jsonl\` — JSON Lines, Logs Insights export style (\`@timestamp\`, \`@message\`); INFO + data trace, usage-plan lines.
- \`logs/aws/apigateway/orders-ingest-prod.json\` — \`filter-log-events\`; custom JSON with \`$context.integration.status\`, \`$context.awsEndpointRequestId\`.
- \`changes/lookup-events.json\` (iam PutRolePolicy with the new document), \`api/export.json\` (credentials, responses with \`default\` → 500), \`alarm.json\` (EventBridge), \`metrics/apigateway.json\`.

**Noise.** GetItem traffic, 404s, usage-plan lines.

**Where the shapes come from.**
- \`arn:aws:sts::<account>:assumed-role/<role>/BackplaneAssumeRoleSession\` as the identity API Gateway uses for integration credentials:
  a public Step Functions/API Gateway access-denied collector (states:StartExecution denial) and several SQS SenderId captures (code index).
- DynamoDB error body \`{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"User: ... is not authorized to perform: dynamodb:PutItem on resource: ... because no identity-based policy allows the dynamodb:PutItem action"}\`:
  assembled from the DynamoDB JSON error shape and IAM's denial wording (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html);
  not seen verbatim for an API Gateway integration in public material.
- Integration responses with selection patterns and \`default\`: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration-responses.html
`);
  return b;
}

// ---------------------------------------------------------------------------------------------------------------

interface AuthorizerFlowOptions {
  authorizerId: string;
  fn: FunctionShape;
  pool: LambdaPool;
  invocations: Invocation[];
  /** Returns the crash payload API Gateway receives, or undefined when the authorizer allows. */
  crash: (inv: Invocation) => { payload: string; field: string } | undefined;
  durationMs: (crashing: boolean) => number;
  /** Sets the app lines of an invocation that allowed the request. */
  allowed: (inv: Invocation) => void;
}

/** A TOKEN/REQUEST authorizer step: returns false (and fills the request as failed) when the authorizer failed. */
function authorizerStep(rng: Random, api: Api, req: GatewayRequest, options: AuthorizerFlowOptions, willCrash: boolean): (b: ExecBuilder) => boolean {
  return (eb: ExecBuilder): boolean => {
    eb.add(`Starting authorizer: ${options.authorizerId} for request: ${req.requestId}`, 0);
    eb.add(`Incoming identity: ${'*'.repeat(rng.int(40, 70))}${rng.hex(6)}`, 0);
    const uri = lambdaInvokeUri(REGION, options.fn.arn);
    eb.add(`Endpoint request URI: ${uri}`, 0);
    if (api.rest?.dataTrace) {
      eb.add(`Endpoint request body after transformations: {"type":"TOKEN","methodArn":"arn:aws:execute-api:${REGION}:${ACCOUNT_ID}:${api.apiId}/${api.stage}/${req.httpMethod}${req.path}","authorizationToken":"Bearer ${'*'.repeat(24)} [TRUNCATED]`, 0);
    }
    eb.add(`Sending request to ${uri}`, 0);
    const invokeAt = req.start + eb.now + 1;
    const inv = options.pool.invoke(invokeAt, options.durationMs(willCrash));
    options.invocations.push(inv);
    const crash = willCrash ? options.crash(inv) : undefined;
    eb.jump(Math.round(inv.start + inv.durationMs - req.start + rng.int(3, 8)));
    req.authorizer = { requestId: inv.requestId, integrationStatus: 200, integrationLatency: Math.round(inv.start + inv.durationMs - invokeAt), latency: Math.round(inv.start + inv.durationMs - req.start + 4) };
    if (crash) {
      eb.add(`Authorizer result body before parsing: ${crash.payload}`);
      eb.add(`Execution failed due to configuration error: Invalid JSON in response: Unrecognized field "${crash.field}" , not marked as ignorable`, 0);
      eb.add('AuthorizerConfigurationException', 0);
      req.authorizer.status = 500;
      return false;
    }
    options.allowed(inv);
    const principal = `usr_${rng.hex(10)}`;
    eb.add(`Authorizer result body before parsing: {"principalId":"${principal}","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:${REGION}:${ACCOUNT_ID}:${api.apiId}/${api.stage}/*/*"}]},"context":{"tenant":"acme"}}`);
    eb.add(`Using valid authorizer policy for principal: ${'*'.repeat(10)}${principal.slice(-4)}`, 0);
    eb.add('Successfully completed authorizer execution', 0);
    req.authorizer.status = 200;
    req.authorizer.principalId = principal;
    return true;
  };
}

const ACCOUNTS_ACCESS =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","responseLength":"$context.responseLength","responseLatency":"$context.responseLatency","authorizerStatus":"$context.authorizer.status","authorizerLatency":"$context.authorizer.latency","authorizerRequestId":"$context.authorizer.requestId","authorizerError":"$context.authorizer.error","principalId":"$context.authorizer.principalId","integrationStatus":"$context.integration.status","integrationLatency":"$context.integration.latency","errorType":"$context.error.responseType","errorMessage":"$context.error.message"}';

export function restAuthorizerError(): Bundle {
  const b = new Bundle('rest-authorizer-error');
  const rng = b.rng;
  const api = restApi('a8c2c4t6n0', 'accounts-api', 'prod', { usagePlan: false, dataTrace: false, tracing: false });
  const authFn: FunctionShape = { name: 'jwt-authorizer', arn: functionArn('jwt-authorizer'), runtime: 'nodejs20.x', runtimeVersion: 'nodejs:20.v32', memoryMb: 256, timeoutSeconds: 6, format: 'node-text', tracing: false };
  const appFn: FunctionShape = { name: 'accounts-fn', arn: functionArn('accounts-fn'), runtime: 'nodejs20.x', runtimeVersion: 'nodejs:20.v32', memoryMb: 512, timeoutSeconds: 10, format: 'node-text', tracing: false };
  const authPool = new LambdaPool(rng, authFn, [240, 380]);
  const appPool = new LambdaPool(rng, appFn, [260, 420]);
  const authInv: Invocation[] = [];
  const appInv: Invocation[] = [];
  const routes: RouteDef[] = [
    { method: 'GET', resourcePath: '/accounts/{id}', path: (r) => `/accounts/acc-${r.hex(6)}` },
    { method: 'PATCH', resourcePath: '/accounts/{id}', path: (r) => `/accounts/acc-${r.hex(6)}` },
  ];
  const from = utc('2026-04-29T09:45:00Z');
  const deploy = utc('2026-04-29T09:58:03Z');
  const to = utc('2026-04-29T10:08:30Z');
  const requests: GatewayRequest[] = [];
  const failing: GatewayRequest[] = [];
  const stack = ['    at decodeHeader (file:///var/task/jwt.mjs:41:37)', '    at verifyToken (file:///var/task/jwt.mjs:18:20)', '    at Runtime.handler (file:///var/task/index.mjs:12:24)'];
  const crashPayload = (): string => JSON.stringify({ errorType: 'TypeError', errorMessage: "Cannot read properties of undefined (reading 'kid')", trace: ["TypeError: Cannot read properties of undefined (reading 'kid')", ...stack] });
  for (const t of spread(rng, from, to, 50)) {
    const route = rng.pick(routes);
    const req = newRequest(rng, api, t, route);
    // Tokens from the new mobile client carry no "kid"; after the deploy the authorizer crashes on them.
    const willCrash = t >= deploy + 20_000 && rng.chance(0.6);
    const step = authorizerStep(rng, api, req, {
      authorizerId: '8x2k1q', fn: authFn, pool: authPool, invocations: authInv,
      crash: (inv) => {
        inv.app = [{ at: 3, level: 'ERROR', text: nodeInvokeError('TypeError', "Cannot read properties of undefined (reading 'kid')", stack) }];
        return { payload: crashPayload(), field: 'errorType' };
      },
      durationMs: (crashing) => (crashing ? rng.int(3, 9) : rng.int(8, 45)) + rng.next(),
      allowed: (inv) => { inv.app = [{ at: 2, level: 'INFO', text: `token verified kid=k-2026-02 sub=${rng.hex(8)}` }]; },
    }, willCrash);
    if (willCrash) {
      const eb = new ExecBuilder();
      restPreamble(eb, req, restShape(api), step);
      finishExec(req, eb);
      // Default AUTHORIZER_CONFIGURATION_ERROR response: 500 {"message": null} (auth0-samples/jwt-rsa-aws-custom-authorizer#6).
      req.status = 500;
      req.errorResponseType = 'AUTHORIZER_CONFIGURATION_ERROR';
      req.responseLength = 17;
      req.responseLatency = eb.now + rng.int(1, 3);
      failing.push(req);
      requests.push(req);
      continue;
    }
    const notFound = rng.chance(0.07);
    const inv = restLambdaProxyOk(rng, api, req, {
      functionName: appFn.name, pool: appPool, durationMs: rng.int(20, 180) + rng.next(), functionStatus: notFound ? 404 : 200, responseLength: notFound ? 35 : rng.int(300, 1600),
      app: [{ at: 2, level: 'INFO', text: `${route.method} ${req.path} -> ${notFound ? 404 : 200}` }],
      authorizer: step,
    });
    appInv.push(inv);
    requests.push(req);
  }
  b.logs('jsonl-plain', execLines(rng, api, requests, 4));
  const accessGroup = '/aws/apigateway/accounts-api-prod';
  b.logs('insights', accessLines(rng, accessGroup, ACCOUNTS_ACCESS, requests, 2));
  b.logs('tail-long', lambdaLines(rng, authFn, authInv), `logs${lambdaGroup(authFn)}`);
  b.logs('plain', lambdaLines(rng, appFn, appInv), `logs${lambdaGroup(appFn)}`);

  const breach = firstBreach(ends(failing), 3, 60, 20_431);
  const stateChange = breach.stateChange;
  b.json('alarm.json', alarmEventBridge({
    name: 'accounts-api-prod-5XX', description: 'accounts-api prod 5XXError >= 3/min', metricName: '5XXError', dimensions: restDims(api), periodSeconds: 60,
    evaluationPeriods: 1, threshold: 3, stateChangeTime: stateChange, breachingValue: breach.value, breachingPeriodStart: breach.start,
  }, rng));
  b.json('api/stage.json', restStage({ stageName: 'prod', deploymentId: 'v5n2bx', loggingLevel: 'INFO', dataTrace: false, tracing: false, accessLogFormat: ACCOUNTS_ACCESS, accessLogGroup: accessGroup, created: utc('2025-02-02T02:02:02Z'), updated: utc('2026-04-01T09:30:00Z') }));
  const authorizer = { name: 'jwt-authorizer', type: 'token' as const, functionName: authFn.name, identitySource: 'method.request.header.Authorization', resultTtl: 0 };
  b.json('api/export.json', restExport('accounts-api', api.apiId, 'prod', '2026-04-01T09:30:00Z', routes.map((r) => ({
    path: r.resourcePath, method: r.method, pathParams: ['id'], authorizer: 'jwt-authorizer',
    integration: { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaIntegrationUri(appFn.name), passthroughBehavior: 'when_no_match', timeoutInMillis: 29000 },
  })), [authorizer]));
  b.json('functions/jwt-authorizer.json', functionConfiguration({ name: authFn.name, runtime: 'nodejs20.x', handler: 'index.handler', timeoutSeconds: 6, memoryMb: 256, lastModified: deploy, role: `arn:aws:iam::${ACCOUNT_ID}:role/jwt-authorizer`, logFormat: 'Text', tracing: false, environment: { JWKS_URL: 'https://id.example.com/.well-known/jwks.json' } }, rng));
  b.json('functions/accounts-fn.json', functionConfiguration({ name: appFn.name, runtime: 'nodejs20.x', handler: 'index.handler', timeoutSeconds: 10, memoryMb: 512, lastModified: utc('2026-03-18T16:16:16Z'), role: `arn:aws:iam::${ACCOUNT_ID}:role/accounts-fn`, logFormat: 'Text', tracing: false }, rng));
  b.json('changes/lookup-events.json', lookupEvents([
    {
      time: deploy, eventName: 'UpdateFunctionCode20150331v2', eventSource: 'lambda.amazonaws.com', user: 'github-actions',
      resources: [{ type: 'AWS::Lambda::Function', name: authFn.name }],
      requestParameters: { functionName: authFn.name, publish: false, dryRun: false, zipFile: 'HIDDEN_DUE_TO_SECURITY_REASONS' },
    },
  ], rng));
  b.json('metrics/apigateway.json', metricData(restMetrics(api, requests, utc('2026-04-29T09:45:00Z'), utc('2026-04-29T10:09:00Z'))));
  const count = countInWindow(failing, stateChange, 60, 1);
  b.expected({
    rootCause: 'authorizer-error',
    findings: ['authorizer-error'],
    failingRequests: count,
    api: { id: api.apiId, stage: 'prod', type: 'REST' },
    notes: `The TOKEN authorizer jwt-authorizer (deployed 09:58:03Z) throws TypeError "Cannot read properties of undefined (reading 'kid')" for tokens without a kid; API Gateway logs "Authorizer result body before parsing: {"errorType":"TypeError",...}", "Execution failed due to configuration error: Invalid JSON in response: Unrecognized field "errorType" , not marked as ignorable", "AuthorizerConfigurationException" and answers 500 (AUTHORIZER_CONFIGURATION_ERROR) without calling accounts-fn. The authorizer's own log has the "Invoke Error" lines (matched by $context.authorizer.requestId). Other tokens pass; 404s from accounts-fn are noise.`,
  });
  b.readme(`
# rest-authorizer-error

**What happened.** \`accounts-api\` (REST \`a8c2c4t6n0\`, \`prod\`) protects its routes with a TOKEN Lambda authorizer
\`jwt-authorizer\` (Node.js 20, result TTL 0). A deploy at 09:58:03 made it crash with **TypeError: Cannot read properties
of undefined (reading 'kid')** for tokens from the new mobile client (~60% of traffic). API Gateway receives the function's
error payload instead of a policy, logs \`Invalid JSON in response: Unrecognized field "errorType" , not marked as ignorable\`
and \`AuthorizerConfigurationException\`, and answers **500**. Root cause: **authorizer-error**.

**Files.**
- \`logs/API-Gateway-Execution-Logs_a8c2c4t6n0/prod.jsonl\` — JSON Lines \`{"timestamp","message"}\`; authorizer lines ("Starting authorizer", "Incoming identity", "Authorizer result body before parsing", "Using valid authorizer policy for principal").
- \`logs/aws/apigateway/accounts-api-prod.json\` — \`get-query-results\` (newest first); custom JSON with \`$context.authorizer.status/latency/requestId/error\` and \`$context.error.responseType\`.
- \`logs/aws/lambda/jwt-authorizer.log\` — \`aws logs tail\` detailed; Node text format with \`ERROR\\tInvoke Error \\t{...}\`.
- \`logs/aws/lambda/accounts-fn.log\` — **plain text** (messages only: START/END/REPORT lines have no time of their own).
- \`changes/lookup-events.json\` (UpdateFunctionCode), \`api/export.json\` (TOKEN authorizer), \`functions/*.json\`, \`alarm.json\` (EventBridge), \`metrics/apigateway.json\`.

**Where the shapes come from.**
- The crash sequence ("Authorizer result body before parsing: {"errorType":...}", "Execution failed due to configuration error: Invalid JSON in response:
  Unrecognized field "errorType" , not marked as ignorable", "AuthorizerConfigurationException"): a public Terraform/API Gateway notes file
  (wall-street-career-aws, 2023) quoting test-invoke and CloudWatch output; "Execution failed due to configuration error: Authorizer error" and
  "Gateway response type: AUTHORIZER_CONFIGURATION_ERROR with status code: 500" are other real variants (crosscut.io post, WebSocket API).
- Allowed-path lines ("Starting authorizer: <id> for request: <id>", "Incoming identity: ***...", "Using valid authorizer policy for principal: ...",
  "Successfully completed authorizer execution"): the 2017 execution-log capture (code index) and localstack/localstack#10636.
- 500 with body \`{"message": null}\` for authorizer failures: auth0-samples/jwt-rsa-aws-custom-authorizer#6, loige.co "Debugging custom ApiGateway authorizers".
- Not verified: the text of \`$context.authorizer.error\` for this case (left "-").
- Node "Invoke Error" line: Lambda Node.js runtime text logs.
`);
  return b;
}

// ---------------------------------------------------------------------------------------------------------------

const SEARCH_ACCESS =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","responseLength":"$context.responseLength","responseLatency":"$context.responseLatency","integrationStatus":"$context.integrationStatus","integrationLatency":"$context.integrationLatency","integrationRequestId":"$context.integration.requestId","errorMessage":"$context.error.message","errorType":"$context.error.responseType"}';

export function restApiGatewayInternal(): Bundle {
  const b = new Bundle('rest-api-gateway-internal');
  const rng = b.rng;
  const api = restApi('r3s9c7h1k5', 'catalog-search-api', 'prod', { usagePlan: false, dataTrace: false, tracing: false });
  const fn: FunctionShape = { name: 'catalog-search-fn', arn: functionArn('catalog-search-fn'), runtime: 'nodejs20.x', runtimeVersion: 'nodejs:20.v32', memoryMb: 1024, timeoutSeconds: 10, format: 'node-json', tracing: false };
  const pool = new LambdaPool(rng, fn, [300, 450]);
  const route: RouteDef = { method: 'GET', resourcePath: '/search', path: () => '/search' };
  const from = utc('2026-05-19T13:08:00Z');
  const burstFrom = utc('2026-05-19T13:20:05Z');
  const burstTo = utc('2026-05-19T13:21:40Z');
  const to = utc('2026-05-19T13:26:00Z');
  const requests: GatewayRequest[] = [];
  const failing: GatewayRequest[] = [];
  const invocations: Invocation[] = [];
  const uri = lambdaInvokeUri(REGION, fn.arn);
  for (const t of spread(rng, from, to, 64)) {
    const req = newRequest(rng, api, t, route);
    const inBurst = t >= burstFrom && t < burstTo && rng.chance(0.8);
    if (inBurst) {
      const shape = restShape(api);
      const eb = new ExecBuilder();
      restPreamble(eb, req, shape);
      lambdaRequestLines(eb, req, shape, uri);
      eb.jump(eb.now + rng.int(2, 30));
      eb.add('Execution failed due to an internal error');
      eb.add('Method completed with status: 500', 0);
      finishExec(req, eb);
      gatewayError(req, 500, 'Internal server error', 'DEFAULT_5XX', eb.now + rng.int(1, 4));
      failing.push(req);
    } else {
      const inv = restLambdaProxyOk(rng, api, req, {
        functionName: fn.name, pool, durationMs: rng.int(40, 420) + rng.next(), functionStatus: 200, responseLength: rng.int(2000, 24000),
        app: [{ at: 3, level: 'INFO', text: `query="${rng.pick(['lamp', 'desk', 'chair', 'sofa', 'rug'])}" hits=${rng.int(0, 400)}` }],
      });
      invocations.push(inv);
    }
    requests.push(req);
  }
  b.logs('tail-short', execLines(rng, api, requests, 3));
  const accessGroup = '/aws/apigateway/catalog-search-api-prod';
  b.logs('get-log-events', accessLines(rng, accessGroup, SEARCH_ACCESS, requests, 1));
  b.logs('filter-log-events', lambdaLines(rng, fn, invocations), `logs${lambdaGroup(fn)}`);
  const breach = firstBreach(ends(failing), 3, 60, 9_977);
  const stateChange = breach.stateChange;
  b.json('alarm.json', alarmSnsMessage({
    name: 'catalog-search-api-prod-5xx', description: 'catalog-search-api 5XXError >= 3/min', metricName: '5XXError', dimensions: restDims(api), periodSeconds: 60,
    evaluationPeriods: 1, threshold: 3, stateChangeTime: stateChange, breachingValue: breach.value, breachingPeriodStart: breach.start,
  }));
  b.json('api/stage.json', restStage({ stageName: 'prod', deploymentId: 'k9m4ws', loggingLevel: 'INFO', dataTrace: false, tracing: false, accessLogFormat: SEARCH_ACCESS, accessLogGroup: accessGroup, created: utc('2025-08-08T08:08:08Z'), updated: utc('2026-05-02T15:15:15Z') }));
  b.json('api/export.json', restExport('catalog-search-api', api.apiId, 'prod', '2026-05-02T15:15:15Z', [
    { path: '/search', method: 'GET', integration: { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaIntegrationUri(fn.name), passthroughBehavior: 'when_no_match', timeoutInMillis: 29000 } },
  ]));
  b.json('functions/catalog-search-fn.json', functionConfiguration({ name: fn.name, runtime: 'nodejs20.x', handler: 'index.handler', timeoutSeconds: 10, memoryMb: 1024, lastModified: utc('2026-05-02T15:10:41Z'), role: `arn:aws:iam::${ACCOUNT_ID}:role/catalog-search-fn`, logFormat: 'JSON', tracing: false }, rng));
  const metrics = restMetrics(api, requests, utc('2026-05-19T13:08:00Z'), utc('2026-05-19T13:27:00Z'));
  metrics.push({ id: 'lerr', namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: { FunctionName: fn.name }, stat: 'Sum', periodSeconds: 60, points: perMinute([], utc('2026-05-19T13:08:00Z'), utc('2026-05-19T13:27:00Z')) });
  metrics.push({ id: 'lthr', namespace: 'AWS/Lambda', metricName: 'Throttles', dimensions: { FunctionName: fn.name }, stat: 'Sum', periodSeconds: 60, points: perMinute([], utc('2026-05-19T13:08:00Z'), utc('2026-05-19T13:27:00Z')) });
  b.json('metrics/get-metric-data.json', metricData(metrics));
  const count = countInWindow(failing, stateChange, 60, 1);
  b.expected({
    rootCause: 'api-gateway-internal',
    findings: ['api-gateway-internal'],
    failingRequests: count,
    api: { id: api.apiId, stage: 'prod', type: 'REST' },
    notes: `A 95-second burst (13:20:05-13:21:40Z): requests reach "Sending request to" the Lambda endpoint, then "Execution failed due to an internal error" -> 500 within milliseconds. catalog-search-fn has no invocation for them, no errors and no throttles (Lambda Errors/Throttles metrics are 0), no config change. Nothing behind API Gateway failed; retry/contact AWS Support with the extended request ids.`,
  });
  b.readme(`
# rest-api-gateway-internal

**What happened.** \`catalog-search-api\` (REST \`r3s9c7h1k5\`, \`prod\`, Lambda proxy to \`catalog-search-fn\`). For about 95
seconds most requests failed inside API Gateway: the execution log shows \`Sending request to https://lambda...\` followed at
once by **\`Execution failed due to an internal error\`** and \`Method completed with status: 500\`. The function was not
invoked for those requests, Lambda Errors and Throttles stayed 0, nothing changed. Root cause: **api-gateway-internal**.

**Files.**
- \`logs/API-Gateway-Execution-Logs_r3s9c7h1k5/prod.log\` — \`aws logs tail --format short\`.
- \`logs/aws/apigateway/catalog-search-api-prod.json\` — \`get-log-events\` (one stream), custom JSON.
- \`logs/aws/lambda/catalog-search-fn.json\` — \`filter-log-events\`; Node.js **JSON** log format with platform.start/platform.report.
- \`metrics/get-metric-data.json\` (5XXError, Count, AWS/Lambda Errors and Throttles all 0), \`alarm.json\` (SNS), \`api/*.json\`, \`functions/*.json\`.

**Where the shapes come from.**
- "Execution failed due to an internal error" was supplied by the project brief; **not verified** in public material (the search found
  only the VPC-link variant "Execution failed due to configuration error: There was an internal error while executing your request").
- Body "Internal server error" / DEFAULT_5XX: https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
- Lambda JSON log format: see http-backend-unreachable-dns.
`);
  return b;
}

// ---------------------------------------------------------------------------------------------------------------

const LEGACY_ACCESS =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","responseLength":"$context.responseLength","errorMessage":"$context.error.message"}';

export function restInsufficientEvidenceNoExecLogs(): Bundle {
  const b = new Bundle('rest-insufficient-evidence-no-exec-logs');
  const rng = b.rng;
  const api = restApi('l9g4c2y8x6', 'legacy-forms-api', 'prod', { usagePlan: false, dataTrace: false, tracing: false });
  const submit: RouteDef = { method: 'POST', resourcePath: '/submit', path: () => '/submit' };
  const formDef: RouteDef = { method: 'GET', resourcePath: '/forms/{id}', path: (r) => `/forms/f${r.int(100, 999)}` };
  const from = utc('2026-06-30T17:40:00Z');
  const onset = utc('2026-06-30T17:52:30Z');
  const to = utc('2026-06-30T18:01:00Z');
  const requests: GatewayRequest[] = [];
  const failing: GatewayRequest[] = [];
  for (const t of spread(rng, from, to, 130)) {
    const isSubmit = rng.chance(0.35);
    const req = newRequest(rng, api, t, isSubmit ? submit : formDef);
    if (isSubmit && t >= onset && rng.chance(0.75)) {
      req.status = 502;
      req.errorMessage = 'Internal server error';
      req.responseLength = 36;
      req.responseLatency = rng.int(90, 900);
      failing.push(req);
    } else {
      req.status = isSubmit ? 200 : rng.chance(0.05) ? 404 : 200;
      req.responseLength = rng.int(100, 5000);
      req.responseLatency = rng.int(40, 700);
    }
    requests.push(req);
  }
  const accessGroup = '/aws/apigateway/legacy-forms-api';
  b.logs('get-log-events', accessLines(rng, accessGroup, LEGACY_ACCESS, requests, 1));
  const breach = firstBreach(ends(failing), 3, 300, 61_450);
  const stateChange = breach.stateChange;
  b.json('alarm.json', alarmSnsMessage({
    name: 'legacy-forms-api-5xx', description: 'legacy-forms-api 5XXError >= 3 per 5 min', metricName: '5XXError', dimensions: restDims(api), periodSeconds: 300,
    evaluationPeriods: 1, threshold: 3, stateChangeTime: stateChange, breachingValue: breach.value, breachingPeriodStart: breach.start,
  }));
  b.json('api/stage.json', restStage({ stageName: 'prod', deploymentId: 'b1t8ee', loggingLevel: 'OFF', dataTrace: false, tracing: false, accessLogFormat: LEGACY_ACCESS, accessLogGroup: accessGroup, created: utc('2021-04-12T09:00:00Z'), updated: utc('2024-10-01T12:00:00Z') }));
  b.json('api/export.json', restExport('legacy-forms-api', api.apiId, 'prod', '2024-10-01T12:00:00Z', [
    { path: '/submit', method: 'POST', integration: { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaIntegrationUri('legacy-forms-submit'), passthroughBehavior: 'when_no_match', timeoutInMillis: 29000 } },
    { path: '/forms/{id}', method: 'GET', pathParams: ['id'], integration: { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaIntegrationUri('legacy-forms-read'), passthroughBehavior: 'when_no_match', timeoutInMillis: 29000 } },
  ]));
  b.json('metrics/apigateway.json', metricData(restMetrics(api, requests, utc('2026-06-30T17:40:00Z'), utc('2026-06-30T18:02:00Z'))));
  const count = countInWindow(failing, stateChange, 300, 1);
  b.expected({
    rootCause: 'insufficient-evidence',
    findings: [],
    failingRequests: count,
    api: { id: api.apiId, stage: 'prod', type: 'REST' },
    notes: `Only the access log: POST /submit (Lambda proxy to legacy-forms-submit) answers 502 "Internal server error" from 17:52. A 502 from a Lambda proxy integration can be an unhandled function error or a malformed proxy response; execution logging is OFF (stage.json loggingLevel OFF) and there are no Lambda logs, so the bundle cannot tell. Expected: insufficient-evidence naming execution logs and the function's logs; alternatives lambda-unhandled-error / malformed-proxy-response with low confidence are fine.`,
  });
  b.readme(`
# rest-insufficient-evidence-no-exec-logs

**What happened.** \`legacy-forms-api\` (REST \`l9g4c2y8x6\`, \`prod\`) answers **502 \`{"message": "Internal server error"}\`** to
most \`POST /submit\` calls from 17:52. The stage has **execution logging OFF**, and nobody collected the function's logs. A
Lambda-proxy 502 could be an unhandled error or a malformed response: the bundle cannot decide. Expected:
**insufficient-evidence** (turn on execution logs, fetch /aws/lambda/legacy-forms-submit).

**Files.** \`logs/aws/apigateway/legacy-forms-api.json\` (\`get-log-events\`, custom JSON without integration fields),
\`api/stage.json\` (\`loggingLevel: OFF\`), \`api/export.json\`, \`alarm.json\` (SNS, 300 s period), \`metrics/apigateway.json\`.

**Where the shapes come from.** 502 + "Internal server error" (content-length 36) for Lambda proxy failures: the k1k7gu3ct7 reproduction
notes; REST get-stage methodSettings loggingLevel: https://docs.aws.amazon.com/apigateway/latest/api/API_MethodSetting.html
`);
  return b;
}

// ---------------------------------------------------------------------------------------------------------------

const ADMIN_ACCESS =
  '{"requestId":"$context.requestId","extendedRequestId":"$context.extendedRequestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","responseLength":"$context.responseLength","responseLatency":"$context.responseLatency","integrationStatus":"$context.integrationStatus","authorizerStatus":"$context.authorizer.status","authorizerRequestId":"$context.authorizer.requestId","errorType":"$context.error.responseType"}';

export function restTwoCausesAuthorizerAndBackend(): Bundle {
  const b = new Bundle('rest-two-causes-authorizer-and-backend');
  const rng = b.rng;
  const api = restApi('d5m1n7p3q9', 'portal-api', 'prod', { usagePlan: false, dataTrace: false, tracing: false });
  const authFn: FunctionShape = { name: 'portal-admin-authorizer', arn: functionArn('portal-admin-authorizer'), runtime: 'python3.12', runtimeVersion: 'python:3.12.v40', memoryMb: 128, timeoutSeconds: 5, format: 'python-text', tracing: false };
  const authPool = new LambdaPool(rng, authFn, [820, 1300]);
  const authInv: Invocation[] = [];
  const admin: RouteDef = { method: 'GET', resourcePath: '/admin/{proxy+}', path: (r) => `/admin/${r.pick(['users', 'audit', 'settings', 'invoices'])}` };
  const quotes: RouteDef = { method: 'POST', resourcePath: '/quotes', path: () => '/quotes' };
  const from = utc('2026-09-15T11:00:00Z');
  const idpSlow = utc('2026-09-15T11:12:40Z');
  const backendDown = utc('2026-09-15T11:14:10Z');
  const backendUp = utc('2026-09-15T11:20:30Z');
  const to = utc('2026-09-15T11:22:00Z');
  const requests: GatewayRequest[] = [];
  const authFailing: GatewayRequest[] = [];
  const backendFailing: GatewayRequest[] = [];
  for (const t of spread(rng, from, to, 72)) {
    const isAdmin = rng.chance(0.5);
    const req = newRequest(rng, api, t, isAdmin ? admin : quotes);
    if (isAdmin) {
      const willCrash = t >= idpSlow && t < to - 30_000 && rng.chance(0.85);
      const step = authorizerStep(rng, api, req, {
        authorizerId: 'q4z9mx', fn: authFn, pool: authPool, invocations: authInv,
        crash: (inv) => {
          inv.status = 'timeout';
          inv.app = [{ at: 2, level: 'INFO', text: 'fetching session from https://idp.example.com/oauth2/introspect' }];
          const message = `${new Date(inv.start + inv.durationMs).toISOString()} ${inv.requestId} Task timed out after ${(inv.durationMs / 1000).toFixed(2)} seconds`;
          return { payload: JSON.stringify({ errorMessage: message }), field: 'errorMessage' };
        },
        // A timed-out run lasts the function's whole 5 s timeout; decided before invoking so the environment stays busy.
        durationMs: (crashing) => (crashing ? 5000 + rng.int(2, 14) : rng.int(30, 160)) + rng.next(),
        allowed: (inv) => { inv.app = [{ at: 2, level: 'INFO', text: 'session ok role=admin' }]; },
      }, willCrash);
      if (willCrash) {
        const eb = new ExecBuilder();
        restPreamble(eb, req, restShape(api), step);
        finishExec(req, eb);
        req.status = 500;
        req.errorResponseType = 'AUTHORIZER_CONFIGURATION_ERROR';
        req.responseLength = 17;
        req.responseLatency = eb.now + rng.int(1, 3);
        authFailing.push(req);
      } else {
        restHttpProxyAnswered(rng, api, req, { uri: `https://admin.internal.example.com${req.path}`, status: 200, latency: rng.int(30, 300), contentType: 'application/json', responseLength: rng.int(400, 9000), authorizer: step });
      }
    } else if (t >= backendDown && t < backendUp && rng.chance(0.7)) {
      restHttpProxyAnswered(rng, api, req, { uri: 'https://quotes.example-insurer.com/api/quotes', status: 503, latency: rng.int(2, 15), contentType: 'application/json', responseLength: 57, server: 'nginx', body: '{"error":"maintenance","message":"Service Unavailable"}' });
      backendFailing.push(req);
    } else {
      restHttpProxyAnswered(rng, api, req, { uri: 'https://quotes.example-insurer.com/api/quotes', status: 200, latency: rng.int(120, 900), contentType: 'application/json', responseLength: rng.int(500, 2000), server: 'nginx' });
    }
    requests.push(req);
  }
  b.logs('tail-long', execLines(rng, api, requests, 3));
  const accessGroup = '/aws/apigateway/portal-api';
  b.logs('jsonl-insights', accessLines(rng, accessGroup, ADMIN_ACCESS, requests, 2));
  b.logs('get-log-events', lambdaLines(rng, authFn, authInv), `logs${lambdaGroup(authFn)}`);
  const all = [...authFailing, ...backendFailing];
  const breach = firstBreach(ends(all), 3, 60, 33_118);
  const stateChange = breach.stateChange;
  b.json('alarm.json', alarmEventBridge({
    name: 'portal-api-prod-5xx', description: 'portal-api 5XXError >= 3/min', metricName: '5XXError', dimensions: restDims(api), periodSeconds: 60,
    evaluationPeriods: 5, threshold: 3, stateChangeTime: stateChange, breachingValue: breach.value, breachingPeriodStart: breach.start,
  }, rng));
  b.json('api/stage.json', restStage({ stageName: 'prod', deploymentId: 'e3u7po', loggingLevel: 'INFO', dataTrace: false, tracing: false, accessLogFormat: ADMIN_ACCESS, accessLogGroup: accessGroup, created: utc('2025-12-12T12:12:12Z'), updated: utc('2026-09-01T08:00:00Z') }));
  const authorizer = { name: 'portal-admin-authorizer', type: 'request' as const, functionName: authFn.name, identitySource: 'method.request.header.Cookie', resultTtl: 0 };
  b.json('api/export.json', restExport('portal-api', api.apiId, 'prod', '2026-09-01T08:00:00Z', [
    { path: '/admin/{proxy+}', method: 'GET', pathParams: ['proxy'], authorizer: 'portal-admin-authorizer', integration: { type: 'http_proxy', httpMethod: 'GET', uri: 'https://admin.internal.example.com/admin/{proxy}', connectionType: 'INTERNET', passthroughBehavior: 'when_no_match', timeoutInMillis: 29000 } },
    { path: '/quotes', method: 'POST', integration: { type: 'http_proxy', httpMethod: 'POST', uri: 'https://quotes.example-insurer.com/api/quotes', connectionType: 'INTERNET', passthroughBehavior: 'when_no_match', timeoutInMillis: 29000 } },
  ], [authorizer]));
  b.json('functions/portal-admin-authorizer.json', functionConfiguration({ name: authFn.name, runtime: 'python3.12', handler: 'auth.handler', timeoutSeconds: 5, memoryMb: 128, lastModified: utc('2026-08-20T10:00:00Z'), role: `arn:aws:iam::${ACCOUNT_ID}:role/portal-admin-authorizer`, logFormat: 'Text', tracing: false, environment: { INTROSPECT_URL: 'https://idp.example.com/oauth2/introspect' } }, rng));
  b.json('metrics/apigateway.json', metricData(restMetrics(api, requests, utc('2026-09-15T11:00:00Z'), utc('2026-09-15T11:23:00Z'))));
  const authCount = countInWindow(authFailing, stateChange, 60, 5);
  const backendCount = countInWindow(backendFailing, stateChange, 60, 5);
  const order = authCount >= backendCount ? ['authorizer-error', 'backend-error-response'] : ['backend-error-response', 'authorizer-error'];
  b.expected({
    rootCause: order[0] ?? 'authorizer-error',
    findings: order,
    failingRequests: authCount + backendCount,
    api: { id: api.apiId, stage: 'prod', type: 'REST' },
    notes: `Two causes. GET /admin/{proxy+}: the REQUEST authorizer portal-admin-authorizer waits on a slow IdP and hits its own 5 s timeout ("Task timed out after 5.0x seconds"); API Gateway gets {"errorMessage": "... Task timed out ..."} and logs "Invalid JSON in response: Unrecognized field "errorMessage" , not marked as ignorable" + AuthorizerConfigurationException -> 500 (${authCount} requests, authorizer-error). POST /quotes: the insurer's backend answers 503 maintenance between 11:14 and 11:20, passed through (${backendCount} requests, backend-error-response).`,
  });
  b.readme(`
# rest-two-causes-authorizer-and-backend

**What happened.** \`portal-api\` (REST \`d5m1n7p3q9\`, \`prod\`) had two failures at once:
1. \`GET /admin/{proxy+}\` uses a REQUEST authorizer (Python) that introspects sessions at the IdP. From 11:12:40 the IdP
   hangs and the authorizer hits its **5 s timeout**; API Gateway receives \`{"errorMessage": "... Task timed out after 5.0x
   seconds"}\`, logs \`Invalid JSON in response: Unrecognized field "errorMessage" , not marked as ignorable\` and
   \`AuthorizerConfigurationException\`, and answers 500 → **authorizer-error**.
2. \`POST /quotes\` proxies to an insurer whose API answered **503 maintenance** from 11:14 to 11:20 → **backend-error-response**.

**Files.** \`logs/API-Gateway-Execution-Logs_d5m1n7p3q9/prod.log\` (\`aws logs tail\` detailed), \`logs/aws/apigateway/portal-api.jsonl\`
(Insights-export JSON Lines), \`logs/aws/lambda/portal-admin-authorizer.json\` (\`get-log-events\`, Python text with \`Task timed out\` and
\`Status: timeout\`), \`alarm.json\` (EventBridge), \`api/*.json\`, \`functions/*.json\`, \`metrics/apigateway.json\`.

**Where the shapes come from.** As rest-authorizer-error (authorizer lines) and rest-backend-error-response (passed-through 503); the
timed-out authorizer payload \`{"errorMessage": "<time> <id> Task timed out after N seconds"}\` is what Lambda returns for a timed-out
synchronous invocation (serverless/serverless#6245 shows API Gateway matching on that payload); oqtopus-team/oqtopus-cloud#472 describes
authorizer timeouts surfacing as API 500s.
`);
  return b;
}
