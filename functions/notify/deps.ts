import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDbMuteList } from '../../shared/chatops/DynamoDbMuteList.ts';
import { cooldownMsFor, parseCooldownConfig } from '../../shared/claim/cooldownConfig.ts';
import { FetchResponsePoster } from '../../shared/chatops/responsePoster.ts';
import { getSlackSecrets } from '../../shared/chatops/slackSecrets.ts';
import type { NotifyDeps } from '../../shared/notify/notify.ts';
import type { SlackNotifyDeps } from '../../shared/notify/notifySlack.ts';
import { ChannelRateLimiter } from '../../shared/slack/delivery/ChannelRateLimiter.ts';
import { DynamoDbIncidentThreads } from '../../shared/slack/delivery/DynamoDbIncidentThreads.ts';
import { SlackClient } from '../../shared/slack/delivery/SlackClient.ts';
import type { SlackTarget } from '../../shared/slack/delivery/slackTarget.ts';
import { S3EvidenceStore } from '../../shared/store/S3EvidenceStore.ts';

/**
 * TOPIC_ARN and EVIDENCE_BUCKET (required); SNS_HTTPS_FORMAT ("amazon-q", default, or "diagnosis"); Slack when
 * SLACK_SECRET_ARN is set: the secret's botToken (posts to SLACK_CHANNEL, threads kept in INCIDENTS_TABLE) or
 * webhookUrl, repeats within the API's cool-down (COOLDOWNS, else COOLDOWN_SECONDS, default 1800) threaded, muted APIs
 * skipped.
 */
export function notifyDepsFromEnv(env: NodeJS.ProcessEnv = process.env): NotifyDeps {
  const topicArn = env['TOPIC_ARN']?.trim();
  if (!topicArn) throw new Error('TOPIC_ARN is not set: it names the SNS topic diagnoses are published to');
  const bucket = env['EVIDENCE_BUCKET']?.trim();
  if (!bucket) throw new Error('EVIDENCE_BUCKET is not set: it names the S3 bucket that holds diagnosis.json');
  const format = env['SNS_HTTPS_FORMAT']?.trim();
  const secretId = env['SLACK_SECRET_ARN']?.trim();
  let slack: Promise<SlackNotifyDeps> | undefined;
  return {
    store: new S3EvidenceStore(new S3Client({}), bucket),
    sns: new SNSClient({}),
    topicArn,
    snsHttpsFormat: format === 'diagnosis' ? 'diagnosis' : 'amazon-q',
    // Built once per cold start; a failure (the secret not filled in yet) is not kept, so the next diagnosis retries.
    ...(secretId
      ? {
          slack: () =>
            (slack ??= slackDepsFromEnv(secretId, env).catch((error: unknown) => {
              slack = undefined;
              throw error;
            })),
        }
      : {}),
  };
}

async function slackDepsFromEnv(secretId: string, env: NodeJS.ProcessEnv): Promise<SlackNotifyDeps> {
  const secrets = await getSlackSecrets(secretId);
  const channel = env['SLACK_CHANNEL']?.trim();
  let target: SlackTarget;
  if (secrets.botToken && channel) target = { kind: 'bot', client: new SlackClient({ token: secrets.botToken }), channel };
  else if (secrets.webhookUrl) target = { kind: 'webhook', client: new SlackClient(), url: secrets.webhookUrl };
  else throw new Error(`The Slack secret has ${secrets.botToken ? 'a bot token but SLACK_CHANNEL is not set' : 'neither a botToken nor a webhookUrl'}: nothing to post with`);
  const table = env['INCIDENTS_TABLE']?.trim();
  if (!table) throw new Error('INCIDENTS_TABLE is not set: it keeps the Slack thread of each incident');
  const dynamodb = new DynamoDBClient({});
  // The same cool-downs as ClaimIncident's: a repeat within an API's own cool-down goes into its incident's thread.
  const cooldowns = parseCooldownConfig({ COOLDOWN_SECONDS: env['COOLDOWN_SECONDS'], COOLDOWNS: env['COOLDOWNS'] });
  const cooldownFor = cooldownMsFor(cooldowns);
  return {
    delivery: {
      target,
      threads: new DynamoDbIncidentThreads(dynamodb, table),
      limiter: new ChannelRateLimiter(),
      now: Date.now,
      cooldownMs: cooldownFor(''),
    },
    cooldownFor,
    responses: new FetchResponsePoster(),
    mutes: new DynamoDbMuteList(dynamodb, table),
  };
}
