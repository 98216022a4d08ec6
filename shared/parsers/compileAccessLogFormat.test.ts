import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileAccessLogFormat, fieldsOfContextVariable, matchTextFormat, PATH_SEPARATOR } from './compileAccessLogFormat.ts';

// Console presets: awsdocs/amazon-api-gateway-developer-guide set-up-access-logging.md ("Access log formats")
const REST_CLF =
  '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime]"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.extendedRequestId';
const REST_JSON =
  '{ "requestId":"$context.requestId", "extendedRequestId":"$context.extendedRequestId","ip": "$context.identity.sourceIp", "caller":"$context.identity.caller", "user":"$context.identity.user", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath", "status":"$context.status", "protocol":"$context.protocol", "responseLength":"$context.responseLength" }';
const REST_XML =
  '<request id="$context.requestId"> <extendedRequestId>$context.extendedRequestId</extendedRequestId> <ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller> <user>$context.identity.user</user> <requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> <protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> </request>';
const REST_CSV =
  '$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.extendedRequestId';
// HTTP API CLF as used in many Terraform stages (with the integration error message at the end)
const HTTP_CLF =
  '$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.routeKey $context.protocol" $context.status $context.responseLength $context.requestId $context.integrationErrorMessage';

function matchText(format: string, line: string): Record<string, string | undefined> | undefined {
  const compiled = compileAccessLogFormat(format);
  if (compiled.kind !== 'text') throw new Error(`expected a text format, got ${compiled.kind}`);
  return matchTextFormat(compiled, line);
}

describe('compileAccessLogFormat', () => {
  it('turns the REST CLF preset into a pattern with one group per variable', () => {
    const values = matchText(
      REST_CLF,
      '198.51.100.23 - - [10/Mar/2026:14:04:37 +0000]"GET /orders/{id} HTTP/1.1" 502 36 c6af9ac6-7b61-11e6-9a41-93e8deadbeef YIwYiFstIAMESqA=',
    );
    expect(values).toEqual({
      'identity.sourceip': '198.51.100.23',
      'identity.caller': '-',
      'identity.user': '-',
      requesttime: '10/Mar/2026:14:04:37 +0000',
      httpmethod: 'GET',
      resourcepath: '/orders/{id}',
      protocol: 'HTTP/1.1',
      status: '502',
      responselength: '36',
      requestid: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      extendedrequestid: 'YIwYiFstIAMESqA=',
    });
  });

  it('matches an HTTP API CLF line whose route key and error message hold spaces', () => {
    const values = matchText(
      HTTP_CLF,
      '203.0.113.7 - - [20/Jul/2023:07:09:32 +0000] "POST POST /orders HTTP/1.1" 500 35 IWeTChtboAMEVUQ= Internal server error while calling the function',
    );
    expect(values?.routekey).toBe('POST /orders');
    expect(values?.requestid).toBe('IWeTChtboAMEVUQ=');
    expect(values?.integrationerrormessage).toBe('Internal server error while calling the function');
    expect(values?.status).toBe('500');
  });

  it('CSV and XML presets are text patterns too', () => {
    expect(
      matchText(REST_CSV, '1.128.0.0,-,-,10/Jun/2023:15:36:28 +0000,GET,/pets,HTTP/1.1,200,184,48752d0f-c99d-4cfa-a5a7-f3c6834d19e5,GQIVriFLIAMEMsA='),
    ).toMatchObject({ status: '200', resourcepath: '/pets', requestid: '48752d0f-c99d-4cfa-a5a7-f3c6834d19e5' });
    expect(
      matchText(
        REST_XML,
        '<request id="48752d0f-c99d-4cfa-a5a7-f3c6834d19e5"> <extendedRequestId>GQIVriFLIAMEMsA=</extendedRequestId> <ip>1.128.0.0</ip> <caller>-</caller> <user>-</user> <requestTime>10/Jun/2023:15:36:28 +0000</requestTime> <httpMethod>GET</httpMethod> <resourcePath>/pets</resourcePath> <status>504</status> <protocol>HTTP/1.1</protocol> <responseLength>41</responseLength> </request>',
      ),
    ).toMatchObject({ status: '504', requestid: '48752d0f-c99d-4cfa-a5a7-f3c6834d19e5' });
  });

  it('the Serverless Framework default "key: value" list', () => {
    // serverless/serverless lib/plugins/aws/package/compile/events/api-gateway/lib/hack/update-stage.js
    const format =
      'requestId: $context.requestId, ip: $context.identity.sourceIp, caller: $context.identity.caller, user: $context.identity.user, requestTime: $context.requestTime, httpMethod: $context.httpMethod, resourcePath: $context.resourcePath, status: $context.status, protocol: $context.protocol, responseLength: $context.responseLength';
    expect(
      matchText(
        format,
        'requestId: 0c1c44e1-1d54-42d8-ba45-cee2037fb46f, ip: 49.36.1.2, caller: -, user: -, requestTime: 20/May/2023:10:11:12 +0000, httpMethod: GET, resourcePath: /orders, status: 502, protocol: HTTP/1.1, responseLength: 36',
      ),
    ).toMatchObject({ requestid: '0c1c44e1-1d54-42d8-ba45-cee2037fb46f', status: '502', resourcepath: '/orders' });
  });

  it('a line in another format does not match', () => {
    expect(matchText(REST_CSV, 'START RequestId: 71952965-d5cc-4974-ae08-6e2138b2275c Version: $LATEST')).toBeUndefined();
    expect(matchText(HTTP_CLF, '{"requestId":"GQIVriFLIAMEMsA=","status":"200"}')).toBeUndefined();
  });

  it('maps JSON templates by key path, bare (unquoted) variables and nested objects included', () => {
    // Terraform stage of a public repo: numbers left unquoted and an "integration" object
    const compiled = compileAccessLogFormat(
      '{ "requestId":"$context.requestId", "status":"$context.status", "responseLength":$context.responseLength, "integrationStatus": $context.integrationStatus, "integrationErrorMessage": "$context.integrationErrorMessage", "integration": { "error": "$context.integration.error", "integrationstatus": $context.integration.integrationStatus, "latency": $context.integration.latency, "requestId": "$context.integration.requestId", "status": $context.integration.status } }\n',
    );
    expect(compiled.kind).toBe('json');
    if (compiled.kind !== 'json') return;
    expect(Object.fromEntries(compiled.variableByPath)).toEqual({
      requestId: 'requestid',
      status: 'status',
      responseLength: 'responselength',
      integrationStatus: 'integrationstatus',
      integrationErrorMessage: 'integrationerrormessage',
      [`integration${PATH_SEPARATOR}error`]: 'integration.error',
      [`integration${PATH_SEPARATOR}integrationstatus`]: 'integration.integrationstatus',
      [`integration${PATH_SEPARATOR}latency`]: 'integration.latency',
      [`integration${PATH_SEPARATOR}requestId`]: 'integration.requestid',
      [`integration${PATH_SEPARATOR}status`]: 'integration.status',
    });
  });

  it('the console JSON preset', () => {
    const compiled = compileAccessLogFormat(REST_JSON);
    expect(compiled.kind).toBe('json');
    if (compiled.kind === 'json') expect(compiled.variableByPath.get('ip')).toBe('identity.sourceip');
    expect(compiled.variables).toContain('extendedrequestid');
  });

  it('a JSON-looking template that is not JSON falls back to a text pattern', () => {
    // elastic/integrations#7151 documented a preset with a missing quote ("...,apiId": ...)
    const broken = '{"requestId": "$context.requestId","status": "$context.status",apiId": "$context.apiId"}';
    const compiled = compileAccessLogFormat(broken);
    expect(compiled.kind).toBe('text');
    if (compiled.kind === 'text') {
      const values = matchTextFormat(compiled, '{"requestId": "c12d1542-b79e-4e79-a158-fdf36452a81b","status": "502",apiId": "asad15n3p0"}');
      expect(values?.requestid).toBe('c12d1542-b79e-4e79-a158-fdf36452a81b');
    }
  });

  it.each(['', '   ', 'requestId status', '\\n'])('reports an unusable format %j', (format) => {
    expect(compileAccessLogFormat(format).kind).toBe('unusable');
  });

  it('maps $context variables to record fields', () => {
    expect(fieldsOfContextVariable('$context.integration.status')).toEqual([{ field: 'integrationStatus', rank: 0 }]);
    expect(fieldsOfContextVariable('context.integrationStatus')).toEqual([{ field: 'integrationStatus', rank: 1 }]);
    expect(fieldsOfContextVariable('integrationErrorMessage').map((target) => target.field)).toEqual(['integrationErrorMessage', 'integrationError']);
    expect(fieldsOfContextVariable('$context.identity.sourceIp')).toEqual([{ field: 'ip', rank: 0 }]);
    expect(fieldsOfContextVariable('$context.identity.caller')).toEqual([]);
  });

  it('never throws and stays fast on arbitrary formats and lines', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (format, line) => {
        const compiled = compileAccessLogFormat(format);
        if (compiled.kind === 'text') matchTextFormat(compiled, line);
      }),
    );
    const pieces = fc.constantFrom('$context.requestId', '$context.status', '$context.error.message', '$context.routeKey', ',', ' ', '"', '[', ']', ' - ', '|');
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 1, maxLength: 14 }), fc.string({ maxLength: 300 }), (parts, line) => {
        const compiled = compileAccessLogFormat(parts.join(''));
        if (compiled.kind !== 'text') return;
        const started = Date.now();
        matchTextFormat(compiled, line);
        matchTextFormat(compiled, `${line},${line} ${line}`);
        expect(Date.now() - started).toBeLessThan(500);
      }),
    );
  });
});
