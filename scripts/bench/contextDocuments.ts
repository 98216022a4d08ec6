/**
 * The bundle's context files for the synthetic incident, in the shapes of the sample bundle
 * events/incidents/rest-lambda-timeout: the EventBridge "CloudWatch Alarm State Change" event,
 * `aws apigateway get-stage`, `get-export --export-type oas30 --parameters extensions=integrations`
 * and `aws lambda get-function-configuration`.
 */
import { ACCOUNT, API_ID, API_NAME, FUNCTIONS, REGION, ROUTES, STAGE, type FunctionSpec, type Timeline } from './benchScenario.ts';
import type { Rng } from './rng.ts';

/** AWS's "+0000" form of a time: 2026-03-10T13:56:44.572+0000 */
function awsTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export const ACCESS_LOG_FORMAT =
  '{ "requestId":"$context.requestId", "extendedRequestId":"$context.extendedRequestId","ip": "$context.identity.sourceIp", "caller":"$context.identity.caller", ' +
  '"user":"$context.identity.user", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath", ' +
  '"status":"$context.status", "protocol":"$context.protocol", "responseLength":"$context.responseLength", "integrationLatency":"$context.integrationLatency", ' +
  '"integrationStatus":"$context.integrationStatus", "xrayTraceId":"$context.xrayTraceId" }';

export function alarmDocument(rng: Rng, timeline: Timeline): unknown {
  const changed = timeline.alarm;
  const minute = (offset: number) => {
    const d = new Date(Math.floor(changed / 60_000) * 60_000 - offset * 60_000);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${String(d.getUTCFullYear()).slice(2)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:00`;
  };
  return {
    version: '0',
    id: rng.uuid(),
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: ACCOUNT,
    time: new Date(changed).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: [`arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${API_NAME}-${STAGE}-5xx`],
    detail: {
      alarmName: `${API_NAME}-${STAGE}-5xx`,
      state: {
        value: 'ALARM',
        reason: `Threshold Crossed: 1 out of the last 1 datapoints [231.0 (${minute(1)})] was greater than or equal to the threshold (20.0) (minimum 1 datapoint for OK -> ALARM transition).`,
        reasonData: JSON.stringify({
          version: '1.0',
          queryDate: awsTime(changed),
          startDate: awsTime(Math.floor(changed / 60_000) * 60_000 - 60_000),
          statistic: 'Sum',
          period: 60,
          recentDatapoints: [231.0],
          threshold: 20.0,
          evaluatedDatapoints: [{ timestamp: awsTime(Math.floor(changed / 60_000) * 60_000 - 60_000), sampleCount: 231.0, value: 231.0 }],
        }),
        timestamp: awsTime(changed),
      },
      previousState: {
        value: 'OK',
        reason: `Threshold Crossed: 1 out of the last 1 datapoints [0.0 (${minute(600)})] was not greater than or equal to the threshold (20.0) (minimum 1 datapoint for ALARM -> OK transition).`,
        timestamp: awsTime(changed - 3 * 86_400_000),
      },
      configuration: {
        description: `${API_NAME} ${STAGE}: 5XXError >= 20 per minute`,
        metrics: [
          {
            id: rng.uuid(),
            metricStat: {
              metric: { namespace: 'AWS/ApiGateway', name: '5XXError', dimensions: { ApiName: API_NAME, Stage: STAGE } },
              period: 60,
              stat: 'Sum',
            },
            returnData: true,
          },
        ],
      },
    },
  };
}

export function stageDocument(timeline: Timeline): unknown {
  return {
    deploymentId: 'q8w2e4',
    stageName: STAGE,
    description: 'Production',
    cacheClusterEnabled: false,
    cacheClusterStatus: 'NOT_AVAILABLE',
    methodSettings: {
      '*/*': {
        metricsEnabled: true,
        loggingLevel: 'INFO',
        dataTraceEnabled: false,
        throttlingBurstLimit: 5000,
        throttlingRateLimit: 10000,
        cachingEnabled: false,
        cacheTtlInSeconds: 300,
        cacheDataEncrypted: false,
        requireAuthorizationForCacheControl: true,
        unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
      },
    },
    accessLogSettings: {
      format: ACCESS_LOG_FORMAT,
      destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/apigateway/${API_NAME}-${STAGE}-access`,
    },
    tracingEnabled: true,
    createdDate: '2025-09-02T09:14:51+00:00',
    lastUpdatedDate: new Date(timeline.start - 2 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
  };
}

export function exportDocument(): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const fn = FUNCTIONS[route.fn];
    const param = /\{(\w+)\}/.exec(route.resource)?.[1];
    (paths[route.resource] ??= {})[route.method.toLowerCase()] = {
      ...(param ? { parameters: [{ name: param, in: 'path', required: true, schema: { type: 'string' } }] } : {}),
      'x-amazon-apigateway-integration': {
        httpMethod: 'POST',
        uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn.name}/invocations`,
        passthroughBehavior: 'when_no_match',
        timeoutInMillis: 29000,
        type: 'aws_proxy',
      },
    };
  }
  return {
    openapi: '3.0.1',
    info: { title: API_NAME, version: '2026-03-08T16:40:09Z' },
    servers: [{ url: `https://${API_ID}.execute-api.${REGION}.amazonaws.com/{basePath}`, variables: { basePath: { default: STAGE } } }],
    paths,
    components: {},
  };
}

export function functionConfiguration(rng: Rng, fn: FunctionSpec, lastModified: number): unknown {
  return {
    FunctionName: fn.name,
    FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn.name}`,
    Runtime: 'nodejs20.x',
    Role: `arn:aws:iam::${ACCOUNT}:role/${fn.name}-role-${rng.hex(8)}`,
    Handler: fn.handler,
    CodeSize: rng.between(400_000, 2_000_000),
    Description: '',
    Timeout: fn.timeoutSeconds,
    MemorySize: fn.memoryMb,
    LastModified: awsTime(lastModified),
    CodeSha256: Buffer.from(rng.hex(64), 'hex').toString('base64'),
    Version: '$LATEST',
    TracingConfig: { Mode: 'Active' },
    RevisionId: rng.uuid(),
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: ['arm64'],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${fn.name}` },
  };
}
