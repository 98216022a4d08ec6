import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseSpanRecord, w3cTraceIdOfXray, xrayTraceIdOfW3c } from './parseSpanRecord.ts';

// API Gateway's Lambda subsegment as stored in aws/spans after X-Ray's conversion, as pasted in a public
// repository (search corpus "code", id 10933878158); trimmed of attributes the parser does not read.
const GATEWAY_INVOKE = JSON.stringify({
  resource: {
    attributes: {
      'cloud.provider': 'aws',
      'service.name': 'appointment-service-gateway',
      'aws.api_gateway.stage': 'prod',
      'cloud.resource_id': 'arn:aws:apigateway:us-east-1::/restapis/vg2r8xjefg/stages/prod',
      'aws.api_gateway.rest_api_id': 'vg2r8xjefg',
      'cloud.platform': 'aws_api_gateway',
    },
  },
  traceId: '6880250e4fc5b1c42f7b40fc4801f9fd',
  spanId: '0a5d33388552b5f5',
  parentSpanId: '30ed105a9aa5beb1',
  name: 'awslambda.Invoke',
  kind: 'CLIENT',
  startTimeUnixNano: 1753228558420999936,
  endTimeUnixNano: 1753228558460000000,
  durationNano: 39000064,
  attributes: {
    'aws.local.service': 'appointment-service-gateway',
    'rpc.service': 'awslambda',
    'rpc.system': 'aws-api',
    'aws.remote.service': 'appointment-service-get',
    'aws.remote.operation': 'Invoke',
    'aws.local.environment': 'api-gateway:prod',
    'http.status_code': 502,
    'aws.span.kind': 'CLIENT',
    'url.full': 'https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:140023401067:function:appointment-service-get:prod/invocations',
    'http.response.status_code': 502,
  },
  status: { code: 'UNSET' },
  _aws: { xray: { name: 'awslambda', namespace: 'aws', type: 'subsegment' } },
});

// A Lambda function's own span (Application Signals / ADOT on Lambda): faas.execution is the Lambda request id
// (OpenTelemetry semantic conventions, "Instrumenting AWS Lambda").
const FUNCTION_SPAN = JSON.stringify({
  resource: { attributes: { 'cloud.platform': 'aws_lambda', 'cloud.provider': 'aws', 'service.name': 'orders-fn', 'faas.name': 'orders-fn', 'cloud.resource_id': 'arn:aws:lambda:eu-west-1:123456789012:function:orders-fn' } },
  scope: { name: 'opentelemetry.instrumentation.aws_lambda', version: '0.48b0' },
  traceId: '6a3f0e2b7c1d4e5f8a9b0c1d2e3f4a5b',
  spanId: '53995c3f42cd8ad8',
  parentSpanId: '',
  name: 'orders-fn',
  kind: 'SERVER',
  startTimeUnixNano: '1778750000123000000',
  endTimeUnixNano: '1778750000987000000',
  attributes: { 'faas.execution': '4d81c8a0-f4c7-4c9c-9d21-957e76296c1d', 'aws.span.kind': 'LOCAL_ROOT', 'aws.local.service': 'orders-fn' },
  status: { code: 'UNSET' },
});

// The function's DynamoDB call, throttled: AWS SDK span conventions (rpc.*, aws.request_id), Application Signals'
// "AWS::DynamoDB", the exception as an "exception" event (OpenTelemetry "Exceptions" spec).
const DYNAMODB_THROTTLED = JSON.stringify({
  resource: { attributes: { 'cloud.platform': 'aws_lambda', 'service.name': 'orders-fn', 'cloud.resource_id': 'arn:aws:lambda:eu-west-1:123456789012:function:orders-fn' } },
  traceId: '6a3f0e2b7c1d4e5f8a9b0c1d2e3f4a5b',
  spanId: '7e0f6b1a2c3d4e5f',
  parentSpanId: '53995c3f42cd8ad8',
  name: 'DynamoDB.PutItem',
  kind: 'CLIENT',
  startTimeUnixNano: 1778750000200000000,
  endTimeUnixNano: 1778750000900000000,
  attributes: {
    'aws.remote.service': 'AWS::DynamoDB',
    'aws.remote.operation': 'PutItem',
    'aws.remote.resource.type': 'AWS::DynamoDB::Table',
    'aws.remote.resource.identifier': 'orders',
    'aws.span.kind': 'CLIENT',
    'rpc.system': 'aws-api',
    'rpc.service': 'DynamoDB',
    'rpc.method': 'PutItem',
    'aws.request_id': 'Q0SFN3V0T2M4G8L1K7R5PEUOR3VV4KQNSO5AEMVJF66Q9ASUAAJG',
    'http.response.status_code': 400,
  },
  status: { code: 'ERROR', message: 'ProvisionedThroughputExceededException' },
  events: [
    {
      timeUnixNano: 1778750000900000000,
      name: 'exception',
      attributes: {
        'exception.type': 'ProvisionedThroughputExceededException',
        'exception.message': 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
      },
    },
  ],
});

describe('parseSpanRecord', () => {
  it('reads a converted API Gateway subsegment: X-Ray trace id, ms times, namespace aws, a 502 fault with UNSET status', () => {
    const seg = parseSpanRecord(GATEWAY_INVOKE);
    expect(seg).toMatchObject({
      traceId: '1-6880250e-4fc5b1c42f7b40fc4801f9fd',
      id: '0a5d33388552b5f5',
      parentId: '30ed105a9aa5beb1',
      name: 'awslambda',
      namespace: 'aws',
      awsOperation: 'Invoke',
      httpStatus: 502,
      fault: true,
    });
    expect(seg?.startTime).toBeCloseTo(1753228558421, 0);
    expect(seg?.endTime).toBeCloseTo(1753228558460, 0);
    expect(seg?.error).toBeUndefined();
    // A client span is not the resource it runs in.
    expect(seg?.resourceArn).toBeUndefined();
  });

  it('reads a Lambda function span: the Lambda request id from faas.execution, origin AWS::Lambda::Function, times given as strings', () => {
    const seg = parseSpanRecord(FUNCTION_SPAN);
    expect(seg).toMatchObject({
      traceId: '1-6a3f0e2b-7c1d4e5f8a9b0c1d2e3f4a5b',
      name: 'orders-fn',
      origin: 'AWS::Lambda::Function',
      awsRequestId: '4d81c8a0-f4c7-4c9c-9d21-957e76296c1d',
      resourceArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-fn',
      startTime: 1778750000123,
      endTime: 1778750000987,
    });
    expect(seg?.parentId).toBeUndefined();
    expect(seg?.namespace).toBeUndefined();
    expect(seg?.fault).toBeUndefined();
  });

  it('reads a throttled DynamoDB call: error (4xx, not a fault), the AWS service name, operation, request id and the exception event', () => {
    const seg = parseSpanRecord(DYNAMODB_THROTTLED);
    expect(seg).toMatchObject({ name: 'DynamoDB', namespace: 'aws', awsOperation: 'PutItem', httpStatus: 400, error: true, awsRequestId: 'Q0SFN3V0T2M4G8L1K7R5PEUOR3VV4KQNSO5AEMVJF66Q9ASUAAJG' });
    expect(seg?.fault).toBeUndefined();
    expect(seg?.throttle).toBeUndefined();
    expect(seg?.exceptions).toEqual([{ type: 'ProvisionedThroughputExceededException', message: expect.stringContaining('provisioned throughput') as unknown as string, remote: true }]);
  });

  it('fault for ERROR without an HTTP status, throttle for 429, remote for a non-AWS call, status message when no exception event', () => {
    const base = JSON.parse(DYNAMODB_THROTTLED) as Record<string, unknown>;
    const attrs = base['attributes'] as Record<string, unknown>;
    const noHttp = { ...base, attributes: { ...attrs, 'http.response.status_code': undefined }, events: [] };
    expect(parseSpanRecord(JSON.stringify(noHttp))).toMatchObject({ fault: true, exceptions: [{ message: 'ProvisionedThroughputExceededException' }] });
    const throttled = { ...base, attributes: { ...attrs, 'http.response.status_code': 429 } };
    expect(parseSpanRecord(JSON.stringify(throttled))).toMatchObject({ throttle: true, error: true });
    const partner = {
      ...base,
      name: 'POST',
      attributes: { 'aws.remote.service': 'api.partner.example.com:443', 'aws.remote.operation': 'POST /v1/quotes', 'url.full': 'https://api.partner.example.com/v1/quotes', 'http.response.status_code': 503 },
      status: { code: 'ERROR' },
      events: [],
    };
    expect(parseSpanRecord(JSON.stringify(partner))).toMatchObject({ namespace: 'remote', name: 'api.partner.example.com:443', fault: true, httpStatus: 503, url: 'https://api.partner.example.com/v1/quotes' });
    expect(parseSpanRecord(JSON.stringify(partner))?.awsOperation).toBeUndefined();
  });

  it('accepts OTLP key/value attributes, numeric kind and status codes', () => {
    const otlp = {
      traceId: '6A3F0E2B7C1D4E5F8A9B0C1D2E3F4A5B',
      spanId: '7e0f6b1a2c3d4e5f',
      name: 'DynamoDB.PutItem',
      kind: 3,
      startTimeUnixNano: '1778750000200000000',
      attributes: [
        { key: 'rpc.system', value: { stringValue: 'aws-api' } },
        { key: 'rpc.service', value: { stringValue: 'DynamoDB' } },
        { key: 'http.response.status_code', value: { intValue: '500' } },
      ],
      status: { code: 2 },
    };
    expect(parseSpanRecord(JSON.stringify(otlp))).toMatchObject({ traceId: '1-6a3f0e2b-7c1d4e5f8a9b0c1d2e3f4a5b', namespace: 'aws', name: 'DynamoDB', httpStatus: 500, fault: true });
  });

  it('is undefined for anything that is not a span record', () => {
    expect(parseSpanRecord('REPORT RequestId: 4d81c8a0-f4c7-4c9c-9d21-957e76296c1d\tDuration: 3.2 ms')).toBeUndefined();
    expect(parseSpanRecord('{"requestId":"x","status":"502"}')).toBeUndefined();
    expect(parseSpanRecord('{"traceId":"6a3f","spanId":"7e0f6b1a2c3d4e5f","startTimeUnixNano":1778750000200000000}')).toBeUndefined();
    expect(parseSpanRecord('{"traceId":"6a3f0e2b7c1d4e5f8a9b0c1d2e3f4a5b","spanId":"7e0f6b1a2c3d4e5f","startTimeUnixNano":"soon"}')).toBeUndefined();
    expect(parseSpanRecord('{"traceId":"6a3f0e2b7c1d4e5f8a9b0c1d2e3f4a5b","spanId":"7e0f6b1a2c3d4e5f","startTimeUnixNano":1778750000200000000')).toBeUndefined();
  });

  it('converts trace ids both ways', () => {
    expect(xrayTraceIdOfW3c('6880250e4fc5b1c42f7b40fc4801f9fd')).toBe('1-6880250e-4fc5b1c42f7b40fc4801f9fd');
    expect(xrayTraceIdOfW3c('1-6880250e-4fc5b1c42f7b40fc4801f9fd')).toBe('1-6880250e-4fc5b1c42f7b40fc4801f9fd');
    expect(xrayTraceIdOfW3c('6880250e')).toBeUndefined();
    expect(w3cTraceIdOfXray('Root=1-6880250E-4fc5b1c42f7b40fc4801f9fd;Parent=53995c3f42cd8ad8;Sampled=1')).toBe('6880250e4fc5b1c42f7b40fc4801f9fd');
  });

  it('never throws, whatever the message (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (message) => {
        parseSpanRecord(message);
      }),
    );
    // JSON objects carrying the three keys with arbitrary values, so that the deep paths are reached.
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()), (traceId, spanId, start, rest) => {
        const seg = parseSpanRecord(JSON.stringify({ ...rest, traceId, spanId, startTimeUnixNano: start }));
        if (seg) expect(seg.traceId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('attributes', 'resource', 'events', 'status', 'kind', '_aws', 'parentSpanId', 'endTimeUnixNano', 'name'), fc.jsonValue()), (rest) => {
        const seg = parseSpanRecord(JSON.stringify({ traceId: '6a3f0e2b7c1d4e5f8a9b0c1d2e3f4a5b', spanId: '7e0f6b1a2c3d4e5f', startTimeUnixNano: 1778750000200000000, ...rest }));
        expect(seg?.id).toBe('7e0f6b1a2c3d4e5f');
      }),
    );
  });
});
