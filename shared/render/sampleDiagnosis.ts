/**
 * A hand-built Diagnosis of a realistic two-cause incident, for the renderer and CLI tests.
 * Shapes of the excerpts:
 * - execution log "(<apigw id>) Lambda execution failed with status 200 due to customer function error: <time> <lambda id>
 *   Task timed out after 10.00 seconds. Lambda request id: <lambda id>" then "Method completed with status: 502":
 *   API Gateway execution-log events pasted in a public log-parser test (found with find_string, Feb 2019 events).
 * - "<time> <lambda id> Task timed out after 18.02 seconds" and the tab-separated REPORT line: https://github.com/apex/up/issues/663
 * - Python runtime "[ERROR]\t<time>\t<id>\t..." and the botocore message "An error occurred (ProvisionedThroughputExceededException)
 *   when calling the PutItem operation ... The level of configured provisioned throughput for the table was exceeded. Consider
 *   increasing your provisioning level with the UpdateTable API.": https://github.com/linz/geostore/issues/449, https://github.com/mifi/dynamodump/issues/20
 * - REST access log with the console's default JSON field names (requestId, ip, requestTime, httpMethod, resourcePath, status, protocol, responseLength).
 */
import type { Diagnosis } from '../model/diagnosis.ts';

export const TIMEOUT_REQUEST_ID = '7f1c2a4e-5b6d-4e8f-9a0b-1c2d3e4f5a6b';
export const TIMEOUT_LAMBDA_REQUEST_ID = '3c0e1f9a-2b4d-4c6e-8f0a-1b3c5d7e9f21';
export const THROTTLE_REQUEST_ID = 'c9d8e7f6-a5b4-4c3d-9e2f-1a0b9c8d7e6f';

const PYTHON_TRACEBACK = [
  '[ERROR]\t2026-11-24T10:06:02.118Z\t5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170\tPutItem on orders failed: An error occurred (ProvisionedThroughputExceededException) when calling the PutItem operation (reached max retries: 9): The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
  'Traceback (most recent call last):',
  '  File "/var/task/app.py", line 48, in handler',
  '    table.put_item(Item=order)',
  '  File "/var/runtime/boto3/resources/factory.py", line 581, in do_action',
  '    response = action(self, *args, **kwargs)',
  '  File "/var/runtime/botocore/client.py", line 1023, in _make_api_call',
  '    raise error_class(parsed_response, operation_name)',
  'botocore.errorfactory.ProvisionedThroughputExceededException: An error occurred (ProvisionedThroughputExceededException) when calling the PutItem operation (reached max retries: 9): The level of configured provisioned throughput for the table was exceeded.',
].join('\n');

export function sampleDiagnosis(): Diagnosis {
  return {
    schemaVersion: 1,
    api: { id: 'a1b2c3d4e5', stage: 'prod', type: 'REST', name: 'orders-api' },
    window: { start: '2026-11-24T09:47:00.000Z', end: '2026-11-24T10:17:00.000Z', source: 'alarm' },
    failingRequests: {
      total: 412,
      sampled: [TIMEOUT_REQUEST_ID, THROTTLE_REQUEST_ID, '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', '1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e'],
      byStatus: { '502': 400, '503': 12 },
      byRoute: { 'POST /orders': 400, 'GET /orders/{id}': 12 },
      onset: '2026-11-24T10:02:11.000Z',
      last: '2026-11-24T10:14:40.000Z',
      countedFrom: 'access-log',
    },
    rootCause: {
      id: 'lambda-timeout',
      title: 'Lambda function timed out',
      confidence: 0.93,
      summary:
        'orders-create ran into its 6 s timeout on 400 POST /orders requests after its timeout was lowered from 30 s at 09:58; API Gateway answered 502.',
    },
    findings: [
      {
        id: 'lambda-timeout',
        title: 'Lambda function timed out',
        requestCount: 400,
        confidence: 0.93,
        summary: 'Every failing POST /orders ended with "Task timed out after 6.01 seconds" in orders-create.',
        evidence: [
          {
            source: 'execution-log',
            requestId: TIMEOUT_REQUEST_ID,
            timestamp: '2026-11-24T10:02:17.514Z',
            lambdaRequestId: TIMEOUT_LAMBDA_REQUEST_ID,
            logGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
            excerpt: `(${TIMEOUT_REQUEST_ID}) Lambda execution failed with status 200 due to customer function error: 2026-11-24T10:02:17.512Z ${TIMEOUT_LAMBDA_REQUEST_ID} Task timed out after 6.01 seconds. Lambda request id: ${TIMEOUT_LAMBDA_REQUEST_ID}\n(${TIMEOUT_REQUEST_ID}) Method completed with status: 502`,
          },
          {
            source: 'lambda-log',
            requestId: TIMEOUT_REQUEST_ID,
            timestamp: '2026-11-24T10:02:17.512Z',
            lambdaRequestId: TIMEOUT_LAMBDA_REQUEST_ID,
            functionName: 'orders-create',
            file: 'logs/aws/lambda/orders-create.json',
            excerpt: `2026-11-24T10:02:17.512Z ${TIMEOUT_LAMBDA_REQUEST_ID} Task timed out after 6.01 seconds`,
          },
          {
            source: 'lambda-log',
            requestId: TIMEOUT_REQUEST_ID,
            timestamp: '2026-11-24T10:02:17.513Z',
            functionName: 'orders-create',
            excerpt: `REPORT RequestId: ${TIMEOUT_LAMBDA_REQUEST_ID}\tDuration: 6006.12 ms\tBilled Duration: 6000 ms\tMemory Size: 512 MB\tMax Memory Used: 98 MB\tStatus: timeout`,
          },
          {
            source: 'config',
            functionName: 'orders-create',
            file: 'functions/orders-create.json',
            excerpt: '"FunctionName": "orders-create", "Timeout": 6, "MemorySize": 512, "LastModified": "2026-11-24T09:58:02.000+0000"',
          },
          {
            source: 'access-log',
            requestId: TIMEOUT_REQUEST_ID,
            timestamp: '2026-11-24T10:02:17.000Z',
            excerpt: `{"requestId":"${TIMEOUT_REQUEST_ID}","ip":"203.0.113.7","requestTime":"24/Nov/2026:10:02:11 +0000","httpMethod":"POST","resourcePath":"/orders","status":"502","protocol":"HTTP/1.1","responseLength":"36"}`,
          },
        ],
        remediation: [
          'Raise orders-create\'s timeout back above its real duration: aws lambda update-function-configuration --function-name orders-create --timeout 30 (keep it under the 29 s integration timeout).',
          'Find what made the function slow (X-Ray subsegments, the REPORT durations) before settling on a timeout.',
          'Alarm on the function\'s Duration p99 approaching its timeout, not only on the API\'s 5XXError.',
        ],
        alternatives: [{ id: 'integration-timeout', confidence: 0.12 }],
        routes: ['POST /orders'],
        statusCodes: [502],
        functions: ['orders-create'],
        firstSeen: '2026-11-24T10:02:11.000Z',
        lastSeen: '2026-11-24T10:14:40.000Z',
        sampledRequestIds: [TIMEOUT_REQUEST_ID, '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'],
      },
      {
        id: 'downstream-dependency-failure',
        title: 'A dependency of the function failed',
        requestCount: 12,
        confidence: 0.71,
        summary: 'orders-get caught DynamoDB ProvisionedThroughputExceededException on table orders and answered 503.',
        evidence: [
          {
            source: 'lambda-log',
            requestId: THROTTLE_REQUEST_ID,
            timestamp: '2026-11-24T10:06:02.118Z',
            lambdaRequestId: '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170',
            functionName: 'orders-get',
            excerpt: PYTHON_TRACEBACK,
          },
          {
            source: 'execution-log',
            requestId: THROTTLE_REQUEST_ID,
            timestamp: '2026-11-24T10:06:02.131Z',
            excerpt: `(${THROTTLE_REQUEST_ID}) Method completed with status: 503`,
          },
        ],
        remediation: [
          'Switch table orders to on-demand capacity, or raise its provisioned write capacity.',
          'Retry throttled writes with backoff in orders-get, and return 503 with Retry-After to the client.',
        ],
        alternatives: [{ id: 'function-error-response', confidence: 0.4 }],
        routes: ['GET /orders/{id}'],
        statusCodes: [503],
        functions: ['orders-get'],
        firstSeen: '2026-11-24T10:05:40.000Z',
        lastSeen: '2026-11-24T10:09:12.000Z',
        sampledRequestIds: [THROTTLE_REQUEST_ID],
      },
    ],
    suspectChanges: [
      {
        time: '2026-11-24T09:58:02.000Z',
        what: 'UpdateFunctionConfiguration20150331v2 on orders-create: Timeout 30 → 6',
        who: 'arn:aws:sts::123456789012:assumed-role/deploy-role/jenkins',
        source: 'cloudtrail',
        resource: 'orders-create',
      },
      {
        time: '2026-11-24T09:55:40.000Z',
        what: 'Deployment k3j2h1 to stage prod: "release 2026.11.24-1"',
        who: '',
        source: 'deployment',
      },
    ],
    gaps: [
      'Execution logging on stage prod is at ERROR level: INFO lines (request and response bodies) are not in the logs.',
      'logs/API-Gateway-Execution-Logs_a1b2c3d4e5/staging.json: 38 events of stage staging set aside (not the stage in scope).',
      'changes/cloudtrail-2.json: not JSON (truncated at byte 18211); skipped.',
    ],
    unmatched: [
      {
        kind: 'lambda-log errors with no API request',
        count: 3,
        example: '2026-11-24 10:03:01.221 | WARN | HikariPool-1 - Connection is not available | request timed out after 30000ms',
      },
    ],
    stats: { filesRead: 14, filesSkipped: 1, eventsRead: 4812, bytesRead: 1_234_567 },
    alarm: { name: 'orders-api-prod-5xx', state: 'ALARM', time: '2026-11-24T10:07:00.000Z', metric: 'AWS/ApiGateway 5XXError' },
  };
}
