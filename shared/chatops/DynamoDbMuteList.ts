import { GetItemCommand, PutItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LEDGER_PARTITION_KEY, LEDGER_TTL_ATTRIBUTE } from '../claim/DynamoDbIncidentLedger.ts';
import { muteKey, type Mute, type MuteList } from './MuteList.ts';

/**
 * Mutes in the incidents table (INCIDENTS_TABLE; partition key `pk`, TTL on `expiresAt`), beside the incident
 * ledger's claims: one item per API and stage, `pk` = "mute#<apiId>/<stage>", with `mutedUntil` (epoch ms), who and
 * when. TTL removes an item some time after `expiresAt` (up to days later), so readers compare `mutedUntil` with the
 * clock rather than trusting the item's presence.
 */
export class DynamoDbMuteList implements MuteList {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    readonly tableName: string,
  ) {}

  async mute(apiId: string, stage: string, until: number, by: string, now: number): Promise<Mute> {
    const mute: Mute = { apiId, stage, until, by, at: now };
    try {
      await this.dynamodb.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: itemOf(mute),
          // A longer mute already in place stays.
          ConditionExpression: 'attribute_not_exists(#pk) OR #until < :until',
          ExpressionAttributeNames: { '#pk': LEDGER_PARTITION_KEY, '#until': 'mutedUntil' },
          ExpressionAttributeValues: { ':until': { N: String(until) } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return mute;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return muteOf(error.Item, apiId, stage) ?? mute;
    }
  }

  async isMuted(apiId: string, stage: string, now: number): Promise<Mute | undefined> {
    const response = await this.dynamodb.send(
      new GetItemCommand({ TableName: this.tableName, Key: { [LEDGER_PARTITION_KEY]: { S: muteKey(apiId, stage) } }, ConsistentRead: true }),
    );
    const mute = muteOf(response.Item, apiId, stage);
    return mute !== undefined && mute.until > now ? mute : undefined;
  }
}

function itemOf(mute: Mute): Record<string, AttributeValue> {
  return {
    [LEDGER_PARTITION_KEY]: { S: muteKey(mute.apiId, mute.stage) },
    apiId: { S: mute.apiId },
    stage: { S: mute.stage },
    mutedUntil: { N: String(mute.until) },
    mutedBy: { S: mute.by },
    mutedAt: { N: String(mute.at) },
    [LEDGER_TTL_ATTRIBUTE]: { N: String(Math.ceil(mute.until / 1000)) },
  };
}

function muteOf(item: Record<string, AttributeValue> | undefined, apiId: string, stage: string): Mute | undefined {
  const until = Number(item?.['mutedUntil']?.N);
  if (item === undefined || !Number.isFinite(until)) return undefined;
  const at = Number(item['mutedAt']?.N);
  return { apiId, stage, until, by: item['mutedBy']?.S ?? 'unknown', at: Number.isFinite(at) ? at : until };
}

/** By name rather than instanceof, so an exception from another copy of the SDK is recognised too. */
function isConditionalCheckFailed(error: unknown): error is { name: string; Item?: Record<string, AttributeValue> } {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ConditionalCheckFailedException';
}
