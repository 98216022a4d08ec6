import { getSecret } from '@aws-lambda-powertools/parameters/secrets';

/**
 * The Slack app's secrets, kept in one Secrets Manager secret (its ARN or name in SLACK_SECRET_ARN) as a JSON object:
 * `{"signingSecret": "...", "botToken": "xoxb-...", "webhookUrl": "https://hooks.slack.com/services/..."}` — the
 * signing secret verifies requests from Slack, the bot token or webhook URL posts messages. The console's key/value
 * editor makes the same JSON; snake_case and SLACK_-prefixed keys are read too. Fetched through Powertools Parameters,
 * which caches it in memory for `maxAge` seconds: once per cold start in practice. Values are never logged or put in an
 * error message.
 */
export interface SlackSecrets {
  signingSecret: string;
  botToken?: string;
  webhookUrl?: string;
}

export const SLACK_SECRET_ENV = 'SLACK_SECRET_ARN';
export const SLACK_SECRET_MAX_AGE_ENV = 'SLACK_SECRET_MAX_AGE_SECONDS';
/** One hour: a Lambda container rarely lives much longer, so this is about once per cold start. */
export const DEFAULT_SLACK_SECRET_MAX_AGE_SECONDS = 3600;

/** The secret could not be read or is not shaped as above; the message names no value. */
export class SlackSecretsError extends Error {
  override readonly name = 'SlackSecretsError';
}

const KEYS = {
  signingSecret: ['signingSecret', 'signing_secret', 'SLACK_SIGNING_SECRET', 'slackSigningSecret'],
  botToken: ['botToken', 'bot_token', 'SLACK_BOT_TOKEN', 'slackBotToken', 'token'],
  webhookUrl: ['webhookUrl', 'webhook_url', 'SLACK_WEBHOOK_URL', 'slackWebhookUrl', 'incomingWebhookUrl'],
} as const;

/** Reads the secret's text. Problems say which key is wrong and how, never what it holds. */
export function parseSlackSecrets(text: string): { secrets: SlackSecrets } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'the secret is not JSON; store {"signingSecret": "...", "botToken": "xoxb-...", "webhookUrl": "https://hooks.slack.com/services/..."}' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { problem: 'the secret is JSON but not an object; store {"signingSecret": "...", ...}' };
  }
  const record = json as Record<string, unknown>;
  const read = (names: readonly string[]): { key: string; value: unknown } | undefined => {
    for (const key of names) if (record[key] !== undefined && record[key] !== null && record[key] !== '') return { key, value: record[key] };
    return undefined;
  };
  const signing = read(KEYS.signingSecret);
  if (signing === undefined) return { problem: `the secret has no signingSecret (keys present: ${Object.keys(record).join(', ') || 'none'})` };
  if (typeof signing.value !== 'string' || signing.value.trim() === '') return { problem: `${signing.key} is not a non-empty string` };
  const secrets: SlackSecrets = { signingSecret: signing.value.trim() };
  const bot = read(KEYS.botToken);
  if (bot !== undefined) {
    if (typeof bot.value !== 'string' || !/^xox[bp]-/.test(bot.value.trim())) return { problem: `${bot.key} is not a Slack token (bot tokens start with "xoxb-")` };
    secrets.botToken = bot.value.trim();
  }
  const webhook = read(KEYS.webhookUrl);
  if (webhook !== undefined) {
    if (typeof webhook.value !== 'string' || !/^https:\/\/\S+$/.test(webhook.value.trim())) return { problem: `${webhook.key} is not an https:// URL` };
    secrets.webhookUrl = webhook.value.trim();
  }
  return { secrets };
}

/** The secret's ARN or name from SLACK_SECRET_ARN; throws when unset (a deployment error, reported at cold start). */
export function slackSecretIdFromEnv(env: Record<string, string | undefined>): string {
  const id = env[SLACK_SECRET_ENV]?.trim();
  if (!id) throw new Error(`${SLACK_SECRET_ENV} must name the Secrets Manager secret holding the Slack signing secret; it is not set`);
  return id;
}

/** SLACK_SECRET_MAX_AGE_SECONDS, else an hour. */
export function slackSecretMaxAgeFromEnv(env: Record<string, string | undefined>): number {
  const n = Number(env[SLACK_SECRET_MAX_AGE_ENV]);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_SLACK_SECRET_MAX_AGE_SECONDS;
}

export interface SlackSecretsOptions {
  maxAgeSeconds?: number;
  /** Skip the cache (after a signature mismatch: the secret may have been rotated). */
  forceFetch?: boolean;
}

/** The secrets, through Powertools' cache. Throws SlackSecretsError (no value in it) when missing or malformed. */
export async function getSlackSecrets(secretId: string, options: SlackSecretsOptions = {}): Promise<SlackSecrets> {
  let value: unknown;
  try {
    value = await getSecret(secretId, {
      maxAge: options.maxAgeSeconds ?? DEFAULT_SLACK_SECRET_MAX_AGE_SECONDS,
      ...(options.forceFetch === true ? { forceFetch: true } : {}),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    throw new SlackSecretsError(`Reading the Slack secret ${secretId} failed (${name}: ${message})`, { cause: error });
  }
  const text = typeof value === 'string' ? value : value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : undefined;
  if (text === undefined) throw new SlackSecretsError(`The Slack secret ${secretId} has no value`);
  const parsed = parseSlackSecrets(text);
  if ('problem' in parsed) throw new SlackSecretsError(`The Slack secret ${secretId} cannot be used: ${parsed.problem}`);
  return parsed.secrets;
}

/** What the handlers are given: the secrets, optionally bypassing the cache. */
export type SlackSecretsSource = (options?: { forceFetch?: boolean }) => Promise<SlackSecrets>;

/** A source reading `secretId` with the given cache age. */
export function slackSecretsSource(secretId: string, maxAgeSeconds = DEFAULT_SLACK_SECRET_MAX_AGE_SECONDS): SlackSecretsSource {
  return (options) => getSlackSecrets(secretId, { maxAgeSeconds, ...(options?.forceFetch === true ? { forceFetch: true } : {}) });
}
