import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDbIncidentLedger, LEDGER_PARTITION_KEY, LEDGER_TTL_ATTRIBUTE } from './DynamoDbIncidentLedger.ts';
import { describeLedgerContract } from './ledgerContract.ts';
import { claimIncident } from './claimIncident.ts';
import { alarmStateChangeEvent } from './testing/alarmEvents.ts';
import { MOTO_CREDENTIALS, motoInstalled, startMotoServer, type MotoServer } from '../store/testing/motoServer.ts';

/** The DynamoDB ledger over the wire against moto_server: the same contract as the memory ledger, real condition expressions. */
const hasMoto = motoInstalled();
if (!hasMoto) console.log('DynamoDbIncidentLedger.moto.test: moto is not installed (pip install "moto[server]"); the over-the-wire test is skipped');

let server: MotoServer | undefined;
let client: DynamoDBClient | undefined;
let tables = 0;

function dynamodb(): DynamoDBClient {
  if (client === undefined) throw new Error('moto_server is not running');
  return client;
}

/** A fresh table per test, as the stack creates it: pk (S) hash key, on-demand, TTL on expiresAt. */
async function freshLedger(): Promise<DynamoDbIncidentLedger> {
  tables += 1;
  const table = `apigw-doctor-incidents-${tables}`;
  await dynamodb().send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: LEDGER_PARTITION_KEY, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: LEDGER_PARTITION_KEY, KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await dynamodb().send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: LEDGER_TTL_ATTRIBUTE } }));
  return new DynamoDbIncidentLedger(dynamodb(), table);
}

describe.skipIf(!hasMoto)('DynamoDbIncidentLedger against moto_server', () => {
  beforeAll(async () => {
    server = await startMotoServer();
    client = new DynamoDBClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: MOTO_CREDENTIALS });
  }, 40_000);

  afterAll(() => {
    client?.destroy();
    server?.stop();
  });

  describeLedgerContract('DynamoDbIncidentLedger (moto)', freshLedger);

  it('claims an alarm end to end and leaves the items the stack expects', async () => {
    const ledger = await freshLedger();
    const now = Date.parse('2026-03-10T13:56:53.500Z');
    const event = alarmStateChangeEvent({ at: '2026-03-10T13:56:52.616Z' });
    const first = await claimIncident({ event, executionName: 'exec-1' }, ledger, { now, cooldownMs: () => 1_800_000 });
    expect(first.proceed).toBe(true);
    const again = await claimIncident({ event, executionName: 'exec-2' }, ledger, { now: now + 1000, cooldownMs: () => 1_800_000 });
    expect(again).toMatchObject({ proceed: false, reason: `already diagnosed: ${first.diagnosisId}` });

    const cooldown = await dynamodb().send(new GetItemCommand({ TableName: ledger.tableName, Key: { pk: { S: 'cooldown#orders-api/prod' } } }));
    expect(cooldown.Item).toEqual({
      pk: { S: 'cooldown#orders-api/prod' },
      diagnosisId: { S: first.diagnosisId },
      claimedAt: { N: String(now) },
      cooldownUntil: { N: String(now + 1_800_000) },
      expiresAt: { N: String(Math.ceil((now + 1_800_000) / 1000) + 3600) },
      executionName: { S: 'exec-1' },
    });
    const transition = await dynamodb().send(new GetItemCommand({ TableName: ledger.tableName, Key: { pk: { S: `transition#${first.diagnosisId}` } } }));
    expect(transition.Item?.['expiresAt']).toEqual({ N: String(Math.ceil(now / 1000) + 7 * 24 * 3600) });
    // A retry of exec-1 finds its own claims (the ConditionalCheckFailed answer carries the holder's execution).
    const retried = await claimIncident({ event, executionName: 'exec-1' }, ledger, { now: now + 2000, cooldownMs: () => 1_800_000 });
    expect(retried.proceed).toBe(true);
  });
});
