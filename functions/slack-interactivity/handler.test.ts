import { describe, it, expect, beforeEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { SectionBlock } from '@slack/types';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { fakeLambdaContext } from '../../shared/api/fakeLambdaContext.ts';
import { chatOpsConfigFromEnv } from '../../shared/chatops/chatOpsConfig.ts';
import { DynamoDbMuteList } from '../../shared/chatops/DynamoDbMuteList.ts';
import { MemoryMuteList } from '../../shared/chatops/MemoryMuteList.ts';
import type { PostOutcome, ResponsePoster, ResponseUrlMessage } from '../../shared/chatops/responsePoster.ts';
import { SlackRequestAuthenticator } from '../../shared/chatops/SlackRequestAuthenticator.ts';
import { MemoryEvidenceStore } from '../../shared/store/MemoryEvidenceStore.ts';
import { SLACK_TEST_SIGNING_SECRET } from '../../events/slack/generate.ts';
import { slackInteractivityDepsFromEnv, type SlackInteractivityDeps } from './deps.ts';
import { handler, makeHandler } from './handler.ts';

const sfn = mockClient(SFNClient);
const dynamodb = mockClient(DynamoDBClient);
const ARN = 'arn:aws:states:eu-west-1:111122223333:stateMachine:apigw-doctor-diagnosis';
const RESPONSE_URL = 'https://hooks.slack.com/actions/T0001/8093126741140/Qm7cVb2nXk9pL4sR8tYw3zA6';
const EVIDENCE_ID = 'slack-ts9ho7bwkt-prod-20261124T100200Z-k3v9x2';

const load = (file: string) => JSON.parse(readFileSync(new URL(`../../events/slack/${file}`, import.meta.url), 'utf8')) as APIGatewayProxyEvent;
const golden = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../test/golden/${name}.json`, import.meta.url), 'utf8'));

/** A response_url stand-in that records what would be posted. */
class RecordingPoster implements ResponsePoster {
  readonly posts: { url: string; message: ResponseUrlMessage }[] = [];
  constructor(private readonly outcome: PostOutcome = { ok: true }) {}
  async post(url: string, message: ResponseUrlMessage): Promise<PostOutcome> {
    this.posts.push({ url, message });
    return this.outcome;
  }
}

function deps(event: APIGatewayProxyEvent, overrides: Partial<SlackInteractivityDeps> = {}, env: Record<string, string> = {}): SlackInteractivityDeps & { poster: RecordingPoster; store: MemoryEvidenceStore } {
  const store = new MemoryEvidenceStore();
  void store.putJson(`diagnoses/${EVIDENCE_ID}/diagnosis.json`, golden('rest-two-causes-timeout-and-oom'));
  return {
    authenticator: new SlackRequestAuthenticator(async () => ({ signingSecret: SLACK_TEST_SIGNING_SECRET })),
    starter: { sfn: new SFNClient({ region: 'eu-west-1' }), stateMachineArn: ARN, random: () => 'k3v9x2' },
    store,
    mutes: new MemoryMuteList(),
    poster: new RecordingPoster(),
    config: chatOpsConfigFromEnv({ SLACK_ALLOWED_USERS: '["U2147483697"]', SLACK_ALLOWED_CHANNELS: '["C2147483705"]', ...env }),
    now: () => event.requestContext.requestTimeEpoch,
    ...overrides,
  } as SlackInteractivityDeps & { poster: RecordingPoster; store: MemoryEvidenceStore };
}

async function run(event: APIGatewayProxyEvent, d: SlackInteractivityDeps) {
  return makeHandler(() => d)(event, fakeLambdaContext('apigw-doctor-slack-interactivity'));
}
const startInput = (i = 0) => JSON.parse(sfn.commandCalls(StartExecutionCommand)[i]?.args[0].input.input ?? '{}') as { manual: Record<string, unknown> };

beforeEach(() => {
  sfn.reset();
  dynamodb.reset();
  sfn.on(StartExecutionCommand).resolves({ executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:x`, startDate: new Date() });
});

describe('slack-interactivity handler', () => {
  it('"Re-run now": starts the same window, answers an empty 200, and follows up ephemerally to response_url', async () => {
    const event = load('block-actions-rerun.json');
    const d = deps(event);
    expect(await run(event, d)).toEqual({ statusCode: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '' });
    expect(startInput().manual).toEqual({
      id: 'slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2',
      apiId: 'a1b2c3d4e5',
      stage: 'prod',
      from: Date.parse('2026-11-24T09:00:00Z'),
      to: Date.parse('2026-11-24T10:00:00Z'),
      requestedBy: 'slack:T0001/U2147483697',
      reply: { responseUrl: RESPONSE_URL, channelId: 'C2147483705', userId: 'U2147483697', threadTs: '1795515120.004500' },
    });
    expect(d.poster.posts).toEqual([
      {
        url: RESPONSE_URL,
        message: {
          response_type: 'ephemeral',
          replace_original: false,
          text: 'Re-running the diagnosis of `a1b2c3d4e5`/`prod` over 2026-11-24 09:00–10:00 UTC… (`slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2`), asked by <@U2147483697>. The result will be posted in this thread when it finishes.',
        },
      },
    ]);
  });

  it('"Widen window ×4": same end, start moved back, capped at the longest window and saying so', async () => {
    const event = load('block-actions-widen.json');
    const d = deps(event);
    await run(event, d);
    expect(startInput().manual).toMatchObject({ from: Date.parse('2026-11-24T04:00:00Z'), to: Date.parse('2026-11-24T10:00:00Z') });
    expect(d.poster.posts[0]?.message.text).toBe(
      'Widening to 6 h, the longest window allowed (×4 would be 8 h): diagnosing `a1b2c3d4e5`/`prod` over 2026-11-24 04:00–10:00 UTC… (`slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2`), asked by <@U2147483697>. The result will be posted in this thread when it finishes.',
    );
    const wide = deps(event, {}, { MAX_WINDOW_MINUTES: '720' });
    await run(event, wide);
    expect(startInput(1).manual).toMatchObject({ from: Date.parse('2026-11-24T02:00:00Z') });
    expect(wide.poster.posts[0]?.message.text).toMatch(/^Widening ×4 to 8 h: diagnosing `a1b2c3d4e5`\/`prod` over 2026-11-24 02:00–10:00 UTC…/);
  });

  it('re-runs the last hour when the message carried no window', async () => {
    const { blockActionsBody, slackProxyEvent } = await import('../../events/slack/generate.ts');
    const event = slackProxyEvent({ path: '/slack/interactivity', body: blockActionsBody({ actionId: 'rerun', value: '{"apiId":"a1b2c3d4e5","stage":"prod"}', text: 'Re-run now' }), requestId: 'b1e2f3a4-5b6c-4d7e-8f90-a1b2c3d4e5f6' }) as unknown as APIGatewayProxyEvent;
    const d = deps(event);
    await run(event, d);
    const now = event.requestContext.requestTimeEpoch;
    expect(startInput().manual).toMatchObject({ from: now - 3_600_000, to: now });
    expect(d.poster.posts[0]?.message.text).toContain('over 2026-11-24 09:15–10:15 UTC');
  });

  it('"Show all evidence": reads diagnosis.json from the evidence store and posts the excerpts ephemerally', async () => {
    const event = load('block-actions-show-evidence.json');
    const d = deps(event);
    await run(event, d);
    const message = d.poster.posts[0]?.message;
    expect(message?.response_type).toBe('ephemeral');
    expect(message?.text).toBe(`Evidence of diagnosis ${EVIDENCE_ID}: 11 of 11 excerpts (Lambda function timed out)`);
    expect((message?.blocks?.[0] as SectionBlock | undefined)?.text?.text).toContain(`*Evidence of diagnosis \`${EVIDENCE_ID}\`* · analytics-api/prod`);
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);

    const empty = deps(event, { store: new MemoryEvidenceStore() });
    await run(event, empty);
    expect(empty.poster.posts[0]?.message.text).toBe(
      `The evidence of diagnosis \`${EVIDENCE_ID}\` cannot be shown: its diagnosis.json is not in the evidence store: the diagnosis has not finished, or the bucket's lifecycle rule has removed it.`,
    );
  });

  it('"Mute this API for 1 h": one PutItem on the incidents table, "muted until HH:MM UTC by @user"', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    const event = load('block-actions-mute.json');
    const now = event.requestContext.requestTimeEpoch;
    const d = deps(event, { mutes: new DynamoDbMuteList(new DynamoDBClient({ region: 'eu-west-1' }), 'apigw-doctor-incidents') });
    await run(event, d);
    expect(dynamodb).toHaveReceivedCommandWith(PutItemCommand, {
      TableName: 'apigw-doctor-incidents',
      Item: expect.objectContaining({ pk: { S: 'mute#a1b2c3d4e5/prod' }, mutedUntil: { N: String(now + 3_600_000) }, mutedBy: { S: 'slack:T0001/U2147483697' } }),
    });
    expect(d.poster.posts[0]?.message).toEqual({ response_type: 'ephemeral', replace_original: false, text: '`a1b2c3d4e5`/`prod` muted until 11:15 UTC by <@U2147483697>: its diagnoses are not posted until then (1 h).' });
  });

  it('leaves link buttons alone (Slack reports them too): an empty 200, nothing posted or started', async () => {
    const event = load('block-actions-link-button.json');
    const d = deps(event);
    expect((await run(event, d)).statusCode).toBe(200);
    expect(d.poster.posts).toEqual([]);
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('refuses people not allowed, with the reason posted to them, and starts nothing', async () => {
    const event = load('block-actions-rerun.json');
    const d = deps(event, {}, { SLACK_ALLOWED_USERS: '["U0ONCALL1"]' });
    expect((await run(event, d)).statusCode).toBe(200);
    expect(d.poster.posts[0]?.message.text).toContain('You are not on the list of people who may start diagnoses (SLACK_ALLOWED_USERS)');
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('answers 401 to a tampered press and 400 to a signed body that is not a payload', async () => {
    const event = load('block-actions-mute.json');
    const tampered = { ...event, body: (event.body ?? '').replace('U2147483697', 'U0ATTACKER') };
    const d = deps(event);
    expect(await run(tampered, d)).toMatchObject({ statusCode: 401, body: 'Unauthorized' });
    const { sign } = await import('../../events/slack/generate.ts');
    const body = 'payload=';
    const signature = sign(SLACK_TEST_SIGNING_SECRET, Number(event.headers['X-Slack-Request-Timestamp']), body);
    const notPayload = { ...event, body, headers: { ...event.headers, 'X-Slack-Signature': signature }, multiValueHeaders: {} };
    expect(await run(notPayload, d)).toMatchObject({ statusCode: 400 });
    expect(d.poster.posts).toEqual([]);
  });

  it('still answers 200 when the follow-up cannot be posted (an expired response_url)', async () => {
    const event = load('block-actions-rerun.json');
    const d = deps(event, { poster: new RecordingPoster({ ok: false, status: 404, error: 'expired_url' }) });
    expect((await run(event, d)).statusCode).toBe(200);
    expect(sfn).toHaveReceivedCommandTimes(StartExecutionCommand, 1);
  });

  it('needs EVIDENCE_BUCKET and INCIDENTS_TABLE besides the Slack secret and state machine', () => {
    const env = { SLACK_SECRET_ARN: 'apigw-doctor/slack', STATE_MACHINE_ARN: ARN, AWS_REGION: 'eu-west-1' };
    expect(() => slackInteractivityDepsFromEnv(env)).toThrow('EVIDENCE_BUCKET');
    expect(() => slackInteractivityDepsFromEnv({ ...env, EVIDENCE_BUCKET: 'apigw-doctor-evidence' })).toThrow('INCIDENTS_TABLE');
    const built = slackInteractivityDepsFromEnv({ ...env, EVIDENCE_BUCKET: 'apigw-doctor-evidence', INCIDENTS_TABLE: 'apigw-doctor-incidents' });
    expect(built.store.locationOf?.('diagnoses/x/diagnosis.json')).toBe('s3://apigw-doctor-evidence/diagnoses/x/diagnosis.json');
    expect(typeof handler).toBe('function');
  });
});
