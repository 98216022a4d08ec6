import { describe, it, expect, beforeEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { ConditionalCheckFailedException, DynamoDBClient, GetItemCommand, PutItemCommand, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDbMuteList } from './DynamoDbMuteList.ts';
import { MemoryMuteList } from './MemoryMuteList.ts';
import type { MuteList } from './MuteList.ts';

const dynamodb = mockClient(DynamoDBClient);
const TABLE = 'apigw-doctor-incidents';
const list = () => new DynamoDbMuteList(new DynamoDBClient({ region: 'eu-west-1' }), TABLE);
const NOW = Date.parse('2026-11-24T14:04:12.345Z');
const HOUR = 3_600_000;
const BY = 'slack:T0001/U2147483697';

/** The item as stored (AttributeValues), as GetItem returns it and as ALL_OLD puts it in the exception. */
const storedItem = (until: number, by = BY) => ({
  pk: { S: 'mute#a1b2c3d4e5/prod' },
  apiId: { S: 'a1b2c3d4e5' },
  stage: { S: 'prod' },
  mutedUntil: { N: String(until) },
  mutedBy: { S: by },
  mutedAt: { N: String(NOW - 60_000) },
  expiresAt: { N: String(Math.ceil(until / 1000)) },
});

beforeEach(() => dynamodb.reset());

describe('DynamoDbMuteList', () => {
  it('mutes with one conditional PutItem: pk mute#<apiId>/<stage>, mutedUntil, TTL expiresAt in seconds', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    const mute = await list().mute('a1b2c3d4e5', 'prod', NOW + HOUR, BY, NOW);
    expect(mute).toEqual({ apiId: 'a1b2c3d4e5', stage: 'prod', until: NOW + HOUR, by: BY, at: NOW });
    expect(dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Item: {
        pk: { S: 'mute#a1b2c3d4e5/prod' },
        apiId: { S: 'a1b2c3d4e5' },
        stage: { S: 'prod' },
        mutedUntil: { N: String(NOW + HOUR) },
        mutedBy: { S: BY },
        mutedAt: { N: String(NOW) },
        expiresAt: { N: String(Math.ceil((NOW + HOUR) / 1000)) },
      },
      ConditionExpression: 'attribute_not_exists(#pk) OR #until < :until',
      ExpressionAttributeNames: { '#pk': 'pk', '#until': 'mutedUntil' },
      ExpressionAttributeValues: { ':until': { N: String(NOW + HOUR) } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  it('keeps a longer mute already there and returns it (from the exception Item)', async () => {
    dynamodb.on(PutItemCommand).rejects(
      new ConditionalCheckFailedException({ $metadata: { httpStatusCode: 400 }, message: 'The conditional request failed', Item: storedItem(NOW + 3 * HOUR, 'slack:T0001/U0OTHER01') }),
    );
    expect(await list().mute('a1b2c3d4e5', 'prod', NOW + HOUR, BY, NOW)).toEqual({ apiId: 'a1b2c3d4e5', stage: 'prod', until: NOW + 3 * HOUR, by: 'slack:T0001/U0OTHER01', at: NOW - 60_000 });
  });

  it('lets other errors through (the SDK has already retried throttling)', async () => {
    dynamodb.on(PutItemCommand).rejects(new ProvisionedThroughputExceededException({ $metadata: { httpStatusCode: 400 }, message: 'The level of configured provisioned throughput for the table was exceeded.' }));
    await expect(list().mute('a1b2c3d4e5', 'prod', NOW + HOUR, BY, NOW)).rejects.toThrow('provisioned throughput');
  });

  it('isMuted reads the item consistently and compares mutedUntil with the clock (TTL deletes late)', async () => {
    dynamodb.on(GetItemCommand).resolves({ Item: storedItem(NOW + HOUR) });
    expect(await list().isMuted('a1b2c3d4e5', 'prod', NOW)).toMatchObject({ until: NOW + HOUR, by: BY });
    expect(dynamodb.commandCalls(GetItemCommand)[0]?.args[0].input).toEqual({ TableName: TABLE, Key: { pk: { S: 'mute#a1b2c3d4e5/prod' } }, ConsistentRead: true });
    expect(await list().isMuted('a1b2c3d4e5', 'prod', NOW + HOUR)).toBeUndefined();
    dynamodb.on(GetItemCommand).resolves({});
    expect(await list().isMuted('a1b2c3d4e5', 'prod', NOW)).toBeUndefined();
  });
});

describe('MemoryMuteList', () => {
  it('behaves like the DynamoDB list: a longer mute stays, expiry by the clock', async () => {
    const mutes: MuteList = new MemoryMuteList();
    await mutes.mute('a1b2c3d4e5', 'prod', NOW + 3 * HOUR, 'slack:T0001/U0OTHER01', NOW);
    expect(await mutes.mute('a1b2c3d4e5', 'prod', NOW + HOUR, BY, NOW)).toMatchObject({ until: NOW + 3 * HOUR, by: 'slack:T0001/U0OTHER01' });
    expect(await mutes.isMuted('a1b2c3d4e5', 'prod', NOW + 2 * HOUR)).toBeDefined();
    expect(await mutes.isMuted('a1b2c3d4e5', 'prod', NOW + 3 * HOUR)).toBeUndefined();
    expect(await mutes.isMuted('a1b2c3d4e5', 'dev', NOW)).toBeUndefined();
  });
});
