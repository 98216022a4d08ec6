import { describe, expect, it } from 'vitest';
import { bundleFileOfGroup, logGroupOf, rowsToLogEvents } from './rowsToLogEvents.ts';

describe('rowsToLogEvents', () => {
  it('turns Logs Insights rows into LogEvents with the group, stream and a UTC time', () => {
    const events = rowsToLogEvents([
      {
        '@timestamp': '2026-03-10 14:04:37.296',
        '@message': 'START RequestId: 160788cd-45ff-4583-809f-c7e31127cb95 Version: $LATEST',
        '@log': '123456789012:/aws/lambda/orders-fn',
        '@logStream': '2026/03/10/[$LATEST]0cc175b9c0f1b6a831c399e269772661',
      },
      // moto prints epoch milliseconds; a row without a time keeps the previous one.
      { '@timestamp': '1773151477500', '@message': '(b8e3c0a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c) Method completed with status: 504', '@log': 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod' },
      { '@message': 'no time here' },
      { '@timestamp': '2026-03-10 14:04:38.000' },
    ]);
    expect(events).toEqual([
      {
        timestamp: Date.UTC(2026, 2, 10, 14, 4, 37, 296),
        message: 'START RequestId: 160788cd-45ff-4583-809f-c7e31127cb95 Version: $LATEST',
        logGroup: '/aws/lambda/orders-fn',
        logStream: '2026/03/10/[$LATEST]0cc175b9c0f1b6a831c399e269772661',
        file: 'logs/aws/lambda/orders-fn.json',
      },
      {
        timestamp: 1_773_151_477_500,
        message: '(b8e3c0a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c) Method completed with status: 504',
        logGroup: 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
        file: 'logs/API-Gateway-Execution-Logs_a1b2c3d4e5/prod.json',
      },
      { timestamp: 1_773_151_477_500, message: 'no time here', file: 'logs/unknown.json' },
    ]);
  });

  it('reads @log with and without the account prefix', () => {
    expect(logGroupOf('466412623878:/aws/eks/eksworkshop-eksctl/cluster')).toBe('/aws/eks/eksworkshop-eksctl/cluster');
    expect(logGroupOf('/aws/lambda/x')).toBe('/aws/lambda/x');
    expect(logGroupOf('')).toBeUndefined();
    expect(bundleFileOfGroup('/aws/apigateway/welcome')).toBe('logs/aws/apigateway/welcome.json');
  });
});
