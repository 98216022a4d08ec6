import { describe, expect, it } from 'vitest';
import { REST_CLF, renderAccessLog } from './accessLog.ts';
import type { ApiRequest } from './model.ts';

const req: ApiRequest = {
  api: { id: 'k7x2m9q4ab', name: 'orders-api', type: 'REST', stage: 'prod', region: 'us-east-1', account: '123456789012' },
  requestId: '7d901642-2b09-4e51-9cff-40dc7c1259fe',
  extendedRequestId: 'xtzl6nY9RMnvFXM=',
  time: Date.UTC(2026, 2, 10, 13, 53, 2, 418),
  httpMethod: 'GET',
  resourcePath: '/orders/{id}',
  path: '/orders/336265',
  pathParameters: { id: '336265' },
  query: {},
  routeKey: 'GET /orders/{id}',
  sourceIp: '81.2.69.49',
  userAgent: 'okhttp/4.12.0',
  traceId: '1-69b0223e-61b274f026c79cd39f98a64c',
  gatewaySegmentId: '923337fe3af3fc62',
  status: 502,
  responseLength: 36,
  responseLatencyMs: 6028,
  integration: { kind: 'permission-denied' },
};

describe('renderAccessLog', () => {
  it('fills the console CLF format, with "-" for values the request has none of', () => {
    expect(renderAccessLog(REST_CLF, req)).toBe('81.2.69.49 - - [10/Mar/2026:13:53:02 +0000]"GET /orders/{id} HTTP/1.1" 502 36 7d901642-2b09-4e51-9cff-40dc7c1259fe xtzl6nY9RMnvFXM=');
  });

  it('takes the longest variable name and leaves unknown ones as written', () => {
    expect(renderAccessLog('$context.integration.status|$context.integrationStatus|$context.error.message|$context.nope', req)).toBe('-|-|Internal server error|$context.nope');
  });
});
