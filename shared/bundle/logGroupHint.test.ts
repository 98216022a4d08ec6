import { describe, expect, it } from 'vitest';
import { LogGroupResolver, groupHintFromLogPath, stripLogExtension } from './logGroupHint.ts';

describe('groupHintFromLogPath', () => {
  it.each([
    ['aws/lambda/orders-fn.json', '/aws/lambda/orders-fn'],
    ['API-Gateway-Execution-Logs_a1b2c3/prod.json', 'API-Gateway-Execution-Logs_a1b2c3/prod'],
    ['aws/apigateway/access-logs.jsonl.gz', '/aws/apigateway/access-logs'],
    ['aws/vendedlogs/apigw-access.ndjson', '/aws/vendedlogs/apigw-access'],
    ['my-access-logs.log', 'my-access-logs'],
    ['%2Faws%2Flambda%2Forders-fn.txt', '/aws/lambda/orders-fn'],
    ['aws/lambda/orders-fn.JSON', '/aws/lambda/orders-fn'],
    // Transaction Search writes spans to "aws/spans", the one AWS group with no leading slash.
    ['aws/spans.json', 'aws/spans'],
  ])('logs/%s names %s', (below, hint) => {
    expect(groupHintFromLogPath(below)).toBe(hint);
  });

  it('knows log file names', () => {
    expect(stripLogExtension('x.json.gz')).toBe('x');
    expect(stripLogExtension('x.ndjson')).toBe('x');
    expect(stripLogExtension('x.csv')).toBeUndefined();
    expect(stripLogExtension('.json')).toBeUndefined();
  });
});

describe('LogGroupResolver', () => {
  it('keeps the hint when the file is a whole group', () => {
    expect(new LogGroupResolver('/aws/lambda/orders-fn').groupFor('2026/03/10/[$LATEST]4f3a9c2e8b7d4e1f9a0b1c2d3e4f5a6b')).toBe('/aws/lambda/orders-fn');
  });

  it('drops a stream named by the content from the end of the hint', () => {
    const stream = '2026/03/10/[$LATEST]4f3a9c2e8b7d4e1f9a0b1c2d3e4f5a6b';
    expect(new LogGroupResolver('/aws/lambda/orders-fn/2026-03-10-[$LATEST]4f3a9c2e8b7d4e1f9a0b1c2d3e4f5a6b').groupFor(stream)).toBe('/aws/lambda/orders-fn');
    expect(new LogGroupResolver(`/aws/lambda/orders-fn/${stream}`).groupFor(stream)).toBe('/aws/lambda/orders-fn');
    expect(new LogGroupResolver('API-Gateway-Execution-Logs_a1b2c3/prod/c4ca4238a0b923820dcc509a6f75849b').groupFor('c4ca4238a0b923820dcc509a6f75849b')).toBe(
      'API-Gateway-Execution-Logs_a1b2c3/prod',
    );
  });

  it('drops something shaped like a stream when the content names none (get-log-events)', () => {
    expect(new LogGroupResolver('/aws/lambda/orders-fn/2026_03_10_[$LATEST]4f3a9c2e8b7d4e1f9a0b1c2d3e4f5a6b').groupFor(undefined)).toBe('/aws/lambda/orders-fn');
    expect(new LogGroupResolver('API-Gateway-Execution-Logs_a1b2c3/prod/c4ca4238a0b923820dcc509a6f75849b').groupFor(undefined)).toBe(
      'API-Gateway-Execution-Logs_a1b2c3/prod',
    );
    expect(new LogGroupResolver('/aws/lambda/orders-fn').groupFor(undefined)).toBe('/aws/lambda/orders-fn');
    expect(new LogGroupResolver(undefined).groupFor('s')).toBeUndefined();
  });
});
