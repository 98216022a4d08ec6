import { describe, it, expect } from 'vitest';
import { decodeJsonBody, toBundleDocument } from './bundleDocument.ts';
import { substituteStageVariables } from './stageVariables.ts';
import { executionLogGroupOf, logDestinationOf } from './logGroupArn.ts';
import { failedRequestsFilter, traceIdOf } from './traceFilterExpression.ts';

describe('toBundleDocument', () => {
  it('drops $metadata, writes Dates as ISO strings and decodes bytes, like the CLI prints', () => {
    const sdkOutput = {
      $metadata: { httpStatusCode: 200, requestId: 'f1d7c0a2', attempts: 1, totalRetryDelay: 0 },
      stageName: 'prod',
      createdDate: new Date('2026-03-08T16:40:09Z'),
      items: [{ createdDate: new Date(0) }],
      body: new TextEncoder().encode('{"a":1}'),
    };
    expect(toBundleDocument(sdkOutput)).toEqual({ stageName: 'prod', createdDate: '2026-03-08T16:40:09.000Z', items: [{ createdDate: '1970-01-01T00:00:00.000Z' }], body: '{"a":1}' });
    expect(toBundleDocument(undefined)).toBeUndefined();
  });

  it('decodes JSON bodies and explains the ones that are not', () => {
    expect(decodeJsonBody(new TextEncoder().encode('{"openapi":"3.0.1"}'))).toEqual({ json: { openapi: '3.0.1' } });
    expect(decodeJsonBody(undefined)).toEqual({ problem: 'the response had no body' });
    expect(decodeJsonBody(new Uint8Array())).toEqual({ problem: 'the response body was empty' });
    expect(decodeJsonBody('openapi: 3.0.1')).toMatchObject({ problem: expect.stringContaining('not JSON') });
  });
});

describe('substituteStageVariables', () => {
  it('resolves defined variables and reports the undefined ones', () => {
    const uri = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:384756102938:function:${stageVariables.fn}:${stageVariables.alias}/invocations';
    expect(substituteStageVariables(uri, { fn: 'orders-fn', alias: 'live' })).toEqual({ text: uri.replace('${stageVariables.fn}', 'orders-fn').replace('${stageVariables.alias}', 'live'), unresolved: [] });
    expect(substituteStageVariables(uri, { fn: 'orders-fn' }).unresolved).toEqual(['alias']);
    expect(substituteStageVariables('https://example.com/x', {})).toEqual({ text: 'https://example.com/x', unresolved: [] });
  });
});

describe('logDestinationOf', () => {
  it('reads log group ARNs with and without ":*", in any partition', () => {
    expect(logDestinationOf('arn:aws:logs:us-east-1:384756102938:log-group:/aws/apigateway/orders-api-prod-access')).toEqual({
      kind: 'log-group',
      partition: 'aws',
      region: 'us-east-1',
      accountId: '384756102938',
      logGroup: '/aws/apigateway/orders-api-prod-access',
    });
    expect(logDestinationOf('arn:aws-cn:logs:cn-north-1:123456789012:log-group:API-Gateway-Access:*')).toMatchObject({ partition: 'aws-cn', logGroup: 'API-Gateway-Access' });
    expect(logDestinationOf('arn:aws:firehose:us-east-1:384756102938:deliverystream/amazon-apigateway-orders')).toEqual({
      kind: 'firehose',
      stream: 'amazon-apigateway-orders',
      arn: 'arn:aws:firehose:us-east-1:384756102938:deliverystream/amazon-apigateway-orders',
    });
    expect(logDestinationOf('not-an-arn').kind).toBe('unknown');
    expect(executionLogGroupOf('rgkwmpkz6q', 'prod')).toBe('API-Gateway-Execution-Logs_rgkwmpkz6q/prod');
  });
});

describe('X-Ray filter expression and trace ids', () => {
  it('scopes to the stage node and 5xx, quoting the name', () => {
    expect(failedRequestsFilter('orders-api', 'prod')).toBe('service(id(name: "orders-api/prod", type: "AWS::ApiGateway::Stage")) AND http.status >= 500');
    expect(failedRequestsFilter('my "api"', 'v1')).toBe('service(id(name: "my \\"api\\"/v1", type: "AWS::ApiGateway::Stage")) AND http.status >= 500');
    expect(failedRequestsFilter(undefined, 'prod')).toBe('http.status >= 500');
  });

  it('reads trace ids from access-log values', () => {
    expect(traceIdOf('1-69b02235-78073c416a31eef402e76db2')).toBe('1-69b02235-78073c416a31eef402e76db2');
    expect(traceIdOf('Root=1-69B02235-78073C416A31EEF402E76DB2;Parent=53995c3f42cd8ad8;Sampled=1')).toBe('1-69b02235-78073c416a31eef402e76db2');
    expect(traceIdOf('-')).toBeUndefined();
  });
});
