import { describe, expect, it } from 'vitest';
import { readAccessLogFailureRows, readExecutionLogFailureRows, stratifiedSample } from './failureRows.ts';
import { runEmulatedQuery, type EmulatedEvent } from './insightsEmulator.ts';
import {
  accessLogFailuresQuery,
  accessLogQueryFields,
  accessLogRequestsQuery,
  binFor,
  executionLogFailuresQuery,
  executionLogLinesQuery,
  fieldReference,
  lambdaLogLinesQuery,
  lambdaStreamLinesQuery,
  regexLiteral,
  safeIds,
  signatureSampleQuery,
  stringLiteral,
  windowAround,
} from './queries.ts';

const T0 = Date.UTC(2026, 2, 10, 14, 0);
const MINUTE = 60_000;

/** Syntax rules a real Logs Insights rejects, checked on every query built here. */
function expectWellFormed(query: string): void {
  const commands = query.split('\n| ');
  for (const command of commands) expect(command).toMatch(/^(fields|filter|parse|stats|sort|limit) /);
  // Balanced brackets outside string and regex literals.
  const stripped = query.replace(/(like|parse @message) \/(?:[^/\\]|\\.)*\//g, '$1 //').replace(/"(?:[^"\\]|\\.)*"/g, '""');
  for (const [open, close] of [['(', ')'], ['[', ']']] as const) {
    expect(stripped.split(open).length, `${open} in ${query}`).toBe(stripped.split(close).length);
  }
  // No trailing regex flags ("unexpected symbol found i"), no bin() in sort, no empty set.
  expect(query).not.toMatch(/like \/(?:[^/\\]|\\.)*\/[a-z]/);
  expect(query).not.toMatch(/sort[^|]*bin\(/);
  expect(query).not.toMatch(/in \[\]/);
  // Named groups Logs Insights and Java accept: letters and digits only.
  for (const match of query.matchAll(/\(\?<([^>]+)>/g)) expect(match[1]).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
}

describe('expectWellFormed (the checker itself)', () => {
  it('refuses what Logs Insights refuses', () => {
    expect(() => expectWellFormed('fields @message\n| filter @message like /timeout/i')).toThrow();
    expect(() => expectWellFormed('stats count(*) by bin(5m)\n| sort bin(5m) desc')).toThrow();
    expect(() => expectWellFormed('fields coalesce(a, b as c')).toThrow();
    expect(() => expectWellFormed('filter @requestId in []')).toThrow();
    expect(() => expectWellFormed('parse @message /(?<gw_status>\\d+)/')).toThrow();
    expect(() => expectWellFormed('fields @message\n| filter @message like /\\((?:a|b)\\)/')).not.toThrow();
  });
});

// --- Access logs -------------------------------------------------------------------------------------------------

/**
 * A REST stage logging JSON with snake_case keys for nested variables, as DataBiosphere/azul's JSON_LOG_FORMAT does
 * (API_GATEWAY_LOG_SHAPES.md §2.2; subset of its variables).
 */
const AZUL_FORMAT =
  '{"requestId":"$context.requestId","status":"$context.status","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath",' +
  '"error_message":"$context.error.message","error_responseType":"$context.error.responseType","integration_error":"$context.integration.error",' +
  '"integration_status":"$context.integration.status","integration_integrationStatus":"$context.integration.integrationStatus","integration_requestId":"$context.integration.requestId"}';

function azulLine(i: number, kind: 'ok' | 'timeout' | 'rate'): EmulatedEvent {
  const id = `4f0c${String(i).padStart(4, '0')}-1b2c-4d3e-8f4a-5b6c7d8e9f0a`;
  const lambda = `9a8b${String(i).padStart(4, '0')}-7c6d-4e5f-8a9b-0c1d2e3f4a5b`;
  const base = { requestId: id, httpMethod: kind === 'rate' ? 'POST' : 'GET', resourcePath: kind === 'rate' ? '/orders' : '/orders/{id}' };
  const fields =
    kind === 'ok'
      ? { status: '200', error_message: '-', error_responseType: '-', integration_error: '-', integration_status: '200', integration_integrationStatus: '200', integration_requestId: lambda }
      : kind === 'timeout'
        ? // azul#6284: INTEGRATION_TIMEOUT, "Endpoint request timed out".
          { status: '504', error_message: 'Endpoint request timed out', error_responseType: 'INTEGRATION_TIMEOUT', integration_error: '-', integration_status: '-', integration_integrationStatus: '-', integration_requestId: lambda }
        : // azul#6624 / #7470: INTEGRATION_FAILURE, 500, integration_error "Execution failed due to configuration error: Rate Exceeded."
          { status: '500', error_message: 'Internal server error', error_responseType: 'INTEGRATION_FAILURE', integration_error: 'Execution failed due to configuration error: Rate Exceeded.', integration_status: '-', integration_integrationStatus: '-', integration_requestId: '-' };
  return { timestamp: T0 + i * 20_000, message: JSON.stringify({ ...base, ...fields }), log: '123456789012:/aws/apigateway/orders-api-prod-access' };
}

function azulIncident(): EmulatedEvent[] {
  const events: EmulatedEvent[] = [];
  for (let i = 0; i < 90; i++) events.push(azulLine(i, i % 2 === 0 ? 'timeout' : 'ok'));
  // The rare second cause: three throttled invocations late in the window.
  for (const i of [70, 81, 88]) events.push(azulLine(1_000 + i, 'rate'));
  events.forEach((event, index) => (event.timestamp = T0 + index * 20_000));
  return events;
}

describe('accessLogQueryFields', () => {
  it('reads a known JSON format by its own key paths, backticking keys with underscores', () => {
    const fields = accessLogQueryFields(AZUL_FORMAT);
    expect(fields.source).toBe('format-json');
    const prelude = fields.prelude.join('\n');
    expect(prelude).toContain('coalesce(`integration_status`, gwIntegrationStatusRaw, "-") as gwIntegrationStatus');
    expect(prelude).toContain('coalesce(`error_responseType`, gwResponseTypeRaw, "-") as gwResponseType');
    expect(prelude).toContain('coalesce(`integration_requestId`, gwIntegrationRequestIdRaw, "-") as gwIntegrationRequestId');
    expect(fields.available).toEqual(expect.arrayContaining(['requestId', 'status', 'route', 'method', 'integrationError', 'errorMessage']));
    expect(fields.available).not.toContain('xrayTraceId');
  });

  it('uses dotted names for nested keys of a known format', () => {
    const fields = accessLogQueryFields('{"requestId":"$context.requestId","status":"$context.status","integration":{"status":"$context.integration.status","error":"$context.integration.error"}}');
    const prelude = fields.prelude.join('\n');
    expect(prelude).toContain('coalesce(integration.status, "-") as gwIntegrationStatus');
    expect(prelude).toContain('coalesce(integration.error, "-") as gwIntegrationError');
  });

  it('coalesces the usual spellings when the format is unknown', () => {
    const prelude = accessLogQueryFields().prelude.join('\n');
    expect(prelude).toMatch(/coalesce\(status, statusCode, `status_code`, httpStatus/);
    expect(prelude).toContain('integration.status, `integration_status`, integrationStatus, functionResponseStatus');
  });
});

describe('accessLogFailuresQuery', () => {
  it('is well formed for JSON, text and unknown formats', () => {
    for (const format of [AZUL_FORMAT, CLF_FORMAT, BARE_NUMBER_FORMAT, undefined]) {
      expectWellFormed(accessLogFailuresQuery({ accessLogFormat: format, windowMs: 30 * MINUTE }));
    }
  });

  it('counts failures by status, route and signature and keeps candidates of the rare cause', () => {
    const query = accessLogFailuresQuery({ accessLogFormat: AZUL_FORMAT, windowMs: 30 * MINUTE });
    const rows = runEmulatedQuery(query, azulIncident());
    const summary = readAccessLogFailureRows(rows);

    expect(summary.total).toBe(48);
    expect(summary.byStatus).toEqual({ '504': 45, '500': 3 });
    expect(summary.byRoute).toEqual({ 'GET /orders/{id}': 45, 'POST /orders': 3 });
    expect(summary.groups.map((group) => [group.status, group.route, group.signature, group.count])).toEqual([
      [504, 'GET /orders/{id}', 'INTEGRATION_TIMEOUT; Endpoint request timed out', 45],
      [500, 'POST /orders', 'INTEGRATION_FAILURE; Execution failed due to configuration error: Rate Exceeded.; Internal server error', 3],
    ]);
    expect(summary.onset).toBe(T0);

    const sample = stratifiedSample(summary, 20, 2);
    expect(sample.requestIds).toHaveLength(20);
    const rare = sample.perGroup.find((group) => group.key.includes('Rate Exceeded'));
    expect(rare?.requestIds.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sample.requestIds).size).toBe(20);
    // Every sampled id is a failing request of the incident.
    const failing = new Set(azulIncident().filter((e) => !e.message.includes('"status":"200"')).map((e) => (JSON.parse(e.message) as { requestId: string }).requestId));
    expect(sample.requestIds.every((id) => failing.has(id))).toBe(true);
  });

  it('reads a text (CLF) format with a regex built from the template', () => {
    const lines: EmulatedEvent[] = [
      // Console CLF preset (awsdocs set-up-access-logging.md), no space after "]".
      { timestamp: T0, message: '192.0.2.10 - - [10/Mar/2026:14:00:00 +0000]"GET /pets/{petId} HTTP/1.1" 502 36 b8e3c0a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c Vwc2MGFUrPEFV_g=' },
      { timestamp: T0 + 1_000, message: '192.0.2.11 - - [10/Mar/2026:14:00:01 +0000]"GET /pets/{petId} HTTP/1.1" 502 36 c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f Vwc2NHGNoAMFXqg=' },
      { timestamp: T0 + 2_000, message: '192.0.2.12 - - [10/Mar/2026:14:00:02 +0000]"POST /pets HTTP/1.1" 200 84 d1e2f3a4-5b6c-4d7e-8f9a-0b1c2d3e4f5a Vwc2OHGNoAMFXrg=' },
    ];
    const rows = runEmulatedQuery(accessLogFailuresQuery({ accessLogFormat: CLF_FORMAT, windowMs: 15 * MINUTE }), lines);
    const summary = readAccessLogFailureRows(rows);
    expect(summary.total).toBe(2);
    expect(summary.byRoute).toEqual({ 'GET /pets/{petId}': 2 });
    expect(summary.groups[0]?.requestIds).toEqual(['b8e3c0a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c', 'c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f']);
  });

  it('reads top-level keys with a regex when a bare-number template printed a "-" (not JSON)', () => {
    const lines: EmulatedEvent[] = [
      // Public Terraform module template with unquoted numbers: a missing integration status prints a bare "-".
      { timestamp: T0, message: '{"requestId":"0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b","status":504,"integrationStatus":-,"responseLatency":29003}' },
      { timestamp: T0 + 5_000, message: '{"requestId":"1f2a3b4c-5d6e-4f7a-8b9c-0d1e2f3a4b5c","status":502,"integrationStatus":200,"responseLatency":131}' },
    ];
    const rows = runEmulatedQuery(accessLogFailuresQuery({ accessLogFormat: BARE_NUMBER_FORMAT, windowMs: 15 * MINUTE }), lines);
    expect(readAccessLogFailureRows(rows).byStatus).toEqual({ '504': 1, '502': 1 });
  });

  it('finds JSON fields by their usual names and CLF preset lines when the format is unknown', () => {
    const lines: EmulatedEvent[] = [
      // HTTP API JSON preset plus integrationErrorMessage (public workshop output, 2022).
      {
        timestamp: T0,
        message:
          '{"httpMethod":"POST","integrationErrorMessage":"The Lambda function returned the following error: [Errno 2] No such file or directory: \'/tmp/x\'. Check your Lambda function code and try again.","protocol":"HTTP/1.1","requestId":"Vdn1pgs-oAMEVaA=","requestTime":"10/Mar/2026:14:00:00 +0000","resourcePath":"-","responseLength":"35","routeKey":"POST /submit","sourceIp":"107.21.85.89","status":"500"}',
      },
      // HTTP API CLF preset: the routeKey holds the method already.
      { timestamp: T0 + 1_000, message: '107.21.85.89 - - [10/Mar/2026:14:00:01 +0000] "GET GET /items HTTP/1.1" 503 33 KyDfdgZ9oAMEYpA=' },
      { timestamp: T0 + 2_000, message: '{"requestId":"Vdn1ng7PIAMEVPw=","routeKey":"ANY /","status":"200"}' },
    ];
    const rows = runEmulatedQuery(accessLogFailuresQuery({ windowMs: 15 * MINUTE }), lines);
    const summary = readAccessLogFailureRows(rows);
    expect(summary.byStatus).toEqual({ '500': 1, '503': 1 });
    expect(summary.byRoute).toEqual({ 'POST /submit': 1, 'GET /items': 1 });
    expect(summary.groups.find((group) => group.status === 500)?.parts.integrationError).toMatch(/^The Lambda function returned the following error/);
    expect(summary.groups.flatMap((group) => group.requestIds).sort()).toEqual(['KyDfdgZ9oAMEYpA=', 'Vdn1pgs-oAMEVaA=']);
  });
});

const CLF_FORMAT =
  '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime]"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.extendedRequestId';
const BARE_NUMBER_FORMAT =
  '{"requestId":"$context.requestId","status":$context.status,"integrationStatus":$context.integrationStatus,"responseLatency":$context.responseLatency}';

describe('signatureSampleQuery and accessLogRequestsQuery', () => {
  it('samples one signature, newest first, with the raw lines', () => {
    const events = azulIncident();
    const summary = readAccessLogFailureRows(runEmulatedQuery(accessLogFailuresQuery({ accessLogFormat: AZUL_FORMAT, windowMs: 30 * MINUTE }), events));
    const timeouts = summary.groups[0];
    expect(timeouts).toBeDefined();
    const query = signatureSampleQuery(
      { status: String(timeouts?.status), route: timeouts?.rawRoute ?? '', signature: timeouts?.rawSignature ?? '' },
      5,
      { accessLogFormat: AZUL_FORMAT },
    );
    expectWellFormed(query);
    const rows = runEmulatedQuery(query, events);
    expect(rows).toHaveLength(5);
    expect(rows.every((row) => row.gwStatus === '504' && row['@message']?.includes('INTEGRATION_TIMEOUT'))).toBe(true);
    expect(rows[0]?.['@timestamp'] ?? '').toBe('2026-03-10 14:29:20.000');
  });

  it('fetches the access log lines of sampled ids, with their integration request ids', () => {
    const events = azulIncident();
    const wanted = ['4f0c0000-1b2c-4d3e-8f4a-5b6c7d8e9f0a', '4f0c0002-1b2c-4d3e-8f4a-5b6c7d8e9f0a'];
    const query = accessLogRequestsQuery(wanted, { accessLogFormat: AZUL_FORMAT }) ?? '';
    expectWellFormed(query);
    const rows = runEmulatedQuery(query, events);
    expect(rows.map((row) => row.gwRequestId)).toEqual(wanted);
    expect(rows.map((row) => row.gwIntegrationRequestId)).toEqual(['9a8b0000-7c6d-4e5f-8a9b-0c1d2e3f4a5b', '9a8b0002-7c6d-4e5f-8a9b-0c1d2e3f4a5b']);
    expect(accessLogRequestsQuery([])).toBeUndefined();
  });
});

// --- Execution logs ----------------------------------------------------------------------------------------------

const EXEC_GROUP = '123456789012:API-Gateway-Execution-Logs_a1b2c3d4e5/prod';
function exec(id: string, offsetMs: number, text: string): EmulatedEvent {
  return { timestamp: T0 + offsetMs, message: `(${id}) ${text}`, log: EXEC_GROUP, logStream: '0cc175b9c0f1b6a831c399e269772661' };
}

/** Lines from API_GATEWAY_LOG_SHAPES.md §1 (sources named there). */
function executionIncident(): EmulatedEvent[] {
  const events: EmulatedEvent[] = [];
  for (let i = 0; i < 12; i++) {
    const id = `71952965-${String(i).padStart(4, '0')}-4e4b-9b3c-0c5e8a6b2d1f`;
    const t = i * 60_000;
    events.push(exec(id, t, 'Extended Request Id: Vwc2MGFUrPEFV_g='));
    events.push(exec(id, t + 1, 'HTTP Method: GET, Resource Path: /orders/42'));
    events.push(exec(id, t + 10_050, `Lambda execution failed with status 200 due to customer function error: 2026-03-10T14:${String(i).padStart(2, '0')}:10.001Z 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b Task timed out after 10.00 seconds. Lambda request id: 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b`));
    events.push(exec(id, t + 10_060, 'Method completed with status: 502'));
  }
  const throttled = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
  events.push(exec(throttled, 300_000, 'Lambda invocation failed with status: 429. Lambda request id: dcb2ab89-2b5e-4c47-9bcd-52b3f7b1e2a0'));
  events.push(exec(throttled, 300_001, 'Execution failed due to configuration error: Rate Exceeded.'));
  events.push(exec(throttled, 300_002, 'Method completed with status: 500'));
  const ok = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';
  events.push(exec(ok, 400_000, 'Method completed with status: 200'));
  return events.sort((a, b) => a.timestamp - b.timestamp);
}

describe('executionLogFailuresQuery', () => {
  it('is well formed', () => {
    expectWellFormed(executionLogFailuresQuery({ windowMs: 30 * MINUTE }));
  });

  it('counts "Method completed with status: 5xx" and groups the failure lines by their stable prefix', () => {
    const rows = runEmulatedQuery(executionLogFailuresQuery({ windowMs: 30 * MINUTE }), executionIncident());
    const summary = readExecutionLogFailureRows(rows);
    expect(summary.countedFrom).toBe('execution-log');
    expect(summary.total).toBe(13);
    expect(summary.byStatus).toEqual({ '502': 12, '500': 1 });
    const failures = summary.groups.filter((group) => group.kind === 'execution-failure').map((group) => [group.signature, group.count]);
    expect(failures).toEqual([
      ['Lambda execution failed with status 200 due to customer function error: Task timed out after', 12],
      ['Execution failed due to configuration error: Rate Exceeded', 1],
      ['Lambda invocation failed with status: 429', 1],
    ]);
    const sample = stratifiedSample(summary, 6, 2);
    expect(sample.requestIds).toContain('a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d');
    expect(sample.requestIds).toHaveLength(6);
  });
});

describe('executionLogLinesQuery', () => {
  it('finds every line of the sampled requests and nothing else', () => {
    const wanted = ['71952965-0003-4e4b-9b3c-0c5e8a6b2d1f', 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d'];
    const query = executionLogLinesQuery(wanted) ?? '';
    expectWellFormed(query);
    const rows = runEmulatedQuery(query, executionIncident());
    expect(rows).toHaveLength(7);
    expect(rows.every((row) => wanted.some((id) => row['@message']?.startsWith(`(${id}) `)))).toBe(true);
    expect(rows.map((row) => row['@timestamp'])).toEqual([...rows.map((row) => row['@timestamp'])].sort());
  });

  it('escapes WebSocket ids (base64 with = + /) and refuses ids that could break the query', () => {
    const query = executionLogLinesQuery(['PDS1PEC4oAMFpyA=', 'ab+c/def==', 'x) | stats count(*) by @log #']) ?? '';
    expect(query).toContain('PDS1PEC4oAMFpyA=|ab\\+c\\/def==');
    expect(query).not.toContain('stats');
    const rows = runEmulatedQuery(query, [exec('PDS1PEC4oAMFpyA=', 0, 'Starting execution for request: PDS1PEC4oAMFpyA=')]);
    expect(rows).toHaveLength(1);
    expect(executionLogLinesQuery(['   '])).toBeUndefined();
  });
});

// --- Lambda logs -------------------------------------------------------------------------------------------------

describe('lambdaLogLinesQuery', () => {
  const id = '160788cd-45ff-4583-809f-c7e31127cb95';
  const other = 'fb63a8b6-599d-11e8-a437-911ac44bc0b4';
  // LAMBDA_AND_XRAY_SHAPES.md §1–3.
  const lines: EmulatedEvent[] = [
    { timestamp: T0, message: `START RequestId: ${id} Version: $LATEST`, log: '123456789012:/aws/lambda/orders-fn' },
    { timestamp: T0 + 5, message: `2026-03-10T14:00:00.005Z\t${id}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"boom","stack":["Error: boom"]}`, log: '123456789012:/aws/lambda/orders-fn' },
    { timestamp: T0 + 9, message: `END RequestId: ${id}`, log: '123456789012:/aws/lambda/orders-fn' },
    { timestamp: T0 + 10, message: `REPORT RequestId: ${id}\tDuration: 3.10 ms\tBilled Duration: 4 ms\tMemory Size: 2048 MB\tMax Memory Used: 95 MB\t`, log: '123456789012:/aws/lambda/orders-fn' },
    { timestamp: T0 + 11, message: `{"time":"2026-03-10T14:00:00.011Z","type":"platform.report","record":{"requestId":"${id}","status":"success","metrics":{"durationMs":3.1}}}`, log: '123456789012:/aws/lambda/payments-fn' },
    { timestamp: T0 + 12, message: `2018-05-17T06:46:28.161Z ${other} Task timed out after 18.02 seconds`, log: '123456789012:/aws/lambda/orders-fn' },
  ];

  it('is well formed and returns the lines of the given invocations across groups, START to REPORT', () => {
    const query = lambdaLogLinesQuery([id]) ?? '';
    expectWellFormed(query);
    const rows = runEmulatedQuery(query, lines);
    expect(rows.map((row) => row['@message']?.slice(0, 20))).toEqual([
      `START RequestId: ${id.slice(0, 3)}`,
      `2026-03-10T14:00:00.`,
      `END RequestId: ${id.slice(0, 5)}`,
      `REPORT RequestId: ${id.slice(0, 2)}`,
      '{"time":"2026-03-10T',
    ]);
    expect(lambdaLogLinesQuery([])).toBeUndefined();
  });

  it('reads whole streams for lines without a request id', () => {
    const query = lambdaStreamLinesQuery(['2026/03/10/[$LATEST]0cc175b9c0f1b6a831c399e269772661']) ?? '';
    expectWellFormed(query);
    expect(query).toContain('filter @logStream in ["2026/03/10/[$LATEST]0cc175b9c0f1b6a831c399e269772661"]');
    expect(lambdaStreamLinesQuery([])).toBeUndefined();
  });
});

// --- Helpers -----------------------------------------------------------------------------------------------------

describe('query helpers', () => {
  it('chooses about 30 bins (or as many as asked) at steps Logs Insights accepts', () => {
    expect(binFor(5 * MINUTE)).toBe('10s');
    expect(binFor(15 * MINUTE)).toBe('30s');
    expect(binFor(60 * MINUTE)).toBe('2m');
    expect(binFor(6 * 60 * MINUTE)).toBe('15m');
    expect(binFor(3 * 24 * 60 * MINUTE)).toBe('3h');
    expect(binFor(90 * 24 * 60 * MINUTE)).toBe('24h');
    expect(binFor(60 * MINUTE, 12)).toBe('5m');
  });

  it('pads a window around instants', () => {
    expect(windowAround([T0 + 5_000, T0, T0 + 60_000])).toEqual({ startTime: T0 - 60_000, endTime: T0 + 60_000 + 300_000 });
    expect(windowAround([Number.NaN])).toBeUndefined();
  });

  it('quotes field names, strings and regex text', () => {
    expect(fieldReference('integration.status')).toBe('integration.status');
    expect(fieldReference('integration_status')).toBe('`integration_status`');
    expect(fieldReference('foo-bar')).toBe('`foo-bar`');
    expect(stringLiteral('say "hi" \\ now')).toBe('"say \\"hi\\" \\\\ now"');
    expect(regexLiteral('a.b/c(d)+')).toBe('a\\.b\\/c\\(d\\)\\+');
    expect(safeIds(['b8e3c0a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c', 'KyDfdgZ9oAMEYpA=', 'bad id', '"quote"', 'KyDfdgZ9oAMEYpA='])).toEqual([
      'b8e3c0a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c',
      'KyDfdgZ9oAMEYpA=',
    ]);
  });
});
