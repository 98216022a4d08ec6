import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseStage } from './stage.ts';
import { isParseProblem } from './problem.ts';

const FILE = 'api/stage.json';

// Shape: AWS CLI reference, "aws apigateway get-stage --rest-api-id 1234123412 --stage-name dev" output
// (awscli.amazonaws.com/v2/documentation/api/latest/reference/apigateway/get-stage.html), plus
// accessLogSettings / tracingEnabled / variables from the GetStage API response syntax
// (docs.aws.amazon.com/apigateway/latest/api/API_GetStage.html).
const restStage = {
  stageName: 'prod',
  cacheClusterSize: '0.5',
  cacheClusterEnabled: false,
  cacheClusterStatus: 'NOT_AVAILABLE',
  deploymentId: 'rbh1fj',
  lastUpdatedDate: 1795515301,
  createdDate: 1760682074,
  methodSettings: {
    '*/*': {
      cacheTtlInSeconds: 300,
      loggingLevel: 'INFO',
      dataTraceEnabled: false,
      metricsEnabled: true,
      unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
      throttlingRateLimit: 500.0,
      cacheDataEncrypted: false,
      cachingEnabled: false,
      throttlingBurstLimit: 1000,
      requireAuthorizationForCacheControl: true,
    },
  },
  accessLogSettings: {
    format: '{ "requestId":"$context.requestId", "status":"$context.status", "integrationError":"$context.integration.error" }',
    destinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/orders-api-access',
  },
  tracingEnabled: true,
  variables: { fn: 'orders-fn', alias: 'live' },
};

// Shape: AWS CLI reference, "aws apigatewayv2 get-stage --api-id a1b2c3d4 --stage-name prod" output and
// awscli/examples/apigatewayv2/update-stage.rst (CLI v2 dates "2020-04-08T22:23:17+00:00"); AccessLogSettings,
// ApiGatewayManaged, AutoDeploy from boto3 ApiGatewayV2.Client.get_stage response syntax.
const httpStage = {
  AccessLogSettings: {
    DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/payments-http-access',
    Format: '$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.routeKey $context.protocol" $context.status $context.responseLength $context.requestId',
  },
  ApiGatewayManaged: true,
  AutoDeploy: true,
  CreatedDate: '2026-04-05T16:21:16+00:00',
  DefaultRouteSettings: { DetailedMetricsEnabled: false },
  DeploymentId: 'shktxb',
  LastDeploymentStatusMessage: "Deployment attempt triggered by auto-deploy for stage '$default'",
  LastUpdatedDate: '2026-11-24T09:58:12+00:00',
  RouteSettings: {},
  StageName: '$default',
  StageVariables: {},
  Tags: {},
};

describe('parseStage — REST (aws apigateway get-stage)', () => {
  it('reads logging, tracing, access log, variables and epoch-seconds dates', () => {
    expect(parseStage(restStage, FILE)).toEqual({
      apiType: 'REST',
      stageName: 'prod',
      deploymentId: 'rbh1fj',
      executionLoggingLevel: 'INFO',
      dataTraceEnabled: false,
      accessLogDestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/orders-api-access',
      accessLogFormat: restStage.accessLogSettings.format,
      tracingEnabled: true,
      variables: { fn: 'orders-fn', alias: 'live' },
      lastUpdated: 1795515301000,
    });
  });

  it('reports execution logging OFF when methodSettings has no logging', () => {
    const { methodSettings: _m, accessLogSettings: _a, ...bare } = restStage;
    const stage = parseStage({ ...bare, methodSettings: {} }, FILE);
    expect(stage).toMatchObject({ apiType: 'REST', executionLoggingLevel: 'OFF' });
    expect(isParseProblem(stage) ? 'x' : stage.accessLogDestinationArn).toBeUndefined();
    expect(parseStage(bare, FILE)).toMatchObject({ executionLoggingLevel: 'OFF' });
  });

  it('takes a method-level level when there is no stage-wide "*/*" setting', () => {
    const stage = parseStage({ ...restStage, methodSettings: { '~1orders/GET': { loggingLevel: 'ERROR' }, '~1health/GET': { loggingLevel: 'OFF' } } }, FILE);
    expect(stage).toMatchObject({ executionLoggingLevel: 'ERROR' });
  });

  it('reads CLI v2 ISO dates', () => {
    expect(parseStage({ ...restStage, lastUpdatedDate: '2026-11-24T09:58:12+00:00' }, FILE)).toMatchObject({
      lastUpdated: Date.UTC(2026, 10, 24, 9, 58, 12),
    });
  });
});

describe('parseStage — HTTP (aws apigatewayv2 get-stage)', () => {
  it('reads PascalCase keys; HTTP APIs have no execution logs', () => {
    expect(parseStage(httpStage, FILE)).toEqual({
      apiType: 'HTTP',
      stageName: '$default',
      deploymentId: 'shktxb',
      executionLoggingLevel: 'OFF',
      accessLogDestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/payments-http-access',
      accessLogFormat: httpStage.AccessLogSettings.Format,
      variables: {},
      lastUpdated: Date.UTC(2026, 10, 24, 9, 58, 12),
    });
  });

  it('reads stage variables', () => {
    expect(parseStage({ ...httpStage, StageVariables: { backendUrl: 'https://orders.internal.example.com' } }, FILE)).toMatchObject({
      variables: { backendUrl: 'https://orders.internal.example.com' },
    });
  });
});

describe('parseStage — bad input', () => {
  it('returns a problem for non-objects and unrelated objects', () => {
    for (const doc of [null, [restStage], 'prod', 7, {}, { items: [] }]) {
      expect(isParseProblem(parseStage(doc, FILE)), JSON.stringify(doc)).toBe(true);
    }
  });

  it('keeps what it can when fields have wrong types', () => {
    const stage = parseStage({ stageName: ['prod'], methodSettings: [], variables: 'fn=orders', tracingEnabled: 'yes', lastUpdatedDate: {} }, FILE);
    expect(stage).toEqual({ apiType: 'REST', executionLoggingLevel: 'OFF', variables: {} });
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (doc) => {
      const r = parseStage(doc, FILE);
      return isParseProblem(r) || r.apiType === 'REST' || r.apiType === 'HTTP';
    }));
  });
});
