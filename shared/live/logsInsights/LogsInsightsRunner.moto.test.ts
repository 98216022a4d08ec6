/**
 * The runner over the wire, against moto_server (moto 5.2) on loopback. moto's Logs Insights reads `fields` and
 * `limit` but ignores `filter` and `stats`, returns no statistics, and answers a missing log group with the unnamed
 * "The specified log group does not exist.": the assertions stay within that.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogsInsightsRunner } from './LogsInsightsRunner.ts';
import { QueryBudget } from './QueryBudget.ts';
import { RecordedCalls } from './testKit.ts';

const hasMoto =
  spawnSync('python3', ['-c', 'import moto'], { stdio: 'ignore' }).status === 0 &&
  spawnSync('sh', ['-c', 'command -v moto_server'], { stdio: 'ignore' }).status === 0;
if (!hasMoto) console.log('moto is not installed (python3 -c "import moto" failed): skipping the Logs Insights moto tests');

const GROUP = 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod';
let server: ChildProcess | undefined;
let client: CloudWatchLogsClient;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForServer(endpoint: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`moto_server did not start at ${endpoint}`);
}

describe.skipIf(!hasMoto)('LogsInsightsRunner against moto_server', () => {
  const now = Date.now();

  beforeAll(async () => {
    const port = await freePort();
    server = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    const endpoint = `http://127.0.0.1:${port}`;
    await waitForServer(endpoint);
    client = new CloudWatchLogsClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    await client.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
    await client.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: '0cc175b9c0f1b6a831c399e269772661' }));
    // Execution log lines of one failing request (API_GATEWAY_LOG_SHAPES.md §1).
    const lines = [
      'Extended Request Id: Vwc2MGFUrPEFV_g=',
      'Starting execution for request: b8e3c0a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c',
      'HTTP Method: GET, Resource Path: /orders/42',
      'Sending request to https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-fn/invocations',
      'Execution failed due to a timeout error',
      'Method completed with status: 504',
      'Gateway response body: {"message": "Endpoint request timed out"}',
    ];
    await client.send(
      new PutLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: '0cc175b9c0f1b6a831c399e269772661',
        logEvents: lines.map((text, i) => ({ timestamp: now - 60_000 + i * 1_000, message: `(b8e3c0a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c) ${text}` })),
      }),
    );
  }, 30_000);

  afterAll(() => {
    server?.kill();
  });

  it('runs "fields @timestamp, @message | limit 5" through StartQuery and GetQueryResults', async () => {
    const calls = new RecordedCalls();
    const budget = new QueryBudget();
    const runner = new LogsInsightsRunner(client, calls, budget, { sleep: () => new Promise((resolve) => setTimeout(resolve, 20)) });

    const outcome = await runner.run({
      logGroupNames: [GROUP],
      queryString: 'fields @timestamp, @message | limit 5',
      startTime: now - 5 * 60_000,
      endTime: now + 60_000,
    });

    expect(outcome.status).toBe('Complete');
    expect(outcome.rows).toHaveLength(5);
    expect(outcome.rows.every((row) => row['@message']?.startsWith('(b8e3c0a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c) '))).toBe(true);
    expect(outcome.rows.every((row) => !('@ptr' in row))).toBe(true);
    expect(outcome.truncated).toBe(true); // 5 rows for "limit 5"
    expect(outcome.queryIds).toHaveLength(1);
    expect(budget.queries).toBe(1);
    expect(calls.count('StartQuery', 'ok')).toBe(1);
    expect(calls.count('GetQueryResults', 'ok')).toBeGreaterThanOrEqual(1);
  });

  it('drops a log group that does not exist and still queries the others', async () => {
    const runner = new LogsInsightsRunner(client, new RecordedCalls(), new QueryBudget(), {
      sleep: () => new Promise((resolve) => setTimeout(resolve, 20)),
    });

    const outcome = await runner.run({
      logGroupNames: [GROUP, '/aws/lambda/does-not-exist'],
      queryString: 'fields @timestamp, @message | limit 3',
      startTime: now - 5 * 60_000,
      endTime: now + 60_000,
    });

    expect(outcome.missingLogGroups).toEqual(['/aws/lambda/does-not-exist']);
    expect(outcome.logGroupNames).toEqual([GROUP]);
    expect(outcome.rows).toHaveLength(3);
  });
});
