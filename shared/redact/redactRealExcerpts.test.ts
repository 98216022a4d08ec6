import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMAIL_REDACTED, MAX_REDACT_INPUT_CHARS, REDACTED, redact } from './redact.ts';

/**
 * Redaction on excerpts shaped like what API Gateway, Lambda and clients really log. Each case lists the secrets
 * that must be gone and the parts of the line that must stay readable.
 */
interface Case {
  name: string;
  /** Where the shape comes from. */
  source: string;
  line: string;
  gone: string[];
  kept: string[];
}

const CASES: Case[] = [
  {
    name: 'REST execution log, method request headers with a Bearer JWT and cookies',
    source: 'events/incidents/rt3-rest-datatrace-secrets-body-object (data tracing on), shape of every REST fixture',
    line:
      '(fdf81be4-3277-400f-863d-0ce12f1d5198) Method request headers: {Accept=application/json, Authorization=Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Ik7f0da5cb6eIn0.eyJzdWIiOiJ1c3JfJ4c45d0d3b612f5989865IiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmFjbWUuZXhhbXBsZSIsImV4cCI6MTc3MjU266155e89fQ.MTMzMDVlNDIzYWFkMWUzMGUwOGY0MGYxMTJkNzVlN2Y5ZDliOGY3MzZlYzcxNThi, Cookie=ajs_anonymous_id=1fdb6187-e537-4351-a52a-06fcc4c44720; sid=YjY2NTUwZGI4ZjA4ODhjNGFmMzBlNzc5, Host=m8r3v6x1pa.execute-api.us-east-2.amazonaws.com, User-Agent=Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36, X-Amzn-Trace-Id=Root=1-69a72fd8-abbbfbc1bf9a90c5a86acff9, X-Forwarded-For=203.0.113.24, X-Forwarded-Port=443, X-Forwarded-Proto=https}',
    gone: ['eyJhbGciOiJSUzI1Ni', 'MTMzMDVlNDIzYWFk', 'YjY2NTUwZGI4ZjA4ODhjNGFmMzBlNzc5', '1fdb6187-e537-4351-a52a-06fcc4c44720'],
    kept: [
      '(fdf81be4-3277-400f-863d-0ce12f1d5198) Method request headers: {Accept=application/json, Authorization=[REDACTED], Cookie=[REDACTED], Host=m8r3v6x1pa.execute-api.us-east-2.amazonaws.com',
      'User-Agent=Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
      'X-Amzn-Trace-Id=Root=1-69a72fd8-abbbfbc1bf9a90c5a86acff9, X-Forwarded-For=203.0.113.24, X-Forwarded-Port=443, X-Forwarded-Proto=https}',
    ],
  },
  {
    name: 'REST execution log, endpoint request headers: the masked SigV4 Authorization and the role session token',
    source: 'events/incidents/rt3-rest-datatrace-secrets-body-object: API Gateway masks Authorization with * but for the last 6 characters and cuts the line with [TRUNCATED]',
    line:
      '(14edaefe-1ea9-41b1-9e1f-df0d235c4e51) Endpoint request headers: {x-amzn-lambda-integration-tag=14edaefe-1ea9-41b1-9e1f-df0d235c4e51, Authorization=******************************************************************************************************26d6c6, X-Amz-Date=20260303T190000Z, x-amzn-apigateway-api-id=m8r3v6x1pa, X-Amz-Source-Arn=arn:aws:execute-api:us-east-2:702958113460:m8r3v6x1pa/prod/POST/login, Accept=application/json, User-Agent=AmazonAPIGateway_m8r3v6x1pa, X-Amz-Security-Token=IQoJb3JpZ2luX2VjEPr//////////wEaCXVzLWVhc3QtMiJHMEUCIQDa73da29c48e874279dbe7368d7ce266a11e1dbfc [TRUNCATED]',
    gone: ['26d6c6', 'IQoJb3JpZ2luX2VjEPr', 'MiJHMEUCIQDa73da29c48e874279dbe7368d7ce266a11e1dbfc'],
    kept: [
      'Authorization=[REDACTED], X-Amz-Date=20260303T190000Z, x-amzn-apigateway-api-id=m8r3v6x1pa',
      'X-Amz-Source-Arn=arn:aws:execute-api:us-east-2:702958113460:m8r3v6x1pa/prod/POST/login',
      'X-Amz-Security-Token=[REDACTED] [TRUNCATED]',
    ],
  },
  {
    name: 'REST execution log, endpoint response headers with two Set-Cookie values whose Expires hold ", "',
    source: 'elastic/integrations#4266 (a pasted execution log; cookie values there are the reporter\'s)',
    line:
      '(90f5b831-a100-4d7f-93bd-1d52d92c19cd) Endpoint response headers: {Date=Wed, 05 Oct 2022 13:14:40 GMT, Content-Type=application/json; charset=utf-8, Content-Length=270, Connection=keep-alive, Set-Cookie=AWSALB=Zm9vYmFyYmF6cXV4MTIzNDU2; Expires=Wed, 12 Oct 2022 13:14:40 GMT; Path=/,AWSALBCORS=np1koEbTVI4WQwLC6seOOOertev03Dru/OJDVxRtLiv8nXLViGNGq5YJxvK6cxawkJR7vepF+qZTPuo9HT2UIwyjDUxVjSHU6xZW6G4OOp+ig+uaffAhNWnEuAOXRiRB; Expires=Wed, 12 Oct 2022 13:14:40 GMT; Path=/; SameSite=None, Cache-Control=private, Server=Microsoft-IIS/10.0, X-AspNet-Version=4.0.30319, X-Powered-By=ASP.NET}',
    gone: ['Zm9vYmFyYmF6cXV4MTIzNDU2', 'np1koEbTVI4WQwLC6seOOOertev03Dru', 'AWSALBCORS='],
    kept: [
      'Endpoint response headers: {Date=Wed, 05 Oct 2022 13:14:40 GMT, Content-Type=application/json; charset=utf-8, Content-Length=270, Connection=keep-alive, Set-Cookie=[REDACTED], Cache-Control=private, Server=Microsoft-IIS/10.0',
    ],
  },
  {
    name: 'REST execution log, lower-case cookie header and an OAuth token response body',
    source: 'elastic/integrations#4266 (same paste: "Method request headers: {cookie=ASP.NET_SessionId=…" and "Endpoint response body before transformations: {\\"access_token\\":…}")',
    line:
      '(c042cf28-5829-4525-b8ca-c9a611900824) Method request headers: {cookie=ASP.NET_SessionId=pqx1rz0w4n2yb3kd5lmaf0hu, User-Agent=curl/7.79.1, X-Forwarded-For=203.0.113.9}\n(90f5b831-a100-4d7f-93bd-1d52d92c19cd) Endpoint response body before transformations: {"access_token":"479b61190804422ca7a50eff51333333333a7a748c384a6cc45a14c7684b999f383d5d8228ece8306e4db496bbcb712742c4064bb","token_type":"bearer","expire_in":86400,"refresh_token":"b3f425d62b4c4955a0a1483ec15827ca81dbf0ec7012469098f90c79c23bb536eaa39b6e175048478ef85f5a33fde34f"}',
    gone: ['pqx1rz0w4n2yb3kd5lmaf0hu', '479b61190804422ca7a50eff5', 'b3f425d62b4c4955a0a1483ec'],
    kept: [
      'Method request headers: {cookie=[REDACTED], User-Agent=curl/7.79.1, X-Forwarded-For=203.0.113.9}',
      '{"access_token":"[REDACTED]","token_type":"bearer","expire_in":86400,"refresh_token":"[REDACTED]"}',
    ],
  },
  {
    name: 'REST execution log, method request body with an e-mail and a password',
    source: 'events/incidents/rt3-rest-datatrace-secrets-body-object',
    line: '(14edaefe-1ea9-41b1-9e1f-df0d235c4e51) Method request body before transformations: {"email":"kenji.watanabe@example.org","password":"Tr0ub4dor&3"}',
    gone: ['kenji.watanabe', 'Tr0ub4dor&3'],
    kept: [`Method request body before transformations: {"email":"${EMAIL_REDACTED}","password":"${REDACTED}"}`],
  },
  {
    name: 'REST execution log, Lambda proxy event cut at [TRUNCATED] with Cookie in headers and multiValueHeaders',
    source: 'events/incidents/rt3-rest-datatrace-secrets-body-object ("Endpoint request body after transformations")',
    line:
      '(14edaefe-1ea9-41b1-9e1f-df0d235c4e51) Endpoint request body after transformations: {"resource":"/login","path":"/login","httpMethod":"POST","headers":{"Accept":"application/json","Cookie":"ajs_anonymous_id=c1b66ce5-623f-4ef6-9aac-490f04c142b4; sid=OWUxMzJkYmVjMWZiYmM1NWM5NWQ2Nzcy","Content-Type":"application/json"},"multiValueHeaders":{"Accept":["application/json"],"Cookie":["ajs_anonymous_id=c1b66ce5-623f-4ef6-9aac-490f04c142b4; sid=OWUxMzJkYmVjMWZiYmM1NWM5NWQ2Nzcy"],"Authorization":["Bearer abcdefghijklmnopqrstu [TRUNCATED]',
    gone: ['OWUxMzJkYmVjMWZiYmM1NWM5NWQ2Nzcy', 'c1b66ce5-623f', 'abcdefghijklmnopqrstu'],
    kept: ['{"resource":"/login","path":"/login","httpMethod":"POST","headers":{"Accept":"application/json","Cookie":"[REDACTED]","Content-Type":"application/json"}', '"Cookie":["[REDACTED]"]', '[TRUNCATED]'],
  },
  {
    name: 'REST execution log, a proxy response whose body is escaped JSON with a token',
    source: 'events/incidents/rt3-rest-datatrace-secrets-body-object ("Endpoint response body before transformations")',
    line:
      '(14edaefe-1ea9-41b1-9e1f-df0d235c4e51) Endpoint response body before transformations: {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": "{\\"token\\": \\"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Ik9cded7de10In0.eyJzdWIiOiJ1c3JfJee3d565605a5e529b699IiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmFjbWUuZXhhbXBsZSIsImV4cCI6MTc3MjU25c6e363dfQ.ZmQwNmY0Y2QxOThlYmY4NWI3Nzg2YzBmYjlkYjNhNzI3ZWNmOThkNjAzNWI1NjBl\\", \\"expiresIn\\": 3600}"}',
    gone: ['eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Ik9cded7de10In0', 'ZmQwNmY0Y2QxOThlYmY4'],
    kept: ['{"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": "{\\"token\\": \\"[REDACTED]\\", \\"expiresIn\\": 3600}"}'],
  },
  {
    name: 'Lambda (Python) print of the proxy event: body as escaped JSON with password and card',
    source: 'events/incidents/rt3-rest-datatrace-secrets-body-object (signup-fn log, print(json.dumps(event)))',
    line:
      '{"resource": "/signup", "path": "/signup", "httpMethod": "POST", "headers": {"Authorization": "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c3IifQ.c2lnbmF0dXJl", "Content-Type": "application/json"}, "multiValueHeaders": {"Authorization": ["Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c3IifQ.c2lnbmF0dXJl"]}, "requestContext": {"requestId": "eeaf8479-6a64-4fe2-a95d-26b0b5147840", "apiId": "m8r3v6x1pa"}, "body": "{\\"email\\":\\"tom.okafor@example.org\\",\\"password\\":\\"correct-horse-42\\",\\"plan\\":\\"business\\",\\"card\\":{\\"number\\":\\"4242424242424242\\",\\"exp\\":\\"09/31\\",\\"cvc\\":\\"492\\"}}", "isBase64Encoded": false}',
    gone: ['eyJhbGciOiJSUzI1NiJ9', 'c2lnbmF0dXJl', 'tom.okafor', 'correct-horse-42', '4242424242424242', '\\"492\\"'],
    kept: [
      '"headers": {"Authorization": "[REDACTED]", "Content-Type": "application/json"}',
      '"multiValueHeaders": {"Authorization": ["[REDACTED]"]}',
      '"requestContext": {"requestId": "eeaf8479-6a64-4fe2-a95d-26b0b5147840", "apiId": "m8r3v6x1pa"}',
      '\\"plan\\":\\"business\\"',
      '\\"exp\\":\\"09/31\\"',
      '"isBase64Encoded": false}',
    ],
  },
  {
    name: 'Lambda (Python) print(event) as a dict repr: single quotes',
    source: 'Python runtime: print(event) writes repr(dict), single-quoted (Lambda developer guide, python-logging; people paste these in issues)',
    line:
      "[INFO]\t2026-03-03T19:03:36.195Z\t4ddf3ace-7f16-495d-9e32-cced74a8fdbc\t{'resource': '/login', 'headers': {'Authorization': 'Bearer sk_live_51Hx9aZ2eZvKYlo2C0123456789abcdef', 'cookie': 'sid=YjY2NTUwZGI4; theme=dark', 'x-api-key': 'a1b2c3d4e5f6g7h8i9j0a1b2c3d4e5f6g7h8i9j0'}, 'httpMethod': 'POST'}",
    gone: ['sk_live_51Hx9aZ2eZvKYlo2C', 'YjY2NTUwZGI4', 'a1b2c3d4e5f6g7h8i9j0'],
    kept: ["{'resource': '/login', 'headers': {'Authorization': '[REDACTED]', 'cookie': '[REDACTED]', 'x-api-key': '[REDACTED]'}, 'httpMethod': 'POST'}", '4ddf3ace-7f16-495d-9e32-cced74a8fdbc'],
  },
  {
    name: 'Lambda (Node, Powertools Logger) JSON line with the logged event',
    source: 'Powertools for AWS Lambda (TypeScript) JSON keys as in events/incidents/rt3-http-stripe-503-node-json-powertools; logEvent puts the event under "event"',
    line:
      '{"level":"INFO","message":"Lambda invocation event","timestamp":"2026-08-19T16:54:00.455Z","service":"payments","cold_start":true,"function_arn":"arn:aws:lambda:us-west-2:559087214430:function:payments-api","function_request_id":"ccbad784-a349-4939-8718-a1f2aa01becc","xray_trace_id":"1-6a85dfa8-053bafd5cd4feeff74388fb1","event":{"version":"2.0","routeKey":"POST /payments","rawQueryString":"api_key=live_7Hq2pX9mN4vB8cR1&currency=usd","cookies":["sid=MmYxMWFiNjBiYmQ5"],"headers":{"authorization":"Basic YWRtaW46aHVudGVyMg==","content-type":"application/json","stripe-signature":"t=1755622440,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd"}}}',
    gone: ['live_7Hq2pX9mN4vB8cR1', 'YWRtaW46aHVudGVyMg==', 'MmYxMWFiNjBiYmQ5'],
    kept: [
      '"function_request_id":"ccbad784-a349-4939-8718-a1f2aa01becc","xray_trace_id":"1-6a85dfa8-053bafd5cd4feeff74388fb1"',
      '"rawQueryString":"api_key=[REDACTED]&currency=usd"',
      '"authorization":"[REDACTED]","content-type":"application/json"',
    ],
  },
  {
    name: 'Lambda (Node) error with an AWS key pair in the message and a database URL with a password',
    source: 'AWS example keys (AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, IAM user guide); Node runtime text format "<time>\\t<id>\\tERROR\\t…"',
    line:
      '2026-03-10T13:52:59.630Z\t4d81c8a0-f4c7-4c9c-9d21-957e76296c1d\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"connect failed: postgres://orders_app:p@ss:w0rd!@orders-db.cluster-c9akciq32.us-east-1.rds.amazonaws.com:5432/orders","config":{"accessKeyId":"AKIAIOSFODNN7EXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","sessionToken":"FwoGZXIvYXdzEBYaDHqa0AP1Exampleb2FNToken"}}',
    gone: ['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI', 'p@ss:w0rd!', 'FwoGZXIvYXdzEBYaDHqa0AP1'],
    kept: ['postgres://orders_app:[REDACTED]@orders-db.cluster-c9akciq32.us-east-1.rds.amazonaws.com:5432/orders', '"errorType":"Error"', '4d81c8a0-f4c7-4c9c-9d21-957e76296c1d\tERROR\tInvoke Error'],
  },
  {
    name: 'access log (JSON) with a Cognito e-mail claim',
    source: 'API Gateway access log variables; "$context.authorizer.claims.email" is a common custom field (developer guide, $context variables)',
    line:
      '{"requestId":"a4188e34-1104-424e-9907-eebbf55dd662","ip":"51.14.4.225","caller":"-","user":"-","requestTime":"27/Oct/2023:13:40:57 +0000","httpMethod":"POST","resourcePath":"/orders","status":"502","protocol":"HTTP/1.1","responseLength":"36","email":"priya.raman@example.com"}',
    gone: ['priya.raman@example.com'],
    kept: ['"requestId":"a4188e34-1104-424e-9907-eebbf55dd662","ip":"51.14.4.225","caller":"-","user":"-"', '"status":"502"', `"email":"${EMAIL_REDACTED}"`],
  },
  {
    name: 'access log (CLF) and a presigned S3 URL in a 403 message',
    source: 'CLF access log format from the API Gateway developer guide (set-up-logging); presigned URL query parameters from the S3 SigV4 documentation',
    line:
      '203.0.113.9 - - [10/Mar/2026:13:52:59 +0000] "GET /orders/17 HTTP/1.1" 502 36 0894a994-46de-48b5-b1a2-bf089cd037d6 AccessDenied fetching https://orders-bucket.s3.us-east-1.amazonaws.com/invoices/17.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAQNBKNBG7EXAMPLE1%2F20260310%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260310T135259Z&X-Amz-Expires=900&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr%2F%2F%2FEXAMPLE&X-Amz-Signature=8d5d1f3c2b5c0b4b6b2bb7d1f4c0b5d67a7b2c4d9e8f1a0b3c4d5e6f7a8b9c0d1&X-Amz-SignedHeaders=host',
    gone: ['ASIAQNBKNBG7EXAMPLE1', 'IQoJb3JpZ2luX2VjEJr', '8d5d1f3c2b5c0b4b6b2b'],
    kept: ['203.0.113.9 - - [10/Mar/2026:13:52:59 +0000] "GET /orders/17 HTTP/1.1" 502 36 0894a994-46de-48b5-b1a2-bf089cd037d6', 'X-Amz-Date=20260310T135259Z&X-Amz-Expires=900', 'X-Amz-SignedHeaders=host'],
  },
  {
    name: 'HTTP header lines and curl output',
    source: 'curl -v output ("> Authorization: …"), as people paste it',
    line: "> POST /prod/orders HTTP/2\n> Host: rgkwmpkz6q.execute-api.us-east-1.amazonaws.com\n> authorization: Bearer abcdef0123456789abcdef\n> x-api-key: Yj8Kq3vR7tL2mN9pW4sX6zC1bD5fG0hJ8kL3mN7q\n> Cookie: session=s3cr3tv4lu3; theme=dark\n< HTTP/2 502",
    gone: ['abcdef0123456789abcdef', 'Yj8Kq3vR7tL2mN9pW4sX', 's3cr3tv4lu3'],
    kept: ['> POST /prod/orders HTTP/2\n> Host: rgkwmpkz6q.execute-api.us-east-1.amazonaws.com\n> authorization: [REDACTED]\n> x-api-key: [REDACTED]\n> Cookie: [REDACTED]\n< HTTP/2 502'],
  },
  {
    name: 'Slack tokens and webhook URLs, Stripe keys, form bodies',
    source: 'Slack token prefixes (xoxb-, xoxp-, xapp-) and incoming webhook URL shape (api.slack.com/messaging/webhooks); Stripe key prefixes (docs.stripe.com/keys)',
    line:
      'posting with xoxb-2401234567-5012345678901-AbCdEfGhIjKlMnOpQrStUvWx to https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX failed; stripe=sk_test_4eC39HqLyjWDarjtT1zdp7dc; form: username=jdoe&password=hunter2&remember=1',
    gone: ['2401234567-5012345678901', 'T00000000/B00000000', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'hunter2'],
    kept: ['posting with [REDACTED] to https://hooks.slack.com/services/[REDACTED] failed', 'username=jdoe&password=[REDACTED]&remember=1'],
  },
  {
    name: 'a private key in a JSON secret value',
    source: 'PEM format (RFC 7468) as Secrets Manager returns it inside a JSON string with \\n escapes',
    line: '{"SecretString":"{\\"privateKey\\":\\"-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy\\n-----END RSA PRIVATE KEY-----\\n\\"}"}',
    gone: ['MIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn'],
    kept: ['{"SecretString":"{\\"privateKey\\":\\"'],
  },
];

describe('redact on real-shaped excerpts', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const out = redact(c.line);
      for (const secret of c.gone) expect(out, `${secret} should be gone (${c.source})`).not.toContain(secret);
      for (const part of c.kept) expect(out, `"${part}" should be kept`).toContain(part);
    });
  }

  it('is idempotent on every excerpt', () => {
    for (const c of CASES) expect(redact(redact(c.line))).toBe(redact(c.line));
  });

  it('leaves lines without secrets exactly as they are', () => {
    const lines = [
      '(0894a994-46de-48b5-b1a2-bf089cd037d6) Lambda execution failed with status 200 due to customer function error: RequestId: 4d81c8a0-f4c7-4c9c-9d21-957e76296c1d Error: Task timed out after 6.00 seconds. Lambda request id: 4d81c8a0-f4c7-4c9c-9d21-957e76296c1d',
      'REPORT RequestId: 4d81c8a0-f4c7-4c9c-9d21-957e76296c1d\tDuration: 6000.00 ms\tBilled Duration: 6351 ms\tMemory Size: 512 MB\tMax Memory Used: 87 MB\tInit Duration: 350.79 ms\tStatus: timeout',
      '(7019f2a9-1140-4ff7-b890-33ed8632f4f3) Method request headers: {Accept=application/json, Content-Type=application/json, Host=m8r3v6x1pa.execute-api.us-east-2.amazonaws.com, User-Agent=okhttp/4.12.0, X-Amzn-Trace-Id=Root=1-69a73014-bdeb1cb890e6f522dc6fda34, X-Forwarded-For=18.202.11.9, X-Forwarded-Port=443, X-Forwarded-Proto=https}',
      '{"timestamp":1772564400680,"message":"{\\"rid\\":\\"14edaefe\\",\\"code\\":\\"502\\"}","ingestionTime":1772564401419}',
      'UpdateFunctionConfiguration on orders-fn: timeout=6 by arn:aws:sts::384756102938:assumed-role/AWSReservedSSO_PowerUserAccess_5c1f0a9e2b7d4e31/priya.raman',
      '{"token_type":"bearer","expires_in":3600,"nextToken":null}',
      'Execution failed due to configuration error: Malformed Lambda proxy response',
      'Endpoint response body before transformations: {"errorMessage":"2026-03-10T13:52:59.630Z 4d81c8a0 Task timed out after 6.00 seconds"}',
    ];
    for (const line of lines) expect(redact(line)).toBe(line);
  });

  it('keeps placeholders that explain a 401 ("Bearer undefined", an empty Cookie)', () => {
    expect(redact('Method request headers: {Authorization=Bearer undefined, Host=x}')).toBe('Method request headers: {Authorization=Bearer undefined, Host=x}');
    expect(redact('{"headers":{"authorization":"Bearer null"}}')).toBe('{"headers":{"authorization":"Bearer null"}}');
  });

  it('masks card numbers only when they pass the Luhn check', () => {
    expect(redact('card 4111 1111 1111 1111 and 4111-1111-1111-1111 and 378282246310005')).toBe(`card ${REDACTED} and ${REDACTED} and ${REDACTED}`);
    // An epoch in ms and a 16-digit id that fails Luhn are left alone.
    expect(redact('requestTimeEpoch 1772565123831 order 4111111111111112')).toBe('requestTimeEpoch 1772565123831 order 4111111111111112');
  });

  it('cuts very long input instead of passing the tail on unredacted', () => {
    const tail = 'password=hunter2';
    const out = redact(`${'x'.repeat(MAX_REDACT_INPUT_CHARS)}${tail}`);
    expect(out).not.toContain('hunter2');
    expect(out.endsWith(`…[${tail.length} characters cut]`)).toBe(true);
  });

  it('finishes quickly on adversarial input (no catastrophic backtracking)', () => {
    const inputs = [
      `{Authorization=${'a, '.repeat(20_000)}`,
      `"password": "${'\\'.repeat(30_000)}`,
      `${'\\'.repeat(20_000)}"password\\"`,
      `https://${'a'.repeat(30_000)}:${'b'.repeat(30_000)}`,
      `${'a@'.repeat(30_000)}`,
      `${'4111 '.repeat(20_000)}`,
      `-----BEGIN PRIVATE KEY-----${'A'.repeat(100_000)}`,
    ];
    for (const input of inputs) {
      const started = performance.now();
      redact(input);
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });

  it('never throws and is idempotent on arbitrary text (property)', () => {
    const piece = fc.constantFrom('Authorization=', 'Cookie: ', '"password":"', '\\"token\\":\\"', ', ', '}', '{', '"', "'", '@', 'eyJabcde.', 'AKIA', 'Bearer ', '=', '\n', ' ', 'x');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 12 })), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const once = redact(text);
        expect(typeof once).toBe('string');
        expect(redact(once)).toBe(once);
      }),
      { numRuns: 400 },
    );
  });
});

describe('redact: found by the property test', () => {
  it('keeps a bearer scheme and its token on one line, and treats "Bearer [REDACTED]" as already masked', () => {
    // fast-check counterexample: the bearer rule read "Authorization=" on the next line as the token.
    const text = 'Cookie: Bearer \nAuthorization=';
    expect(redact(text)).toBe(text);
    expect(redact('Cookie: Bearer [REDACTED]')).toBe('Cookie: Bearer [REDACTED]');
    expect(redact(redact('x Bearer abcdefgh12345678 y'))).toBe('x Bearer [REDACTED] y');
  });
});
