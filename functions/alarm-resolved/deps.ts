import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbIncidentLedger } from '../../shared/claim/DynamoDbIncidentLedger.ts';
import { SLACK_SECRET_ENV, slackSecretMaxAgeFromEnv, slackSecretsSource, type SlackSecrets, type SlackSecretsSource } from '../../shared/chatops/slackSecrets.ts';
import { ChannelRateLimiter } from '../../shared/slack/delivery/ChannelRateLimiter.ts';
import { DynamoDbIncidentThreads } from '../../shared/slack/delivery/DynamoDbIncidentThreads.ts';
import { MemoryIncidentThreads } from '../../shared/slack/delivery/MemoryIncidentThreads.ts';
import { SlackClient, type SlackClientOptions } from '../../shared/slack/delivery/SlackClient.ts';
import type { SlackTarget } from '../../shared/slack/delivery/slackTarget.ts';
import type { AlarmResolvedDeps, SlackTargetSource } from './alarmResolved.ts';

/**
 * From the environment:
 * - SLACK_SECRET_ARN: the Slack secret ({signingSecret, botToken?, webhookUrl?}); unset means Slack is not
 *   configured and every event is left alone;
 * - SLACK_CHANNEL: the channel id the bot posts to (bot mode);
 * - INCIDENTS_TABLE: where Notify keeps each incident's message (the thread record) and ClaimIncident the API's
 *   cool-down (shortened when the alarm returns to OK);
 * - SLACK_API_URL: optional, the Web API's base URL (the local run points it at the fake Slack server).
 */
export function alarmResolvedDepsFromEnv(env: NodeJS.ProcessEnv = process.env): AlarmResolvedDeps {
  const region = env['AWS_REGION'];
  const secretId = env[SLACK_SECRET_ENV]?.trim();
  const table = env['INCIDENTS_TABLE']?.trim();
  const apiUrl = env['SLACK_API_URL']?.trim();
  const dynamodb = table ? new DynamoDBClient(region ? { region } : {}) : undefined;
  const base = {
    threads: new MemoryIncidentThreads(),
    limiter: new ChannelRateLimiter(),
    now: () => Date.now(),
    ...(dynamodb && table ? { ledger: new DynamoDbIncidentLedger(dynamodb, table) } : {}),
  };
  if (!secretId) return { ...base, slack: off(`${SLACK_SECRET_ENV} is not set: Slack is not configured, so there is no incident message to mark resolved`) };
  if (!table) return { ...base, slack: off('INCIDENTS_TABLE is not set: the incident messages cannot be found') };
  return {
    ...base,
    threads: new DynamoDbIncidentThreads(dynamodb ?? new DynamoDBClient(region ? { region } : {}), table),
    slack: slackTargetSource(slackSecretsSource(secretId, slackSecretMaxAgeFromEnv(env)), env['SLACK_CHANNEL'], apiUrl ? { baseUrl: apiUrl } : {}),
  };
}

function off(reason: string): SlackTargetSource {
  return async () => ({ off: reason });
}

/** Reads the secret when an event needs it (Powertools caches it), and builds the target from it. */
export function slackTargetSource(secrets: SlackSecretsSource, channel: string | undefined, clientOptions: SlackClientOptions = {}): SlackTargetSource {
  return async () => slackTargetOf(await secrets(), channel, clientOptions);
}

/**
 * The bot (token and channel) when the secret has a bot token, else the webhook (with which resolveIncident has
 * nothing to update), else why neither.
 */
export function slackTargetOf(secrets: SlackSecrets, channel: string | undefined, clientOptions: SlackClientOptions = {}): SlackTarget | { off: string } {
  const channelId = channel?.trim();
  if (secrets.botToken !== undefined) {
    if (!channelId) return { off: 'the Slack secret has a bot token but SLACK_CHANNEL is not set' };
    return { kind: 'bot', client: new SlackClient({ ...clientOptions, token: secrets.botToken }), channel: channelId };
  }
  if (secrets.webhookUrl !== undefined) return { kind: 'webhook', client: new SlackClient(clientOptions), url: secrets.webhookUrl };
  return { off: 'the Slack secret has neither botToken nor webhookUrl, so nothing is posted to Slack' };
}
