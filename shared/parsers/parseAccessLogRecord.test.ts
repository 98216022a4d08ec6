import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { LogEvent } from '../model/logEvent.ts';
import { parseAccessLogRecord, parseClfTime } from './parseAccessLogRecord.ts';
import { compileAccessLogFormat } from './compileAccessLogFormat.ts';

const EVENT_TIME = Date.UTC(2026, 2, 10, 14, 4, 38, 123);
const event = (message: string): LogEvent => ({
  timestamp: EVENT_TIME,
  message,
  logGroup: '/aws/apigateway/orders-api',
  file: 'logs/aws/apigateway/orders-api.json',
});
const parse = (message: string, format?: string) =>
  parseAccessLogRecord(event(message), format === undefined ? undefined : compileAccessLogFormat(format));

describe('parseAccessLogRecord: JSON', () => {
  it('the REST console preset (elastic/integrations apigateway_logs test-apigateway-rest.log)', () => {
    expect(
      parse('{"requestId":"48752d0f-c99d-4cfa-a5a7-f3c6834d19e5","ip":"1.128.0.0","caller":"-","user":"-","requestTime":"10/Jun/2023:15:36:28 +0000","httpMethod":"GET","resourcePath":"/pets","status":"200","protocol":"HTTP/1.1","responseLength":"184"}'),
    ).toEqual({
      requestId: '48752d0f-c99d-4cfa-a5a7-f3c6834d19e5',
      timestamp: Date.UTC(2023, 5, 10, 15, 36, 28),
      status: 200,
      ip: '1.128.0.0',
      httpMethod: 'GET',
      resourcePath: '/pets',
      protocol: 'HTTP/1.1',
      logGroup: '/aws/apigateway/orders-api',
      file: 'logs/aws/apigateway/orders-api.json',
    });
  });

  it('the HTTP API preset with stage fields (elastic/integrations test-apigateway-http.log)', () => {
    expect(
      parse('{"requestId":"Iq8dHhlwIAMEV_g=","ip":"1.128.0.0","requestTime":"26/Jul/2023:12:13:33 +0000","httpMethod":"GET","routeKey":"GET /","status":"200","protocol":"HTTP/1.1","responseLength":"51243","stage":"$default","apiId":"1ax3mj7iqf","domainName":"1ax3mj7iqf.execute-api.us-east-1.amazonaws.com"}'),
    ).toMatchObject({ requestId: 'Iq8dHhlwIAMEV_g=', routeKey: 'GET /', status: 200, stage: '$default', apiId: '1ax3mj7iqf' });
  });

  it('every $context variable under snake_case keys, request time in epoch seconds (DataBiosphere/azul JSON_LOG_FORMAT, HTTP API line)', () => {
    // Pasted (pretty-printed) in a public issue with DataBiosphere/azul's format; one line here as CloudWatch stores it.
    const record = parse(
      '{"accountId": "825765427811", "apiId": "qi9k0zm7z8", "authorizer_claims_property": "-", "authorizer_error": "-", "authorizer_property": "-", "awsEndpointRequestId": "88d54618-b7bc-445e-9bd2-d2eb1e8a2045", "awsEndpointRequestId2": "-", "customDomain_basePathMatched": "-", "domainName": "qi9k0zm7z8.execute-api.us-east-1.amazonaws.com", "domainPrefix": "qi9k0zm7z8", "error_message": "-", "error_messageString": "-", "error_responseType": "-", "extendedRequestId": "KyDfdgZ9oAMEYpA=", "httpMethod": "GET", "identity_accountId": "-", "identity_caller": "-", "identity_sourceIp": "71.142.4.44", "identity_user": "-", "identity_userAgent": "curl/8.5.0", "identity_userArn": "-", "integration_error": "-", "integration_integrationStatus": "200", "integration_latency": "39", "integration_requestId": "88d54618-b7bc-445e-9bd2-d2eb1e8a2045", "integration_status": "401", "integrationErrorMessage": "-", "integrationLatency": "39", "integrationStatus_alternate": "200", "path": "/api/v1/users/me", "protocol": "HTTP/1.1", "requestId": "KyDfdgZ9oAMEYpA=", "requestTime": "18/May/2025:21:08:50 +0000", "requestTimeEpoch": "1747602530", "responseLatency": "71", "responseLength": "47", "routeKey": "GET /api/v1/users/me", "stage": "$default", "status": "401"}',
    );
    expect(record).toMatchObject({
      requestId: 'KyDfdgZ9oAMEYpA=',
      extendedRequestId: 'KyDfdgZ9oAMEYpA=',
      timestamp: 1747602530000,
      status: 401,
      integrationStatus: 401,
      integrationRequestId: '88d54618-b7bc-445e-9bd2-d2eb1e8a2045',
      integrationLatencyMs: 39,
      responseLatencyMs: 71,
      ip: '71.142.4.44',
      path: '/api/v1/users/me',
      routeKey: 'GET /api/v1/users/me',
      apiId: 'qi9k0zm7z8',
      stage: '$default',
    });
    expect(record?.errorMessage).toBeUndefined();
    expect(record?.integrationErrorMessage).toBeUndefined();
  });

  it('a line that is not quite JSON: the quoted $context.error.messageString inside quotes (DataBiosphere/azul#6284)', () => {
    // Beginning as pasted in the issue; the fields after httpMethod follow the same JSON_LOG_FORMAT, values composed.
    const record = parse(
      '{"accountId": "542754589326", "apiId": "ccp122p730", "authorizer_claims_property": "-", "authorizer_error": "-", "authorizer_principalId": "-", "authorizer_property": "-", "awsEndpointRequestId": "-", "awsEndpointRequestId2": "-", "customDomain_basePathMatched": "(none)", "dataProcessed": "-", "domainName": "service.azul.data.humancellatlas.org", "domainPrefix": "service", "error_message": "Endpoint request timed out", "error_messageString": ""Endpoint request timed out"", "error_responseType": "INTEGRATION_TIMEOUT", "extendedRequestId": "YIwYiFstIAMESqA=", "httpMethod": "POST", "identity_sourceIp": "141.80.100.141", "integration_error": "-", "integration_integrationStatus": "-", "integration_latency": "-", "integration_requestId": "-", "integration_status": "-", "integrationErrorMessage": "-", "integrationLatency": "-", "integrationStatus": "-", "path": "/index/files", "protocol": "HTTP/1.1", "requestId": "3a5aa225-5d8c-4a68-a2bf-8b5c3f6e2d11", "requestTime": "21/May/2024:19:48:44 +0000", "requestTimeEpoch": "1716320924709", "responseLatency": "29012", "responseLength": "41", "routeKey": "-", "stage": "prod", "status": "504"}',
    );
    expect(record).toMatchObject({
      requestId: '3a5aa225-5d8c-4a68-a2bf-8b5c3f6e2d11',
      status: 504,
      errorMessage: 'Endpoint request timed out',
      errorResponseType: 'INTEGRATION_TIMEOUT',
      responseLatencyMs: 29012,
      timestamp: 1716320924709,
      httpMethod: 'POST',
      stage: 'prod',
    });
    expect(record?.integrationStatus).toBeUndefined();
    expect(record?.routeKey).toBeUndefined();
  });

  it('numbers left unquoted in the template print a bare "-" (Terraform stage with an "integration" object)', () => {
    // Format from a public Terraform module; a failed request's line composed from it.
    const record = parse(
      '{ "requestId":"IWvN1jOkoAMEVpg=", "ip": "1.128.0.0", "requestTime":"20/Jul/2023:09:05:02 +0000", "httpMethod":"POST","routeKey":"POST /orders", "status":"503","protocol":"HTTP/1.1", "responseLength":33, "integrationStatus": -, "integrationErrorMessage": "Network error communicating with endpoint", "integration": { "error": "-", "integrationstatus": -, "latency": 30001, "requestId": "-", "status": - } }',
    );
    expect(record).toMatchObject({
      requestId: 'IWvN1jOkoAMEVpg=',
      status: 503,
      routeKey: 'POST /orders',
      integrationLatencyMs: 30001,
      integrationErrorMessage: 'Network error communicating with endpoint',
      integrationError: 'Network error communicating with endpoint',
    });
    expect(record?.integrationStatus).toBeUndefined();
  });

  it('nested objects and other names: {"error": {"message"}}, "method", "traceId", "latency"', () => {
    // Keys as in a public CDK stack (traceId/method/path/latency) with an "error" object as the brief describes.
    const record = parse(
      '{"requestId":"0d1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","traceId":"1-67a1b2c3-0123456789abcdef01234567","ip":"203.0.113.9","method":"POST","path":"/tenants","status":502,"latency":"118","integrationLatency":"105","error":{"message":"Internal server error","responseType":"DEFAULT_5XX"},"integration":{"status":"200","error":"-"}}',
    );
    expect(record).toMatchObject({
      requestId: '0d1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      xrayTraceId: '1-67a1b2c3-0123456789abcdef01234567',
      httpMethod: 'POST',
      path: '/tenants',
      status: 502,
      responseLatencyMs: 118,
      integrationLatencyMs: 105,
      errorMessage: 'Internal server error',
      errorResponseType: 'DEFAULT_5XX',
      integrationStatus: 200,
      timestamp: EVENT_TIME,
    });
  });

  it('snake_case keys (awslabs serverless-rules logging example)', () => {
    const record = parse(
      '{"stage":"prod","request_id":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","api_id":"a1b2c3d4e5","resource_path":"/orders/{id}","resource_id":"k0w8mc","http_method":"GET","source_ip":"198.51.100.23","user-agent":"curl/8.5.0","account_id":"123456789012","status_code":"500","integration_error_message":"Execution failed due to configuration error: Invalid permissions on Lambda function"}',
    );
    expect(record).toMatchObject({
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      apiId: 'a1b2c3d4e5',
      resourcePath: '/orders/{id}',
      httpMethod: 'GET',
      ip: '198.51.100.23',
      status: 500,
      integrationErrorMessage: 'Execution failed due to configuration error: Invalid permissions on Lambda function',
    });
  });

  it('the Serverless "SLS_HTTP_API_LOG" format keeps the route key under resourcePath', () => {
    const record = parse(
      '{"requestTime":"20/Jul/2023:07:09:32 +0000","requestId":"IWeTChtboAMEVUQ=","apiId":"1ax3mj7iqf","resourcePath":"GET /orders/{id}","path":"/orders/42","httpMethod":"GET","stage":"$default","status":"500","integrationStatus":"200","integrationLatency":"3002","responseLatency":"3005","responseLength":"35","errorMessage":"Internal Server Error","format":"SLS_HTTP_API_LOG","version":"1.0.0"}',
    );
    expect(record).toMatchObject({ routeKey: 'GET /orders/{id}', path: '/orders/42', status: 500, integrationStatus: 200, errorMessage: 'Internal Server Error' });
    expect(record?.resourcePath).toBeUndefined();
  });

  it('REST requestTimeEpoch is in milliseconds; requestTime with an offset', () => {
    expect(parse('{"requestId":"70941c11-c41b-4427-b286-00a20026bfed","status":"502","requestTimeEpoch":1719616949095,"httpMethod":"POST"}')?.timestamp).toBe(1719616949095);
    expect(parse('{"requestId":"70941c11-c41b-4427-b286-00a20026bfed","status":"502","requestTime":"28/Jun/2024:23:22:29 +0530","httpMethod":"POST"}')?.timestamp).toBe(
      Date.UTC(2024, 5, 28, 23, 22, 29) - 330 * 60_000,
    );
    expect(parse('{"requestId":"70941c11-c41b-4427-b286-00a20026bfed","status":"502","requestTime":"not a time","httpMethod":"POST"}')?.timestamp).toBe(EVENT_TIME);
  });
});

describe('parseAccessLogRecord: refuses what is not an access log', () => {
  it.each([
    // Lambda JSON log format (application log with the event's fields inside "message")
    '{"timestamp":"2023-10-27T19:17:45.586Z","level":"ERROR","message":{"statusCode":500,"path":"/orders","httpMethod":"GET"},"requestId":"79b4f56e-95b1-4643-9700-2807f4e68189"}',
    // Lambda JSON log format platform records
    '{"time":"2023-10-27T19:17:45.586Z","type":"platform.report","record":{"requestId":"79b4f56e-95b1-4643-9700-2807f4e68189","metrics":{"durationMs":3000.51,"billedDurationMs":3000,"memorySizeMB":128,"maxMemoryUsedMB":68},"status":"timeout"}}',
    '{"time":"2023-10-27T19:17:42.586Z","type":"platform.start","record":{"requestId":"79b4f56e-95b1-4643-9700-2807f4e68189","version":"$LATEST"}}',
    // Powertools for AWS Lambda (Python) structured log, even with request-like extras
    '{"level":"ERROR","location":"handler:17","message":"Upstream returned 503","timestamp":"2024-03-06 10:21:45,123+0000","service":"orders","cold_start":false,"function_name":"orders-fn","function_memory_size":"256","function_arn":"arn:aws:lambda:us-east-1:123456789012:function:orders-fn","function_request_id":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","xray_trace_id":"1-5759e988-bd862e3fe1be46a994272793","status":502,"path":"/orders","method":"GET","requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef"}',
    // Powertools for AWS Lambda (TypeScript)
    '{"cold_start":true,"function_arn":"arn:aws:lambda:eu-west-1:123456789012:function:orders-fn","function_memory_size":128,"function_name":"orders-fn","function_request_id":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","level":"ERROR","message":"request failed","service":"orders","timestamp":"2024-03-06T10:21:45.123Z","xray_trace_id":"1-5759e988-bd862e3fe1be46a994272793","statusCode":500,"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","path":"/orders"}',
    // Node.js runtime error object
    '{"errorType":"Error","errorMessage":"boom","requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","status":500,"path":"/x","stack":["Error: boom"]}',
    // Lambda text lines
    '2024-03-06T10:21:45.123Z\tc6af9ac6-7b61-11e6-9a41-93e8deadbeef\tERROR\t{"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","status":502,"path":"/orders","httpMethod":"GET"}',
    '[ERROR]\t2024-03-06T10:21:45.123Z\tc6af9ac6-7b61-11e6-9a41-93e8deadbeef\tstatus 502, GET /orders, HTTP/1.1, 10.0.0.1',
    'REPORT RequestId: c6af9ac6-7b61-11e6-9a41-93e8deadbeef\tDuration: 3000.51 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 68 MB\tStatus: timeout',
    'START RequestId: c6af9ac6-7b61-11e6-9a41-93e8deadbeef Version: $LATEST',
    // execution log lines
    '(c6af9ac6-7b61-11e6-9a41-93e8deadbeef) Method completed with status: 502',
    '(c6af9ac6-7b61-11e6-9a41-93e8deadbeef) Endpoint response body before transformations: {"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","status":"502","httpMethod":"GET"}',
    // an API Gateway proxy event printed by the function: a request id, no status
    '{"resource":"/orders","path":"/orders","httpMethod":"GET","requestContext":{"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","stage":"prod","httpMethod":"GET"}}',
    // a request id and a status but nothing that describes a request
    '{"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","status":502}',
    // no status
    '{"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","ip":"1.2.3.4","httpMethod":"GET","status":"-"}',
    '{"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","ip":"1.2.3.4","httpMethod":"GET","status":"abc"}',
    // an application's own CSV-ish text
    'user 42 logged in, took 300 ms, ok',
    // a function printing CSV with one request-like column only
    'c6af9ac6-7b61-11e6-9a41-93e8deadbeef,502,GET,done',
    '[1, 2, 3]',
    '{"broken": ',
    '',
  ])('%s', (message) => {
    expect(parse(message)).toBeNull();
  });
});

describe('parseAccessLogRecord: console CLF, XML, CSV presets and "key: value" lists', () => {
  it('REST CLF preset (format: set-up-access-logging.md; values composed)', () => {
    expect(
      parse('198.51.100.23 - - [10/Mar/2026:14:04:37 +0000]"GET /orders/{id} HTTP/1.1" 502 36 c6af9ac6-7b61-11e6-9a41-93e8deadbeef YIwYiFstIAMESqA='),
    ).toMatchObject({
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      extendedRequestId: 'YIwYiFstIAMESqA=',
      ip: '198.51.100.23',
      httpMethod: 'GET',
      resourcePath: '/orders/{id}',
      protocol: 'HTTP/1.1',
      status: 502,
      timestamp: Date.UTC(2026, 2, 10, 14, 4, 37),
    });
  });

  it('HTTP API CLF with the integration error message last', () => {
    const record = parse(
      '203.0.113.7 - - [20/Jul/2023:07:09:32 +0000] "GET GET /orders/{id} HTTP/1.1" 500 35 IWeTChtboAMEVUQ= Execution failed due to configuration error: Invalid permissions on Lambda function',
    );
    expect(record).toMatchObject({
      requestId: 'IWeTChtboAMEVUQ=',
      routeKey: 'GET /orders/{id}',
      httpMethod: 'GET',
      status: 500,
      integrationErrorMessage: 'Execution failed due to configuration error: Invalid permissions on Lambda function',
    });
  });

  it('CLF with the extended id first (the CloudFormation example of the same doc) and " | " before the error', () => {
    expect(
      parse('YIwYiFstIAMESqA= 198.51.100.23 - - [10/Mar/2026:14:04:37 +0000] "POST /orders HTTP/1.1" 504 41 c6af9ac6-7b61-11e6-9a41-93e8deadbeef'),
    ).toMatchObject({ requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', extendedRequestId: 'YIwYiFstIAMESqA=', status: 504, resourcePath: '/orders' });
    expect(
      parse('203.0.113.7 - - [20/Jul/2023:07:09:32 +0000] "POST $default HTTP/1.1" 502 36 IWeTChtboAMEVUQ= | Endpoint request timed out'),
    ).toMatchObject({ routeKey: '$default', status: 502, errorMessage: 'Endpoint request timed out' });
  });

  it('XML preset', () => {
    expect(
      parse(
        '<request id="48752d0f-c99d-4cfa-a5a7-f3c6834d19e5"> <extendedRequestId>GQIVriFLIAMEMsA=</extendedRequestId> <ip>1.128.0.0</ip> <caller>-</caller> <user>-</user> <requestTime>10/Jun/2023:15:36:28 +0000</requestTime> <httpMethod>GET</httpMethod> <resourcePath>/pets</resourcePath> <status>504</status> <protocol>HTTP/1.1</protocol> <responseLength>41</responseLength> </request>',
      ),
    ).toMatchObject({ requestId: '48752d0f-c99d-4cfa-a5a7-f3c6834d19e5', extendedRequestId: 'GQIVriFLIAMEMsA=', status: 504, resourcePath: '/pets', ip: '1.128.0.0' });
  });

  it('CSV presets without a header: columns recognised by content', () => {
    expect(
      parse('1.128.0.0,-,-,10/Jun/2023:15:36:28 +0000,GET,/pets,HTTP/1.1,502,36,48752d0f-c99d-4cfa-a5a7-f3c6834d19e5,GQIVriFLIAMEMsA='),
    ).toMatchObject({ requestId: '48752d0f-c99d-4cfa-a5a7-f3c6834d19e5', extendedRequestId: 'GQIVriFLIAMEMsA=', status: 502, path: '/pets', httpMethod: 'GET' });
    // HTTP API preset as SST documents it
    expect(parse('1.128.0.0,20/Jul/2023:07:09:32 +0000,GET,GET /,HTTP/1.1,500,35,IWeTChtboAMEVUQ=')).toMatchObject({
      requestId: 'IWeTChtboAMEVUQ=',
      routeKey: 'GET /',
      status: 500,
    });
  });

  it('custom CSV: status first, quoted columns, error messages (public Terraform stages)', () => {
    // "$context.status,$context.identity.sourceIp,$context.requestTime,$context.httpMethod,$context.protocol,$context.responseLength,$context.requestId,\"$context.resourcePath\",$context.integration.integrationStatus,$context.integration.status,\"$context.error.message\",\"$context.integrationErrorMessage\""
    const line = '502,198.51.100.23,10/Mar/2026:14:04:37 +0000,GET,HTTP/1.1,36,c6af9ac6-7b61-11e6-9a41-93e8deadbeef,"/orders/{id}",200,502,"Internal server error","-"';
    expect(parse(line)).toMatchObject({ status: 502, requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', resourcePath: '/orders/{id}', errorMessage: 'Internal server error' });
    // "$context.error.message,$context.error.messageString,$context.identity.sourceIp,...,$context.status,$context.responseLength,$context.requestId"
    expect(
      parse('Internal server error,"Internal server error",198.51.100.23,-,-,10/Mar/2026:14:04:37 +0000,POST,/orders,HTTP/1.1,502,36,c6af9ac6-7b61-11e6-9a41-93e8deadbeef'),
    ).toMatchObject({ status: 502, errorMessage: 'Internal server error', httpMethod: 'POST' });
  });

  it('the Serverless Framework default REST format', () => {
    expect(
      parse('requestId: 0c1c44e1-1d54-42d8-ba45-cee2037fb46f, ip: 49.36.1.2, caller: -, user: -, requestTime: 20/May/2023:10:11:12 +0000, httpMethod: GET, resourcePath: /orders, status: 502, protocol: HTTP/1.1, responseLength: 36'),
    ).toMatchObject({ requestId: '0c1c44e1-1d54-42d8-ba45-cee2037fb46f', status: 502, resourcePath: '/orders', ip: '49.36.1.2', timestamp: Date.UTC(2023, 4, 20, 10, 11, 12) });
  });
});

describe('parseAccessLogRecord with the stage format', () => {
  it('a JSON format with names no alias would guess', () => {
    const format = '{"rid":"$context.requestId","code":"$context.status","fn":"$context.integration.status","why":"$context.integrationErrorMessage","r":"$context.routeKey","t":"$context.requestTimeEpoch"}';
    const line = '{"rid":"IWeTChtboAMEVUQ=","code":"502","fn":"200","why":"-","r":"GET /orders","t":"1689836972"}';
    expect(parse(line)).toBeNull();
    expect(parse(line, format)).toMatchObject({ requestId: 'IWeTChtboAMEVUQ=', status: 502, integrationStatus: 200, routeKey: 'GET /orders', timestamp: 1689836972000 });
  });

  it('a text format decides ambiguous columns', () => {
    const format = '$context.status,$context.identity.sourceIp,$context.requestTime,$context.httpMethod,$context.protocol,$context.responseLength,$context.requestId,"$context.resourcePath",$context.integration.integrationStatus,$context.integration.status,"$context.error.message","$context.integrationErrorMessage"\\n';
    const line = '502,198.51.100.23,10/Mar/2026:14:04:37 +0000,GET,HTTP/1.1,36,c6af9ac6-7b61-11e6-9a41-93e8deadbeef,"/orders/{id}",200,502,"Internal server error","-"';
    expect(parse(line, format)).toMatchObject({ status: 502, integrationStatus: 502, resourcePath: '/orders/{id}', errorMessage: 'Internal server error', ip: '198.51.100.23' });
  });

  it('a minimal format needs no describing field; a Lambda line still is refused', () => {
    const format = '$context.requestId $context.status $context.integrationErrorMessage';
    expect(parse('c6af9ac6-7b61-11e6-9a41-93e8deadbeef 502 Malformed Lambda proxy response', format)).toMatchObject({
      status: 502,
      integrationErrorMessage: 'Malformed Lambda proxy response',
    });
    expect(parse('START RequestId: c6af9ac6-7b61-11e6-9a41-93e8deadbeef Version: $LATEST', format)).toBeNull();
  });

  it('lines in another format fall back to recognising the content', () => {
    const format = '$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.routeKey $context.protocol" $context.status $context.responseLength $context.requestId';
    expect(parse('{"requestId":"GQIVriFLIAMEMsA=","ip":"1.128.0.0","httpMethod":"GET","routeKey":"GET /","status":"500"}', format)).toMatchObject({ status: 500 });
  });
});

describe('parseAccessLogRecord: robustness', () => {
  it('arbitrary strings never throw, and whatever comes back has an id and a real status', () => {
    const formats = [undefined, compileAccessLogFormat('$context.requestId $context.status $context.error.message'), compileAccessLogFormat('{"id":"$context.requestId","s":$context.status}')];
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom(...formats), (message, format) => {
        const record = parseAccessLogRecord({ timestamp: 0, message, file: 'f' }, format);
        if (record !== null) {
          expect(record.requestId.length).toBeGreaterThan(0);
          if (record.status !== undefined) expect(record.status).toBeGreaterThanOrEqual(100);
        }
      }),
    );
  });

  it('arbitrary JSON objects never throw', () => {
    fc.assert(
      fc.property(fc.object(), (value) => {
        void parseAccessLogRecord({ timestamp: 0, message: JSON.stringify(value), file: 'f' });
      }),
    );
  });

  it('copes with a message that is not a string', () => {
    expect(parseAccessLogRecord({ timestamp: 0, message: null, file: 'f' } as unknown as LogEvent)).toBeNull();
  });

  it('parseClfTime reads CLF times and refuses others', () => {
    expect(parseClfTime('18/May/2025:21:08:50 +0000')).toBe(Date.UTC(2025, 4, 18, 21, 8, 50));
    expect(parseClfTime('18/May/2025:21:08:50 -0700')).toBe(Date.UTC(2025, 4, 19, 4, 8, 50));
    expect(parseClfTime('18/Foo/2025:21:08:50 +0000')).toBeUndefined();
    expect(parseClfTime('2025-05-18T21:08:50Z')).toBeUndefined();
  });
});
