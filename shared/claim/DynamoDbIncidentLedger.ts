import { PutItemCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ClaimOutcome, CooldownClaim, IncidentLedger, LedgerClaim } from './IncidentLedger.ts';

/** The table's partition key (a string): "transition#<diagnosisId>" or "cooldown#<api>/<stage>". */
export const LEDGER_PARTITION_KEY = 'pk';
/** The table's TTL attribute (epoch seconds). */
export const LEDGER_TTL_ATTRIBUTE = 'expiresAt';

/**
 * The ledger in a DynamoDB table (partition key `pk`, TTL on `expiresAt`): each claim is one PutItem with a
 * ConditionExpression; when the condition fails, ReturnValuesOnConditionCheckFailure ALL_OLD makes DynamoDB put the
 * item that holds the key in the ConditionalCheckFailedException (its `Item`), so the caller learns who holds it
 * without a second read. Any other error propagates (the SDK has already retried throttling).
 */
export class DynamoDbIncidentLedger implements IncidentLedger {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    readonly tableName: string,
  ) {}

  async claimOnce(key: string, claim: LedgerClaim): Promise<ClaimOutcome> {
    return this.put(itemOf(key, claim), 'attribute_not_exists(#pk)', { '#pk': LEDGER_PARTITION_KEY });
  }

  async claimCooldown(key: string, claim: CooldownClaim, now: number): Promise<ClaimOutcome> {
    return this.put(
      { ...itemOf(key, claim), cooldownUntil: { N: String(claim.until) } },
      'attribute_not_exists(#pk) OR #until < :now',
      { '#pk': LEDGER_PARTITION_KEY, '#until': 'cooldownUntil' },
      { ':now': { N: String(now) } },
    );
  }

  async shortenCooldown(key: string, until: number): Promise<void> {
    try {
      await this.dynamodb.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { [LEDGER_PARTITION_KEY]: { S: key } },
          UpdateExpression: 'SET #until = :until',
          ConditionExpression: '#until > :until',
          ExpressionAttributeNames: { '#until': 'cooldownUntil' },
          ExpressionAttributeValues: { ':until': { N: String(until) } },
        }),
      );
    } catch (error) {
      // No cool-down held, or one that ends sooner already: nothing to shorten.
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  private async put(
    item: Record<string, AttributeValue>,
    condition: string,
    names: Record<string, string>,
    values?: Record<string, AttributeValue>,
  ): Promise<ClaimOutcome> {
    try {
      await this.dynamodb.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ...(values === undefined ? {} : { ExpressionAttributeValues: values }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { claimed: true };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return heldBy(error.Item);
    }
  }
}

function itemOf(key: string, claim: LedgerClaim): Record<string, AttributeValue> {
  return {
    [LEDGER_PARTITION_KEY]: { S: key },
    diagnosisId: { S: claim.diagnosisId },
    claimedAt: { N: String(claim.claimedAt) },
    [LEDGER_TTL_ATTRIBUTE]: { N: String(claim.expiresAt) },
    ...(claim.executionName === undefined ? {} : { executionName: { S: claim.executionName } }),
  };
}

/** By name rather than instanceof, so that an exception from another copy of the SDK is recognised too. */
function isConditionalCheckFailed(error: unknown): error is { name: string; Item?: Record<string, AttributeValue> } {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ConditionalCheckFailedException';
}

function heldBy(item: Record<string, AttributeValue> | undefined): ClaimOutcome {
  const diagnosisId = item?.['diagnosisId']?.S;
  const executionName = item?.['executionName']?.S;
  const untilText = item?.['cooldownUntil']?.N;
  const until = untilText === undefined ? undefined : Number(untilText);
  return {
    claimed: false,
    ...(diagnosisId === undefined ? {} : { heldBy: diagnosisId }),
    ...(until === undefined || !Number.isFinite(until) ? {} : { until }),
    ...(executionName === undefined ? {} : { heldByExecution: executionName }),
  };
}
