import { GetItemCommand, PutItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LEDGER_PARTITION_KEY, LEDGER_TTL_ATTRIBUTE } from '../../claim/DynamoDbIncidentLedger.ts';
import type { IncidentThread, IncidentThreads } from './IncidentThreads.ts';
import type { SlackMessage } from './SlackClient.ts';

/** How long a thread record is kept after its last change (the table's TTL deletes it). */
export const DEFAULT_THREAD_RETENTION_DAYS = 14;

/**
 * IncidentThreads on the incidents table (env INCIDENTS_TABLE; partition key `pk`, TTL on `expiresAt`, shared with
 * the incident ledger under its own key prefix "thread#"). GetItem is strongly consistent so that a repeat right
 * after the first post finds it; PutItem replaces the record. The root message is kept as a JSON string.
 */
export class DynamoDbIncidentThreads implements IncidentThreads {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    readonly tableName: string,
    private readonly retentionDays = DEFAULT_THREAD_RETENTION_DAYS,
  ) {}

  async get(key: string): Promise<IncidentThread | undefined> {
    const answer = await this.dynamodb.send(new GetItemCommand({ TableName: this.tableName, Key: { [LEDGER_PARTITION_KEY]: { S: key } }, ConsistentRead: true }));
    return answer.Item === undefined ? undefined : threadOf(answer.Item);
  }

  async put(key: string, thread: IncidentThread): Promise<void> {
    const last = Math.max(...[thread.postedAt, thread.updatedAt, thread.resolvedAt].map((t) => (t === undefined ? NaN : Date.parse(t))).filter(Number.isFinite), 0);
    const item: Record<string, AttributeValue> = {
      [LEDGER_PARTITION_KEY]: { S: key },
      channel: { S: thread.channel },
      ts: { S: thread.ts },
      diagnosisId: { S: thread.diagnosisId },
      postedAt: { S: thread.postedAt },
      [LEDGER_TTL_ATTRIBUTE]: { N: String(Math.floor(last / 1000) + this.retentionDays * 86_400) },
    };
    if (thread.alarmSince !== undefined) item['alarmSince'] = { S: thread.alarmSince };
    if (thread.updatedAt !== undefined) item['updatedAt'] = { S: thread.updatedAt };
    if (thread.resolvedAt !== undefined) item['resolvedAt'] = { S: thread.resolvedAt };
    if (thread.rootMessage !== undefined) item['rootMessage'] = { S: JSON.stringify(thread.rootMessage) };
    await this.dynamodb.send(new PutItemCommand({ TableName: this.tableName, Item: item }));
  }
}


/** A record read back; one without channel or ts (written by something else) is no thread. */
function threadOf(item: Record<string, AttributeValue>): IncidentThread | undefined {
  const s = (name: string) => item[name]?.S;
  const channel = s('channel');
  const ts = s('ts');
  if (channel === undefined || ts === undefined) return undefined;
  const rootMessage = messageOf(s('rootMessage'));
  return {
    channel,
    ts,
    diagnosisId: s('diagnosisId') ?? '',
    postedAt: s('postedAt') ?? new Date(0).toISOString(),
    ...optional('alarmSince', s('alarmSince')),
    ...optional('updatedAt', s('updatedAt')),
    ...optional('resolvedAt', s('resolvedAt')),
    ...(rootMessage === undefined ? {} : { rootMessage }),
  };
}

function messageOf(json: string | undefined): SlackMessage | undefined {
  if (json === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null || typeof (value as { text?: unknown }).text !== 'string') return undefined;
    return value as SlackMessage;
  } catch {
    return undefined;
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
