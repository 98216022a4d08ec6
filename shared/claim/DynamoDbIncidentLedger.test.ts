import { describe, it, expect, beforeEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { ConditionalCheckFailedException, DynamoDBClient, ProvisionedThroughputExceededException, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDbIncidentLedger } from './DynamoDbIncidentLedger.ts';

const dynamodb = mockClient(DynamoDBClient);
const TABLE = 'apigw-doctor-incidents';
const ledger = () => new DynamoDbIncidentLedger(new DynamoDBClient({ region: 'us-east-1' }), TABLE);
const T0 = Date.parse('2026-03-10T13:56:52.616Z');

/**
 * The exception as the SDK throws it when a condition fails: HTTP 400, message "The conditional request failed"
 * (DynamoDB API reference, PutItem errors; pasted in aws/aws-sdk-java-v2#3816), and with
 * ReturnValuesOnConditionCheckFailure ALL_OLD the item that failed it in `Item`, as AttributeValues
 * (DynamoDB API reference, ConditionalCheckFailedException "Item"; aws/aws-sdk-js-v3#5045).
 */
function conditionFailed(item?: ConditionalCheckFailedException['Item']): ConditionalCheckFailedException {
  return new ConditionalCheckFailedException({
    $metadata: { httpStatusCode: 400, requestId: 'RGITBTES19PB8GMQVG1SNA5IOJVV4KQNSO5AEMVJF66Q9ASUAAJG', attempts: 1, totalRetryDelay: 0 },
    message: 'The conditional request failed',
    ...(item === undefined ? {} : { Item: item }),
  });
}

beforeEach(() => dynamodb.reset());

describe('DynamoDbIncidentLedger', () => {
  it('claims a transition with one conditional PutItem: attribute_not_exists(pk), ALL_OLD on failure', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    const outcome = await ledger().claimOnce('transition#alarm-orders-api-prod-5xx-20260310T135652-b346246d', {
      diagnosisId: 'alarm-orders-api-prod-5xx-20260310T135652-b346246d',
      claimedAt: T0 + 900,
      expiresAt: 1773755813,
    });
    expect(outcome).toEqual({ claimed: true });
    expect(dynamodb).toHaveReceivedCommandTimes(PutItemCommand, 1);
    expect(dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Item: {
        pk: { S: 'transition#alarm-orders-api-prod-5xx-20260310T135652-b346246d' },
        diagnosisId: { S: 'alarm-orders-api-prod-5xx-20260310T135652-b346246d' },
        claimedAt: { N: String(T0 + 900) },
        expiresAt: { N: '1773755813' },
      },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': 'pk' },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  it('claims a cool-down with "attribute_not_exists(pk) OR cooldownUntil < :now"', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    await ledger().claimCooldown('cooldown#orders-api/prod', { diagnosisId: 'd2', claimedAt: T0, until: T0 + 1_800_000, expiresAt: 1773156413 }, T0);
    expect(dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Item: {
        pk: { S: 'cooldown#orders-api/prod' },
        diagnosisId: { S: 'd2' },
        claimedAt: { N: String(T0) },
        expiresAt: { N: '1773156413' },
        cooldownUntil: { N: String(T0 + 1_800_000) },
      },
      ConditionExpression: 'attribute_not_exists(#pk) OR #until < :now',
      ExpressionAttributeNames: { '#pk': 'pk', '#until': 'cooldownUntil' },
      ExpressionAttributeValues: { ':now': { N: String(T0) } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  it('reads who holds the key from the exception Item', async () => {
    dynamodb.on(PutItemCommand).rejects(
      conditionFailed({
        pk: { S: 'cooldown#orders-api/prod' },
        diagnosisId: { S: 'alarm-orders-api-prod-5xx-20260310T135652-b346246d' },
        claimedAt: { N: String(T0) },
        cooldownUntil: { N: String(T0 + 1_800_000) },
        expiresAt: { N: '1773156413' },
      }),
    );
    expect(await ledger().claimCooldown('cooldown#orders-api/prod', { diagnosisId: 'd3', claimedAt: T0 + 60_000, until: T0 + 1_860_000, expiresAt: 1 }, T0 + 60_000)).toEqual({
      claimed: false,
      heldBy: 'alarm-orders-api-prod-5xx-20260310T135652-b346246d',
      until: T0 + 1_800_000,
    });
    dynamodb.on(PutItemCommand).rejects(conditionFailed({ pk: { S: 'transition#x' }, diagnosisId: { S: 'x' }, expiresAt: { N: '1' } }));
    expect(await ledger().claimOnce('transition#x', { diagnosisId: 'x', claimedAt: T0, expiresAt: 1 })).toEqual({ claimed: false, heldBy: 'x' });
  });

  it('still says "held" when the exception carries no Item (an older endpoint or emulator)', async () => {
    dynamodb.on(PutItemCommand).rejects(conditionFailed());
    expect(await ledger().claimOnce('transition#x', { diagnosisId: 'x', claimedAt: T0, expiresAt: 1 })).toEqual({ claimed: false });
  });

  it('lets every other error through (the step fails and Step Functions retries it)', async () => {
    dynamodb.on(PutItemCommand).rejects(
      new ProvisionedThroughputExceededException({
        $metadata: { httpStatusCode: 400 },
        message: 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
      }),
    );
    await expect(ledger().claimOnce('transition#x', { diagnosisId: 'x', claimedAt: T0, expiresAt: 1 })).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
  });
});
