import { beforeEach, describe, expect, it } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDbIncidentThreads } from './DynamoDbIncidentThreads.ts';
import { MemoryIncidentThreads } from './MemoryIncidentThreads.ts';
import type { IncidentThread } from './IncidentThreads.ts';

const dynamodb = mockClient(DynamoDBClient);
const TABLE = 'apigw-doctor-incidents';
const threads = () => new DynamoDbIncidentThreads(new DynamoDBClient({ region: 'us-east-1' }), TABLE);

const thread: IncidentThread = {
  channel: 'C0123ABCD',
  ts: '1773151073.000200',
  diagnosisId: 'alarm-orders-api-prod-5xx-20260310T135652-b346246d',
  postedAt: '2026-03-10T13:57:53.000Z',
  alarmSince: '2026-03-10T13:56:52.616Z',
  rootMessage: { text: 'orders-api/prod: Lambda function timed out', blocks: [{ type: 'divider' }] },
};

beforeEach(() => dynamodb.reset());

describe('DynamoDbIncidentThreads', () => {
  it('puts the record under "thread#<api>/<stage>" with a TTL 14 days after its last change', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    await threads().put('thread#rgkwmpkz6q/prod', { ...thread, updatedAt: '2026-03-10T14:05:00.000Z' });
    expect(dynamodb).toHaveReceivedCommandTimes(PutItemCommand, 1);
    expect(dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Item: {
        pk: { S: 'thread#rgkwmpkz6q/prod' },
        channel: { S: 'C0123ABCD' },
        ts: { S: '1773151073.000200' },
        diagnosisId: { S: 'alarm-orders-api-prod-5xx-20260310T135652-b346246d' },
        postedAt: { S: '2026-03-10T13:57:53.000Z' },
        alarmSince: { S: '2026-03-10T13:56:52.616Z' },
        updatedAt: { S: '2026-03-10T14:05:00.000Z' },
        rootMessage: { S: JSON.stringify(thread.rootMessage) },
        expiresAt: { N: String(Date.parse('2026-03-10T14:05:00.000Z') / 1000 + 14 * 86_400) },
      },
    });
  });

  it('reads it back with a consistent GetItem', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    await threads().put('thread#rgkwmpkz6q/prod', thread);
    const item = dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input.Item;
    dynamodb.on(GetItemCommand).resolves({ Item: item });
    expect(await threads().get('thread#rgkwmpkz6q/prod')).toEqual(thread);
    expect(dynamodb.commandCalls(GetItemCommand)[0]?.args[0].input).toEqual({ TableName: TABLE, Key: { pk: { S: 'thread#rgkwmpkz6q/prod' } }, ConsistentRead: true });
  });

  it('has no thread for a missing item, one without channel or ts, and ignores a broken rootMessage', async () => {
    dynamodb.on(GetItemCommand).resolvesOnce({}).resolvesOnce({ Item: { pk: { S: 'thread#x/y' }, diagnosisId: { S: 'd' } } }).resolvesOnce({
      Item: { pk: { S: 'thread#x/y' }, channel: { S: 'C0123ABCD' }, ts: { S: '1.000001' }, diagnosisId: { S: 'd' }, postedAt: { S: '2026-03-10T13:57:53.000Z' }, rootMessage: { S: '{not json' } },
    });
    expect(await threads().get('thread#x/y')).toBeUndefined();
    expect(await threads().get('thread#x/y')).toBeUndefined();
    expect(await threads().get('thread#x/y')).toEqual({ channel: 'C0123ABCD', ts: '1.000001', diagnosisId: 'd', postedAt: '2026-03-10T13:57:53.000Z' });
  });

  it('lets DynamoDB errors through (the SDK has retried throttling already)', async () => {
    dynamodb.on(GetItemCommand).rejects(Object.assign(new Error('Requested resource not found'), { name: 'ResourceNotFoundException' }));
    await expect(threads().get('thread#x/y')).rejects.toThrow('Requested resource not found');
  });

});

describe('MemoryIncidentThreads', () => {
  it('keeps copies', async () => {
    const memory = new MemoryIncidentThreads();
    const mine = structuredClone(thread);
    await memory.put('k', mine);
    mine.ts = 'changed';
    expect((await memory.get('k'))?.ts).toBe(thread.ts);
    expect(await memory.get('other')).toBeUndefined();
  });
});
