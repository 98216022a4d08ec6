import { describe, it, expect } from 'vitest';
import { runEmulatedQuery, type EmulatedEvent } from './logsInsights/insightsEmulator.ts';
import { MAX_IDS_PER_QUERY, executionLinesOfRequestsQuery, failingAccessRecordsQuery, failingExecutionLinesQuery, lambdaLinesQuery, SPANS_LOG_GROUP, spansOfTracesQuery } from './liveQueries.ts';

const at = (message: string, timestamp = Date.parse('2026-03-10T13:52:59.648Z'), logStream?: string): EmulatedEvent => ({ timestamp, message, ...(logStream ? { logStream } : {}) });
const messages = (query: string, events: EmulatedEvent[]) => runEmulatedQuery(query, events).map((row) => row['@message']);

describe('failingAccessRecordsQuery: every failing record, raw, whatever the format calls the status', () => {
  it('a JSON format (the stage format of events/incidents/rest-lambda-timeout)', () => {
    const format = '{ "requestId":"$context.requestId", "httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath", "status":"$context.status", "integrationStatus":"$context.integrationStatus" }';
    const failing = '{ "requestId":"0894a994-46de-48b5-b1a2-bf089cd037d6", "httpMethod":"GET", "resourcePath":"/orders/{id}", "status":"502", "integrationStatus":"200" }';
    const ok = '{ "requestId":"f87d464d-9b92-461c-98ec-9a79caacf42f", "httpMethod":"GET", "resourcePath":"/orders/{id}", "status":"200", "integrationStatus":"200" }';
    const client = '{ "requestId":"7c0e14d7-eb08-4911-aadd-4ecdda21dbba", "httpMethod":"GET", "resourcePath":"/orders/{id}", "status":"404", "integrationStatus":"200" }';
    const query = failingAccessRecordsQuery(format);
    expect(query.split('\n| ').slice(-4)).toEqual(['filter gwStatus like /^5\\d\\d$/', 'fields @timestamp, @message, @log, @logStream', 'sort @timestamp asc', 'limit 10000']);
    expect(messages(query, [at(ok), at(failing), at(client)])).toEqual([failing]);
  });

  it('a CSV template (events/incidents/rest-lambda-unhandled-error-node) and the console CLF preset without a known format', () => {
    const csv = '$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.extendedRequestId';
    const bad = '192.0.2.71,-,-,14/May/2026:16:04:47 +0000,POST,/quotes,HTTP/1.1,502,36,565cb194-a6a2-4308-bda0-e8a4802e3e62,ZDqGUFODJER5JwO=';
    const good = '81.2.69.108,-,-,14/May/2026:16:00:34 +0000,GET,/quotes/{quoteId},HTTP/1.1,200,18,e539e7f2-1789-4605-9e1c-64bbff3c4a1b,OVjlUJOi0nHizQJ=';
    expect(messages(failingAccessRecordsQuery(csv), [at(good), at(bad)])).toEqual([bad]);
    // The console's CLF preset: 203.0.113.7 - - [10/Mar/2026:13:52:53 +0000] "GET /orders/{id} HTTP/1.1" 504 36 <requestId>
    const clf = '203.0.113.7 - - [10/Mar/2026:13:52:53 +0000] "GET /orders/{id} HTTP/1.1" 504 36 0894a994-46de-48b5-b1a2-bf089cd037d6';
    const clfOk = '203.0.113.7 - - [10/Mar/2026:13:52:54 +0000] "GET /orders/{id} HTTP/1.1" 200 36 f87d464d-9b92-461c-98ec-9a79caacf42f';
    expect(messages(failingAccessRecordsQuery(), [at(clfOk), at(clf)])).toEqual([clf]);
  });
});

describe('failingExecutionLinesQuery: without an access log', () => {
  it("the 5xx completion lines and the failure lines, not the rest of a request's lines", () => {
    const id = 'c8ea2a2e-7a94-4c52-bd3a-39f6d4923b76';
    // ERROR-level execution logs of events/incidents/rt-rest-error-level-exec-logs-only.
    const failure = `(${id}) Lambda execution failed with status 200 due to customer function error: RequestId: b4912040-c0fb-431a-9a1d-936af1f73e4b Error: Task timed out after 8.00 seconds. Lambda request id: b4912040-c0fb-431a-9a1d-936af1f73e4b`;
    const completed = `(${id}) Method completed with status: 502`;
    const events = [at(`(${id}) Starting execution for request: ${id}`), at(failure), at(completed), at('(5e13312a-e846-4a42-961e-3ecbb7045406) Method completed with status: 200')];
    expect(messages(failingExecutionLinesQuery(), events)).toEqual([failure, completed]);
  });
});

describe('lambdaLinesQuery', () => {
  const id = '4d81c8a0-f4c7-4c9c-9d21-957e76296c1d';
  const lines = [
    at(`START RequestId: ${id} Version: $LATEST\n`),
    at(`2026-03-10T13:52:53.632Z\t${id}\tINFO\tgetOrder orderId=399534\n`),
    at('START RequestId: 0b4ba6fc-1e5d-4f4a-8f65-3a1e9d2c7b10 Version: $LATEST\n'),
    at('2026-03-10T13:52:54.001Z\t0b4ba6fc-1e5d-4f4a-8f65-3a1e9d2c7b10\tINFO\tlisting catalog\n'),
    // Node.js import failure during init: no request id on the line ("undefined").
    at('2026-03-10T13:52:55.100Z\tundefined\tERROR\tUncaught Exception \t{"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module \'pg\'"}\n'),
    at('INIT_REPORT Init Duration: 412.55 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError\n'),
    // Go's log package: no request id, no level (events/incidents/rt-http-go-ddb-throttle-trace-only).
    at('2026/05/14 09:11:20 create order ord-b72aec4d: service unavailable, responding 503\n'),
  ];

  it('finds the lines of the invocations asked for, and the init failures that carry no id', () => {
    const found = messages(lambdaLinesQuery([id]) ?? '', lines);
    expect(found).toEqual([lines[0]?.message, lines[1]?.message, lines[4]?.message, lines[5]?.message]);
  });

  it('with time matching, every failure-like line too', () => {
    expect(messages(lambdaLinesQuery([], { notable: true }) ?? '', lines)).toContain(lines[6]?.message);
    expect(lambdaLinesQuery([])).toBeUndefined();
  });

  it('stays under the 10,000 characters of a query, however many ids', () => {
    const ids = Array.from({ length: 400 }, () => crypto.randomUUID());
    const query = lambdaLinesQuery(ids, { notable: true }) ?? '';
    expect(query.length).toBeLessThan(10_000);
    expect(ids.filter((i) => query.includes(i))).toHaveLength(MAX_IDS_PER_QUERY);
    expect((executionLinesOfRequestsQuery(ids) ?? '').length).toBeLessThan(10_000);
  });

  it('leaves out what is not an id rather than splice it into a query', () => {
    expect(executionLinesOfRequestsQuery(['") | filter 1=1 | fields x', 'Vdn1pgs-oAMEaXQ='])).toBe(
      'fields @timestamp, @message, @log, @logStream\n| filter @message like /\\((?:Vdn1pgs-oAMEaXQ=)\\)/\n| sort @timestamp asc\n| limit 10000',
    );
  });
});

describe('spansOfTracesQuery (aws/spans, CloudWatch Transaction Search)', () => {
  it('asks for the spans of the traces by their W3C ids, converted from X-Ray ids, duplicates and junk left out', () => {
    const query = spansOfTracesQuery(['1-69b02235-78073c416a31eef402e76db2', 'Root=1-69B0226D-e6a30eccedfaefd79a993e4c;Parent=53995c3f42cd8ad8;Sampled=1', '1-69b02235-78073c416a31eef402e76db2', '-', 'x" or 1=1']);
    expect(query).toBe('filter traceId in ["69b0223578073c416a31eef402e76db2", "69b0226de6a30eccedfaefd79a993e4c"]\n| fields @timestamp, @message, @log, @logStream\n| sort @timestamp asc\n| limit 10000');
    expect(SPANS_LOG_GROUP).toBe('aws/spans');
  });

  it('is undefined with no usable id, and holds at most MAX_IDS_PER_QUERY ids', () => {
    expect(spansOfTracesQuery(['-', ''])).toBeUndefined();
    const ids = Array.from({ length: MAX_IDS_PER_QUERY + 10 }, (_, i) => `1-69b02235-${i.toString(16).padStart(24, '0')}`);
    expect(spansOfTracesQuery(ids)?.match(/"[0-9a-f]{32}"/g)).toHaveLength(MAX_IDS_PER_QUERY);
  });
});
