import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseTraceDocuments } from './parseTraceDocuments.ts';
import type { TraceSegment } from '../model/records.ts';

// Fixture sources are named beside each document; catalogue: LAMBDA_AND_XRAY_SHAPES.md.

// github.com/awslabs/aws-iatk internal/pkg/xray/segment_test.go: an API Gateway REST stage segment and the AWS::Lambda
// segment of the same trace, as batch-get-traces returns them.
const API_GATEWAY_DOCUMENT =
  '{"id":"2b4e0ef3499cd781","name":"some-app/Prod","start_time":1.692291184114E9,"trace_id":"1-64de5070-34ff53fe0d2e1fbe64b28bef","end_time":1.692291184602E9,"http":{"request":{"url":"https://xxx.execute-api.us-east-1.amazonaws.com/Prod/order","method":"POST","user_agent":"Python/3.10 aiohttp/3.8.5","client_ip":"a.b.c.d","x_forwarded_for":true},"response":{"status":200,"content_length":0}},"aws":{"api_gateway":{"account_id":"123456789012","rest_api_id":"xxx","stage":"Prod","request_id":"a8722fe5-a391-4c9f-bd89-024d8a6f595e"}},"annotations":{"aws:api_id":"xxx","aws:api_stage":"Prod"},"metadata":{"default":{"extended_request_id":"J0GBkHklIAMF8qA=","request_id":"a8722fe5-a391-4c9f-bd89-024d8a6f595e"}},"origin":"AWS::ApiGateway::Stage","resource_arn":"arn:aws:apigateway:us-east-1::/restapis/xxx/stages/Prod","subsegments":[{"id":"23a449852a482e1d","name":"Lambda","start_time":1.69229118412E9,"end_time":1.692291184602E9,"http":{"request":{"url":"https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:my-function/invocations","method":"POST"},"response":{"status":200,"content_length":155}},"aws":{"function_name":"my-function","region":"us-east-1","operation":"Invoke","resource_names":["my-function"]},"namespace":"aws"}]}';
const LAMBDA_SERVICE_DOCUMENT =
  '{"id":"4174aefb49d05470","name":"my-function","start_time":1.692291184757E9,"trace_id":"1-64de5070-34ff53fe0d2e1fbe64b28bef","end_time":1.692291184772E9,"parent_id":"28793e67ea7098e3","http":{"response":{"status":202}},"aws":{"request_id":"63ea79ab-e338-4c12-a534-91a2dc43e2b0"},"origin":"AWS::Lambda","resource_arn":"arn:aws:lambda:us-east-1:012345678901:function:my-function","subsegments":[{"id":"7f27e935214d0df0","name":"Dwell Time","start_time":1.692291184757E9,"end_time":1.692291184802E9},{"id":"695ea167ab53c29f","name":"Attempt #1","start_time":1.692291184802E9,"end_time":1.692291185307E9,"http":{"response":{"status":200}}}]}';

// awsdocs/aws-xray-developer-guide doc-source/xray-api-gettingdata.md: the Scorekeep batch-get-traces example.
const SCOREKEEP_TRACES = {
  Traces: [
    {
      Duration: 3.232,
      Segments: [
        {
          Document:
            '{"id":"1fb07842d944e714","name":"random-name","start_time":1.499473411677E9,"end_time":1.499473414572E9,"parent_id":"0c544c1b1bbff948","http":{"response":{"status":200}},"aws":{"request_id":"ac086670-6373-11e7-a174-f31b3397f190"},"trace_id":"1-59602603-23fc5b688855d396af79b496","origin":"AWS::Lambda","resource_arn":"arn:aws:lambda:us-west-2:123456789012:function:random-name"}',
          Id: '1fb07842d944e714',
        },
        {
          Document:
            '{"id":"194fcc8747581230","name":"Scorekeep","start_time":1.499473411562E9,"end_time":1.499473414794E9,"http":{"request":{"url":"http://scorekeep.elasticbeanstalk.com/api/user","method":"POST","user_agent":"Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/59.0.3071.115 Safari/537.36","client_ip":"205.251.233.183"},"response":{"status":200}},"aws":{"elastic_beanstalk":{"version_label":"app-abb9-170708_002045","deployment_id":406,"environment_name":"scorekeep-dev"},"ec2":{"availability_zone":"us-west-2c","instance_id":"i-0cd9e448944061b4a"},"xray":{"sdk_version":"1.1.2","sdk":"X-Ray for Java"}},"service":{},"trace_id":"1-59602603-23fc5b688855d396af79b496","user":"5M388M1E","origin":"AWS::ElasticBeanstalk::Environment","subsegments":[{"id":"0c544c1b1bbff948","name":"Lambda","start_time":1.499473411629E9,"end_time":1.499473414572E9,"http":{"response":{"status":200,"content_length":14}},"aws":{"log_type":"None","status_code":200,"function_name":"random-name","invocation_type":"RequestResponse","operation":"Invoke","request_id":"ac086670-6373-11e7-a174-f31b3397f190","resource_names":["random-name"]},"namespace":"aws"},{"id":"071684f2e555e571","name":"## UserModel.saveUser","start_time":1.499473414581E9,"end_time":1.499473414769E9,"metadata":{"debug":{"test":"Metadata string from UserModel.saveUser"}},"subsegments":[{"id":"4cd3f10b76c624b4","name":"DynamoDB","start_time":1.49947341469E9,"end_time":1.499473414769E9,"http":{"response":{"status":200,"content_length":57}},"aws":{"table_name":"scorekeep-user","operation":"UpdateItem","request_id":"MFQ8CGJ3JTDDVVVASUAAJGQ6NJ82F738BOB4KQNSO5AEMVJF66Q9","resource_names":["scorekeep-user"]},"namespace":"aws"}]}]}',
          Id: '194fcc8747581230',
        },
        {
          Document:
            '{"id":"00f91aa01f4984fd","name":"random-name","start_time":1.49947341283E9,"end_time":1.49947341457E9,"parent_id":"1fb07842d944e714","aws":{"function_arn":"arn:aws:lambda:us-west-2:123456789012:function:random-name","resource_names":["random-name"],"account_id":"123456789012"},"trace_id":"1-59602603-23fc5b688855d396af79b496","origin":"AWS::Lambda::Function","subsegments":[{"id":"e6d2fe619f827804","name":"annotations","start_time":1.499473413012E9,"end_time":1.499473413069E9,"annotations":{"UserID":"5M388M1E","Name":"Ola"}},{"id":"b29b548af4d54a0f","name":"SNS","start_time":1.499473413112E9,"end_time":1.499473414071E9,"http":{"response":{"status":200}},"aws":{"operation":"Publish","region":"us-west-2","request_id":"a2137970-f6fc-5029-83e8-28aadeb99198","retries":0,"topic_arn":"arn:aws:sns:us-west-2:123456789012:awseb-e-ruag3jyweb-stack-NotificationTopic-6B829NT9V5O9"},"namespace":"aws"},{"id":"2279c0030c955e52","name":"Initialization","start_time":1.499473412064E9,"end_time":1.499473412819E9,"aws":{"function_arn":"arn:aws:lambda:us-west-2:123456789012:function:random-name"}}]}',
          Id: '00f91aa01f4984fd',
        },
        {
          Document:
            '{"id":"17ba309b32c7fbaf","name":"DynamoDB","start_time":1.49947341469E9,"end_time":1.499473414769E9,"parent_id":"4cd3f10b76c624b4","inferred":true,"http":{"response":{"status":200,"content_length":57}},"aws":{"table_name":"scorekeep-user","operation":"UpdateItem","request_id":"MFQ8CGJ3JTDDVVVASUAAJGQ6NJ82F738BOB4KQNSO5AEMVJF66Q9","resource_names":["scorekeep-user"]},"trace_id":"1-59602603-23fc5b688855d396af79b496","origin":"AWS::DynamoDB::Table"}',
          Id: '17ba309b32c7fbaf',
        },
      ],
      Id: '1-59602603-23fc5b688855d396af79b496',
    },
  ],
  UnprocessedTraceIds: [],
};

/**
 * A failing request built from the segment-document reference (error/throttle/fault flags, cause.exceptions with
 * remote) and the shapes above: API Gateway answered 502, the function's DynamoDB PutItem was throttled
 * (HTTP 400 ProvisionedThroughputExceededException, as the X-Ray SDKs record AWS SDK errors) and the function
 * failed with the exception it did not catch.
 */
const FAILING_TRACE = {
  Traces: [
    {
      Id: '1-6632a1f0-5a8e0c2b7d4f1e3a9b6c8d0e',
      Duration: 1.204,
      LimitExceeded: false,
      Segments: [
        {
          Id: '5e1c9a7b3d2f4068',
          Document: JSON.stringify({
            id: '5e1c9a7b3d2f4068',
            name: 'orders-api/prod',
            start_time: 1714594288.101,
            end_time: 1714594289.305,
            trace_id: '1-6632a1f0-5a8e0c2b7d4f1e3a9b6c8d0e',
            fault: true,
            error: false,
            throttle: false,
            http: { request: { url: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/orders', method: 'POST' }, response: { status: 502, content_length: 36 } },
            aws: { api_gateway: { account_id: '123456789012', rest_api_id: 'a1b2c3d4e5', stage: 'prod', request_id: '7c1d9e2f-3a4b-4c5d-8e6f-0a1b2c3d4e5f' } },
            origin: 'AWS::ApiGateway::Stage',
            resource_arn: 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod',
            subsegments: [
              {
                id: '6f2d0b8c4e3a5179',
                name: 'Lambda',
                start_time: 1714594288.106,
                end_time: 1714594289.301,
                http: { request: { url: 'https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-fn/invocations', method: 'POST' }, response: { status: 200 } },
                aws: { function_name: 'orders-fn', region: 'us-east-1', operation: 'Invoke', resource_names: ['orders-fn'] },
                namespace: 'aws',
              },
            ],
          }),
        },
        {
          Id: '8a4f2d0e6c5b7391',
          Document: JSON.stringify({
            id: '8a4f2d0e6c5b7391',
            name: 'orders-fn',
            start_time: 1714594288.112,
            end_time: 1714594289.299,
            parent_id: '6f2d0b8c4e3a5179',
            trace_id: '1-6632a1f0-5a8e0c2b7d4f1e3a9b6c8d0e',
            http: { response: { status: 200 } },
            aws: { request_id: '0f6b2c1e-4d2a-4b8f-8f0e-2a7d9c3b1e55' },
            origin: 'AWS::Lambda',
            resource_arn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-fn',
          }),
        },
        {
          Id: '9b5e3f1a7d6c8402',
          Document: JSON.stringify({
            id: '9b5e3f1a7d6c8402',
            name: 'orders-fn',
            start_time: 1714594288.2,
            end_time: 1714594289.29,
            parent_id: '8a4f2d0e6c5b7391',
            trace_id: '1-6632a1f0-5a8e0c2b7d4f1e3a9b6c8d0e',
            fault: true,
            cause: {
              working_directory: '/var/task',
              exceptions: [{ id: 'b1c2d3e4f5a6b7c8', message: 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.', type: 'ProvisionedThroughputExceededException' }],
            },
            aws: { account_id: '123456789012', function_arn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-fn', resource_names: ['orders-fn'] },
            origin: 'AWS::Lambda::Function',
            subsegments: [
              {
                id: 'ac6f4a2b8e7d9513',
                name: 'Invocation',
                start_time: 1714594288.201,
                end_time: 1714594289.288,
                fault: true,
                cause: 'b1c2d3e4f5a6b7c8',
                subsegments: [
                  {
                    id: 'bd7a5b3c9f8e0624',
                    name: 'DynamoDB',
                    start_time: 1714594288.25,
                    end_time: 1714594289.28,
                    namespace: 'aws',
                    error: true,
                    throttle: true,
                    http: { response: { status: 400 } },
                    aws: { operation: 'PutItem', region: 'us-east-1', request_id: 'V4N9RD0K3J8QF2L7M5P1T6W0X4ZVV4KQNSO5AEMVJF66Q9ASUAAJG', retries: 3, table_name: 'orders' },
                    cause: {
                      working_directory: '/var/task',
                      exceptions: [{ id: 'c2d3e4f5a6b7c8d9', message: 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.', type: 'ProvisionedThroughputExceededException', remote: true }],
                    },
                  },
                ],
              },
            ],
          }),
        },
      ],
    },
  ],
  UnprocessedTraceIds: [],
};

function success(json: unknown) {
  const result = parseTraceDocuments(json);
  if ('problem' in result) throw new Error(`expected X-Ray output to be read, got problem: ${result.problem}`);
  return result;
}

function byId(segments: TraceSegment[], id: string): TraceSegment {
  const segment = segments.find((s) => s.id === id);
  if (segment === undefined) throw new Error(`no segment ${id}`);
  return segment;
}

describe('batch-get-traces', () => {
  it('reads the API Gateway stage segment, its Lambda subsegment and the AWS::Lambda segment', () => {
    const result = success({
      Traces: [
        {
          Id: '1-64de5070-34ff53fe0d2e1fbe64b28bef',
          Duration: 1.193,
          LimitExceeded: false,
          Segments: [
            { Id: '2b4e0ef3499cd781', Document: API_GATEWAY_DOCUMENT },
            { Id: '4174aefb49d05470', Document: LAMBDA_SERVICE_DOCUMENT },
          ],
        },
      ],
      UnprocessedTraceIds: [],
    });
    expect(result.problems).toEqual([]);
    expect(result.segments).toHaveLength(5);
    expect(byId(result.segments, '2b4e0ef3499cd781')).toEqual({
      traceId: '1-64de5070-34ff53fe0d2e1fbe64b28bef',
      id: '2b4e0ef3499cd781',
      name: 'some-app/Prod',
      origin: 'AWS::ApiGateway::Stage',
      startTime: 1692291184114,
      endTime: 1692291184602,
      httpStatus: 200,
      apiGatewayRequestId: 'a8722fe5-a391-4c9f-bd89-024d8a6f595e',
      resourceArn: 'arn:aws:apigateway:us-east-1::/restapis/xxx/stages/Prod',
      url: 'https://xxx.execute-api.us-east-1.amazonaws.com/Prod/order',
      exceptions: [],
    });
    expect(byId(result.segments, '23a449852a482e1d')).toEqual({
      traceId: '1-64de5070-34ff53fe0d2e1fbe64b28bef',
      id: '23a449852a482e1d',
      parentId: '2b4e0ef3499cd781',
      name: 'Lambda',
      startTime: 1692291184120,
      endTime: 1692291184602,
      httpStatus: 200,
      awsOperation: 'Invoke',
      namespace: 'aws',
      url: 'https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:my-function/invocations',
      exceptions: [],
    });
    expect(byId(result.segments, '4174aefb49d05470')).toMatchObject({
      origin: 'AWS::Lambda',
      parentId: '28793e67ea7098e3',
      awsRequestId: '63ea79ab-e338-4c12-a534-91a2dc43e2b0',
      httpStatus: 202,
      resourceArn: 'arn:aws:lambda:us-east-1:012345678901:function:my-function',
    });
    expect(byId(result.segments, '695ea167ab53c29f')).toMatchObject({ name: 'Attempt #1', parentId: '4174aefb49d05470', httpStatus: 200 });
  });

  it('flattens nested subsegments of the X-Ray guide example, with SDK request ids and inferred segments', () => {
    const result = success(SCOREKEEP_TRACES);
    expect(result.segments.map((s) => s.id)).toEqual([
      '1fb07842d944e714',
      '194fcc8747581230',
      '0c544c1b1bbff948',
      '071684f2e555e571',
      '4cd3f10b76c624b4',
      '00f91aa01f4984fd',
      'e6d2fe619f827804',
      'b29b548af4d54a0f',
      '2279c0030c955e52',
      '17ba309b32c7fbaf',
    ]);
    expect(byId(result.segments, '4cd3f10b76c624b4')).toMatchObject({
      parentId: '071684f2e555e571',
      traceId: '1-59602603-23fc5b688855d396af79b496',
      namespace: 'aws',
      awsOperation: 'UpdateItem',
      awsRequestId: 'MFQ8CGJ3JTDDVVVASUAAJGQ6NJ82F738BOB4KQNSO5AEMVJF66Q9',
    });
    expect(byId(result.segments, '00f91aa01f4984fd')).toMatchObject({ origin: 'AWS::Lambda::Function', resourceArn: 'arn:aws:lambda:us-west-2:123456789012:function:random-name' });
    expect(byId(result.segments, '17ba309b32c7fbaf')).toMatchObject({ origin: 'AWS::DynamoDB::Table', parentId: '4cd3f10b76c624b4' });
    // The Lambda Invoke subsegment carries the Lambda request id that the function's logs print.
    expect(byId(result.segments, '0c544c1b1bbff948').awsRequestId).toBe('ac086670-6373-11e7-a174-f31b3397f190');
  });

  it('reads fault, error and throttle flags and cause exceptions of a failing request', () => {
    const result = success(FAILING_TRACE);
    expect(result.problems).toEqual([]);
    expect(byId(result.segments, '5e1c9a7b3d2f4068')).toMatchObject({ fault: true, error: false, throttle: false, httpStatus: 502, apiGatewayRequestId: '7c1d9e2f-3a4b-4c5d-8e6f-0a1b2c3d4e5f' });
    expect(byId(result.segments, '8a4f2d0e6c5b7391')).toMatchObject({ origin: 'AWS::Lambda', awsRequestId: '0f6b2c1e-4d2a-4b8f-8f0e-2a7d9c3b1e55' });
    const throttled = byId(result.segments, 'bd7a5b3c9f8e0624');
    expect(throttled).toEqual({
      traceId: '1-6632a1f0-5a8e0c2b7d4f1e3a9b6c8d0e',
      id: 'bd7a5b3c9f8e0624',
      parentId: 'ac6f4a2b8e7d9513',
      name: 'DynamoDB',
      startTime: 1714594288250,
      endTime: 1714594289280,
      error: true,
      throttle: true,
      httpStatus: 400,
      awsRequestId: 'V4N9RD0K3J8QF2L7M5P1T6W0X4ZVV4KQNSO5AEMVJF66Q9ASUAAJG',
      awsOperation: 'PutItem',
      namespace: 'aws',
      exceptions: [
        {
          type: 'ProvisionedThroughputExceededException',
          message: 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
          remote: true,
        },
      ],
      cause: 'ProvisionedThroughputExceededException: The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
    });
    // A cause given as the id of an exception recorded elsewhere is kept as that id.
    expect(byId(result.segments, 'ac6f4a2b8e7d9513')).toMatchObject({ fault: true, cause: 'b1c2d3e4f5a6b7c8', exceptions: [] });
    expect(byId(result.segments, '9b5e3f1a7d6c8402')).toMatchObject({ fault: true, origin: 'AWS::Lambda::Function', exceptions: [{ type: 'ProvisionedThroughputExceededException' }] });
  });

  it('skips a document that is not valid JSON, names it in problems, and keeps the rest', () => {
    const result = success({
      Traces: [
        {
          Id: '1-64de5070-34ff53fe0d2e1fbe64b28bef',
          Segments: [
            { Id: '2b4e0ef3499cd781', Document: API_GATEWAY_DOCUMENT.slice(0, 120) },
            { Id: '4174aefb49d05470', Document: LAMBDA_SERVICE_DOCUMENT },
            { Id: 'ffffffffffffffff', Document: '' },
          ],
        },
      ],
    });
    expect(result.segments.map((s) => s.id)).toEqual(['4174aefb49d05470', '7f27e935214d0df0', '695ea167ab53c29f']);
    expect(result.problems).toEqual([
      'trace 1-64de5070-34ff53fe0d2e1fbe64b28bef: segment 2b4e0ef3499cd781 document is not valid JSON; skipped',
      'trace 1-64de5070-34ff53fe0d2e1fbe64b28bef: segment ffffffffffffffff document is not valid JSON; skipped',
    ]);
  });

  it('notes UnprocessedTraceIds and LimitExceeded', () => {
    const result = success({ Traces: [{ Id: '1-a', LimitExceeded: true, Segments: [] }], UnprocessedTraceIds: ['1-5759e988-bd862e3fe1be46a994272793'] });
    expect(result.problems).toEqual([
      'trace 1-a: LimitExceeded, X-Ray returned only part of its segments',
      'X-Ray returned no data for 1 trace(s) (UnprocessedTraceIds): 1-5759e988-bd862e3fe1be46a994272793',
    ]);
  });

  it('accepts the bare list that --query "Traces[*]" prints, and Documents already decoded to objects', () => {
    // --query 'Traces[*]' from the X-Ray guide's script; decoded Documents as in aws-observability/aws-otel-test-framework PR #108
    const result = success([
      { Id: '1-64de5070-34ff53fe0d2e1fbe64b28bef', Segments: [{ Id: '4174aefb49d05470', Document: JSON.parse(LAMBDA_SERVICE_DOCUMENT) as unknown }] },
    ]);
    expect(result.segments[0]).toMatchObject({ id: '4174aefb49d05470', origin: 'AWS::Lambda' });
  });

  it('reads the trace an issue pasted (AWS::Lambda and AWS::Lambda::Function)', () => {
    // github.com/aws-powertools/powertools-lambda-typescript/issues/452
    const result = success({
      Traces: [
        {
          Id: '1-61dc455f-6ea9978529a7aed4065a86cf',
          Duration: 0.479,
          LimitExceeded: false,
          Segments: [
            {
              Id: '3fee87845621506a',
              Document:
                '{"id":"3fee87845621506a","name":"sqs-lambda-handlerE1533BD5-akmebiECiMpA","start_time":1.641825631034E9,"trace_id":"1-61dc455f-6ea9978529a7aed4065a86cf","end_time":1.641825631198E9,"http":{"response":{"status":200}},"aws":{"request_id":"6a836865-974b-5013-9193-3233d0c185e4"},"origin":"AWS::Lambda","resource_arn":"arn:aws:lambda:ap-southeast-2:610395700153:function:sqs-lambda-handlerE1533BD5-akmebiECiMpA"}',
            },
            {
              Id: '0eff643e2830bbd2',
              Document:
                '{"id":"0eff643e2830bbd2","name":"sqs-lambda-handlerE1533BD5-akmebiECiMpA","start_time":1.6418256310533319E9,"trace_id":"1-61dc455f-6ea9978529a7aed4065a86cf","end_time":1.641825631513453E9,"parent_id":"3fee87845621506a","aws":{"account_id":"610395700153","function_arn":"arn:aws:lambda:ap-southeast-2:610395700153:function:sqs-lambda-handlerE1533BD5-akmebiECiMpA","resource_names":["sqs-lambda-handlerE1533BD5-akmebiECiMpA"]},"origin":"AWS::Lambda::Function"}',
            },
          ],
        },
      ],
    });
    expect(result.segments.map((s) => [s.origin, s.awsRequestId, s.startTime])).toEqual([
      ['AWS::Lambda', '6a836865-974b-5013-9193-3233d0c185e4', 1641825631034],
      ['AWS::Lambda::Function', undefined, 1641825631053.332],
    ]);
  });

  it('keeps an in-progress segment without an end time', () => {
    // "Example In-Progress Segment", doc-source/xray-api-segmentdocuments.md
    const result = success({ Traces: [{ Id: '1-581cf771-a006649127e371903a2de979', Segments: [{ Id: '70de5b6f19ff9a0b', Document: '{"name":"example.com","id":"70de5b6f19ff9a0b","start_time":1.478293361271E9,"trace_id":"1-581cf771-a006649127e371903a2de979","in_progress": true}' }] }] });
    expect(result.segments).toEqual([{ traceId: '1-581cf771-a006649127e371903a2de979', id: '70de5b6f19ff9a0b', name: 'example.com', startTime: 1478293361271, exceptions: [] }]);
  });
});

describe('get-trace-summaries', () => {
  it('reads the X-Ray guide example', () => {
    // doc-source/xray-api-gettingdata.md
    const result = success({
      TraceSummaries: [
        {
          HasError: false,
          Http: { HttpStatus: 200, ClientIp: '205.255.255.183', HttpURL: 'http://scorekeep.elasticbeanstalk.com/api/session', UserAgent: 'Mozilla/5.0', HttpMethod: 'POST' },
          Users: [],
          HasFault: false,
          Annotations: {},
          ResponseTime: 0.084,
          Duration: 0.084,
          Id: '1-59602606-a43a1ac52fc7ee0eea12a82c',
          HasThrottle: false,
        },
      ],
      ApproximateTime: 1499473304.0,
      TracesProcessedCount: 2,
    });
    expect(result.summaries).toEqual([
      {
        traceId: '1-59602606-a43a1ac52fc7ee0eea12a82c',
        hasFault: false,
        hasError: false,
        hasThrottle: false,
        httpStatus: 200,
        httpMethod: 'POST',
        url: 'http://scorekeep.elasticbeanstalk.com/api/session',
        faultRootCauses: [],
        errorRootCauses: [],
      },
    ]);
  });

  it('flattens FaultRootCauses[].Services[].EntityPath[].Exceptions[] and keeps a service without exceptions', () => {
    // field layout from the GetTraceSummaries API reference (Services, EntityPath, Exceptions{Name,Message}, Remote)
    const result = success({
      TraceSummaries: [
        {
          Id: '1-6632a1f0-5a8e0c2b7d4f1e3a9b6c8d0e',
          StartTime: '2024-05-01T20:11:28.101000+00:00',
          HasFault: true,
          HasError: false,
          HasThrottle: true,
          Http: { HttpURL: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/orders', HttpStatus: 502, HttpMethod: 'POST' },
          FaultRootCauses: [
            {
              Services: [
                {
                  Name: 'orders-fn',
                  Names: ['orders-fn'],
                  Type: 'AWS::Lambda::Function',
                  AccountId: '123456789012',
                  EntityPath: [
                    { Name: 'orders-fn' },
                    { Name: 'Invocation' },
                    { Name: 'DynamoDB', Exceptions: [{ Name: 'ProvisionedThroughputExceededException', Message: 'The level of configured provisioned throughput for the table was exceeded.' }], Remote: true },
                  ],
                  Inferred: false,
                },
                { Name: 'orders', Names: ['orders'], Type: 'AWS::DynamoDB::Table', EntityPath: [{ Name: 'orders' }], Inferred: true },
              ],
              ClientImpacting: true,
            },
          ],
          ErrorRootCauses: [{ Services: [{ Name: 'orders-api/prod', Type: 'AWS::ApiGateway::Stage', Entities: [{ Name: 'orders-api/prod', Exceptions: [{ Name: 'BadRequest' }] }] }] }],
        },
      ],
    });
    expect(result.summaries).toEqual([
      {
        traceId: '1-6632a1f0-5a8e0c2b7d4f1e3a9b6c8d0e',
        hasFault: true,
        hasError: false,
        hasThrottle: true,
        httpStatus: 502,
        httpMethod: 'POST',
        url: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/orders',
        faultRootCauses: ['orders-fn: ProvisionedThroughputExceededException: The level of configured provisioned throughput for the table was exceeded.', 'orders'],
        errorRootCauses: ['orders-api/prod: BadRequest'],
        startTime: Date.UTC(2024, 4, 1, 20, 11, 28, 101),
      },
    ]);
  });

  it('reads epoch-second StartTime, a summary list without the wrapper, and a service path without exceptions', () => {
    // ResponseTimeRootCauses/ServiceIds shape from a get-trace-summaries dump in a public repo (index id 38275840735)
    const result = success([
      {
        Id: '1-63fe57a6-6ff5f1ba6779b8d754b15282',
        StartTime: 1677612966.5,
        HasError: true,
        HasFault: false,
        HasThrottle: false,
        Http: { HttpStatus: 200 },
        FaultRootCauses: [{ Services: [{ Name: 'cakerTwoFunction', Type: 'AWS::Lambda::Function', EntityPath: [{ Name: 'cakerTwoFunction' }, { Name: 'Initialization' }] }] }],
      },
    ]);
    expect(result.summaries[0]).toMatchObject({ traceId: '1-63fe57a6-6ff5f1ba6779b8d754b15282', startTime: 1677612966500, hasError: true, faultRootCauses: ['cakerTwoFunction > Initialization'] });
  });

  it('reads both outputs saved into one file', () => {
    const result = success({ ...SCOREKEEP_TRACES, TraceSummaries: [{ Id: '1-59602603-23fc5b688855d396af79b496', HasFault: false }] });
    expect(result.segments).toHaveLength(10);
    expect(result.summaries).toHaveLength(1);
  });
});

describe('not X-Ray output', () => {
  it('returns a problem for other JSON', () => {
    for (const value of [null, 42, 'Traces', {}, { events: [] }, [1, 2], { Traces: 'x' }]) {
      const result = parseTraceDocuments(value);
      expect(result, JSON.stringify(value)).toHaveProperty('problem');
    }
    expect(parseTraceDocuments({ events: [] })).toEqual({
      problem: 'not X-Ray output: expected {"Traces":[...]} (batch-get-traces) or {"TraceSummaries":[...]} (get-trace-summaries), got an object with keys events',
    });
  });

  it('reads an empty result as nothing found, not as a problem', () => {
    expect(parseTraceDocuments({ Traces: [], UnprocessedTraceIds: [] })).toEqual({ segments: [], summaries: [], problems: [] });
    expect(parseTraceDocuments({ TraceSummaries: [], ApproximateTime: 1714594288, TracesProcessedCount: 0 })).toEqual({ segments: [], summaries: [], problems: [] });
  });
});

describe('never throws', () => {
  it('on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = parseTraceDocuments(value);
        expect('problem' in result || Array.isArray(result.segments)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('on arbitrary documents inside a well-formed wrapper', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.jsonValue(), fc.object())), (documents) => {
        const result = parseTraceDocuments({ Traces: [{ Id: '1-a', Segments: documents.map((Document, i) => ({ Id: `s${i}`, Document })) }] });
        if ('problem' in result) throw new Error(result.problem);
        for (const segment of result.segments) {
          expect(Number.isFinite(segment.startTime)).toBe(true);
          expect(Array.isArray(segment.exceptions)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('on arbitrary summaries and deeply nested subsegments', () => {
    fc.assert(
      fc.property(fc.array(fc.object()), (summaries) => {
        expect(() => parseTraceDocuments({ TraceSummaries: summaries })).not.toThrow();
      }),
      { numRuns: 300 },
    );
    let deep: Record<string, unknown> = { id: 'leaf', name: 'leaf', start_time: 1 };
    for (let i = 0; i < 500; i++) deep = { id: `s${i}`, name: 'n', start_time: 1, subsegments: [deep] };
    const result = success({ Traces: [{ Id: '1-a', Segments: [{ Id: 'top', Document: JSON.stringify(deep) }] }] });
    expect(result.segments.length).toBeLessThan(100);
    expect(result.problems[0]).toMatch(/nested deeper than 64 levels/);
  });
});
