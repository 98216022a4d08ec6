import { describe, it, expect, beforeEach, beforeAll } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { getSlackSecrets, parseSlackSecrets, slackSecretIdFromEnv, slackSecretMaxAgeFromEnv, SlackSecretsError } from './slackSecrets.ts';

const secretsManager = mockClient(SecretsManagerClient);
const SIGNING = '8f742231b10e8888abcd99yyyzzz85a5';
const BOT = 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy';
const WEBHOOK = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';

/** GetSecretValue's response shape (Secrets Manager API reference, GetSecretValue "Response Syntax"). */
function secretValue(name: string, secretString: string) {
  return {
    ARN: `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${name}-a1b2c3`,
    Name: name,
    VersionId: 'EXAMPLE1-90ab-cdef-fedc-ba987SECRET1',
    SecretString: secretString,
    VersionStages: ['AWSCURRENT'],
    CreatedDate: new Date('2026-11-01T09:00:00Z'),
  };
}

beforeAll(() => {
  process.env['AWS_REGION'] ??= 'eu-west-1';
});
beforeEach(() => secretsManager.reset());

describe('parseSlackSecrets', () => {
  it('reads the documented JSON and the usual key spellings', () => {
    expect(parseSlackSecrets(JSON.stringify({ signingSecret: SIGNING, botToken: BOT, webhookUrl: WEBHOOK }))).toEqual({ secrets: { signingSecret: SIGNING, botToken: BOT, webhookUrl: WEBHOOK } });
    expect(parseSlackSecrets(JSON.stringify({ SLACK_SIGNING_SECRET: SIGNING, SLACK_BOT_TOKEN: BOT }))).toEqual({ secrets: { signingSecret: SIGNING, botToken: BOT } });
    expect(parseSlackSecrets(JSON.stringify({ signing_secret: ` ${SIGNING}\n`, webhook_url: WEBHOOK }))).toEqual({ secrets: { signingSecret: SIGNING, webhookUrl: WEBHOOK } });
  });

  it('names the problem without the value', () => {
    const problems = [
      parseSlackSecrets(SIGNING),
      parseSlackSecrets('["a"]'),
      parseSlackSecrets(JSON.stringify({ botToken: BOT })),
      parseSlackSecrets(JSON.stringify({ signingSecret: SIGNING, botToken: 'not-a-token' })),
      parseSlackSecrets(JSON.stringify({ signingSecret: SIGNING, webhookUrl: 'http://hooks.slack.com/services/x' })),
      parseSlackSecrets(JSON.stringify({ signingSecret: 42 })),
    ].map((r) => ('problem' in r ? r.problem : 'parsed'));
    expect(problems[0]).toContain('not JSON');
    expect(problems[1]).toContain('not an object');
    expect(problems[2]).toBe('the secret has no signingSecret (keys present: botToken)');
    expect(problems[3]).toContain('botToken is not a Slack token');
    expect(problems[4]).toContain('webhookUrl is not an https:// URL');
    expect(problems[5]).toBe('signingSecret is not a non-empty string');
    for (const p of problems) {
      expect(p).not.toContain(SIGNING);
      expect(p).not.toContain('not-a-token');
    }
  });
});

describe('slackSecretIdFromEnv / slackSecretMaxAgeFromEnv', () => {
  it('requires SLACK_SECRET_ARN and defaults the cache to an hour', () => {
    expect(() => slackSecretIdFromEnv({})).toThrow('SLACK_SECRET_ARN must name');
    expect(slackSecretIdFromEnv({ SLACK_SECRET_ARN: ' arn:aws:secretsmanager:eu-west-1:111122223333:secret:apigw-doctor/slack-a1b2c3 ' })).toBe('arn:aws:secretsmanager:eu-west-1:111122223333:secret:apigw-doctor/slack-a1b2c3');
    expect(slackSecretMaxAgeFromEnv({})).toBe(3600);
    expect(slackSecretMaxAgeFromEnv({ SLACK_SECRET_MAX_AGE_SECONDS: '300' })).toBe(300);
    expect(slackSecretMaxAgeFromEnv({ SLACK_SECRET_MAX_AGE_SECONDS: 'soon' })).toBe(3600);
  });
});

describe('getSlackSecrets (Powertools Parameters over Secrets Manager)', () => {
  it('reads the secret once and serves it from the cache until forced', async () => {
    const name = 'apigw-doctor/slack-cache-test';
    secretsManager.on(GetSecretValueCommand, { SecretId: name }).resolves(secretValue(name, JSON.stringify({ signingSecret: SIGNING, botToken: BOT })));
    expect(await getSlackSecrets(name)).toEqual({ signingSecret: SIGNING, botToken: BOT });
    expect(await getSlackSecrets(name)).toEqual({ signingSecret: SIGNING, botToken: BOT });
    expect(secretsManager).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    await getSlackSecrets(name, { forceFetch: true });
    expect(secretsManager).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
  });

  it('reads a SecretBinary too', async () => {
    const name = 'apigw-doctor/slack-binary-test';
    secretsManager.on(GetSecretValueCommand).resolves({ Name: name, SecretBinary: new TextEncoder().encode(JSON.stringify({ signingSecret: SIGNING })) });
    expect(await getSlackSecrets(name)).toEqual({ signingSecret: SIGNING });
  });

  it('throws SlackSecretsError for a missing or malformed secret, without its value', async () => {
    secretsManager
      .on(GetSecretValueCommand, { SecretId: 'apigw-doctor/missing' })
      .rejects(new ResourceNotFoundException({ $metadata: { httpStatusCode: 400 }, message: "Secrets Manager can't find the specified secret." }));
    await expect(getSlackSecrets('apigw-doctor/missing')).rejects.toThrow(SlackSecretsError);
    await expect(getSlackSecrets('apigw-doctor/missing', { forceFetch: true })).rejects.toThrow("Secrets Manager can't find the specified secret.");
    secretsManager.on(GetSecretValueCommand, { SecretId: 'apigw-doctor/plain' }).resolves(secretValue('apigw-doctor/plain', SIGNING));
    const error = await getSlackSecrets('apigw-doctor/plain').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackSecretsError);
    expect(String(error)).toContain('is not JSON');
    expect(String(error)).not.toContain(SIGNING);
  });
});
