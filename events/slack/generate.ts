/**
 * Writes the sample Slack requests of this folder: API Gateway REST proxy events (payload format 1.0) carrying the
 * form-encoded bodies and headers Slack sends, signed with SLACK_TEST_SIGNING_SECRET at SLACK_TEST_TIMESTAMP (except
 * Slack's own documented example, signed with Slack's documented secret). Run: `npx tsx events/slack/generate.ts`.
 * Sources of every shape: README.md.
 */
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The test app's signing secret (32 hex characters, as Slack issues them). Never a real one. */
export const SLACK_TEST_SIGNING_SECRET = 'f3a5c1e9b7d24a6c8e0f2b4d6a8c0e1f';
/** 2026-11-24T10:15:32Z, in seconds, as X-Slack-Request-Timestamp carries it. */
export const SLACK_TEST_TIMESTAMP = 1795515332;
/** The slash command's API (not the diagnosed one): REST API `s1a2c3k4d5`, stage `prod`, in eu-west-1. */
const ENDPOINT_API = 's1a2c3k4d5';
const HOST = `${ENDPOINT_API}.execute-api.eu-west-1.amazonaws.com`;

/** Slack's worked example ("Verifying requests from Slack"): its secret, timestamp, body and signature. */
export const SLACK_DOC_EXAMPLE = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
} as const;

/** The requester of every sample: Slack's documented example user, channel and workspace. */
export const SAMPLE_ACTOR = { teamId: 'T0001', userId: 'U2147483697', channelId: 'C2147483705' } as const;

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** A slash command body, fields in the order Slack sends them. */
export function slashCommandBody(text: string, command = '/diagnose'): string {
  return new URLSearchParams([
    ['token', 'gIkuvaNzQIHg97ATvDxqgjtO'],
    ['team_id', SAMPLE_ACTOR.teamId],
    ['team_domain', 'example'],
    ['channel_id', SAMPLE_ACTOR.channelId],
    ['channel_name', 'ops-alerts'],
    ['user_id', SAMPLE_ACTOR.userId],
    ['user_name', 'steve'],
    ['command', command],
    ['text', text],
    ['api_app_id', 'A0APIGWDOC'],
    ['is_enterprise_install', 'false'],
    ['response_url', 'https://hooks.slack.com/commands/T0001/8093126741057/Rk4oZrJbXc2mP0qLs7vTyW1a'],
    ['trigger_id', '8093126741089.1234567890123.5f0c7b2e3d9a8c1b4e6f7a0d2c5b8e91'],
  ]).toString();
}

/** A block_actions payload for a button on the diagnosis message, form-encoded as `payload=<JSON>`. */
export function blockActionsBody(action: { actionId: string; value?: string; text: string; url?: string }): string {
  const payload = {
    type: 'block_actions',
    user: { id: SAMPLE_ACTOR.userId, username: 'steve', name: 'steve', team_id: SAMPLE_ACTOR.teamId },
    api_app_id: 'A0APIGWDOC',
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    container: { type: 'message', message_ts: '1795515120.004500', channel_id: SAMPLE_ACTOR.channelId, is_ephemeral: false },
    trigger_id: '8093126741123.1234567890123.0d9c8b7a6f5e4d3c2b1a09f8e7d6c5b4',
    team: { id: SAMPLE_ACTOR.teamId, domain: 'example' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: SAMPLE_ACTOR.channelId, name: 'ops-alerts' },
    message: {
      user: 'U0APIGWBOT',
      type: 'message',
      ts: '1795515120.004500',
      bot_id: 'B0APIGWBOT',
      app_id: 'A0APIGWDOC',
      text: 'orders-api/prod: Lambda function timed out — 128 failing requests since 09:58 UTC',
      team: SAMPLE_ACTOR.teamId,
      blocks: [],
    },
    state: { values: {} },
    response_url: 'https://hooks.slack.com/actions/T0001/8093126741140/Qm7cVb2nXk9pL4sR8tYw3zA6',
    actions: [
      {
        action_id: action.actionId,
        block_id: 'dx/actions',
        text: { type: 'plain_text', text: action.text, emoji: true },
        ...(action.value !== undefined ? { value: action.value } : {}),
        ...(action.url !== undefined ? { url: action.url } : {}),
        type: 'button',
        action_ts: '1795515331.822410',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

interface EventOptions {
  path: string;
  body: string;
  secret?: string;
  timestamp?: number;
  /** An HTTP API or a proxy in front lower-cases header names. */
  lowerCaseHeaders?: boolean;
  /** API Gateway base64-encodes a body whose content type is a binary media type (e.g. "*\/*"). */
  base64?: boolean;
  /** Replace the signature (a forged request). */
  signature?: string;
  requestId: string;
}

/** The proxy event API Gateway builds for a request from Slack. */
export function slackProxyEvent(options: EventOptions): Record<string, unknown> {
  const timestamp = options.timestamp ?? SLACK_TEST_TIMESTAMP;
  const signature = options.signature ?? sign(options.secret ?? SLACK_TEST_SIGNING_SECRET, timestamp, options.body);
  const sent: [string, string][] = [
    ['Accept', 'application/json,*/*'],
    ['Accept-Encoding', 'gzip,deflate'],
    ['Content-Type', 'application/x-www-form-urlencoded'],
    ['Host', HOST],
    ['User-Agent', 'Slackbot 1.0 (+https://api.slack.com/robots)'],
    ['X-Amzn-Trace-Id', `Root=1-${timestamp.toString(16)}-6a1f2e3d4c5b6a7988a0b1c2`],
    ['X-Forwarded-For', '44.214.100.201'],
    ['X-Forwarded-Port', '443'],
    ['X-Forwarded-Proto', 'https'],
    ['X-Slack-Request-Timestamp', String(timestamp)],
    ['X-Slack-Signature', signature],
  ];
  const headers = sent.map(([k, v]) => [options.lowerCaseHeaders ? k.toLowerCase() : k, v] as const);
  const stagePath = `/prod${options.path}`;
  const requestTimeEpoch = timestamp * 1000 + 187;
  return {
    resource: options.path,
    path: options.path,
    httpMethod: 'POST',
    headers: Object.fromEntries(headers),
    multiValueHeaders: Object.fromEntries(headers.map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      resourceId: 'r4s5t6',
      resourcePath: options.path,
      httpMethod: 'POST',
      extendedRequestId: 'Cx7YkH2aDoEFp3Q=',
      requestTime: apiGatewayTime(requestTimeEpoch),
      path: stagePath,
      accountId: '111122223333',
      protocol: 'HTTP/1.1',
      stage: 'prod',
      domainPrefix: ENDPOINT_API,
      requestTimeEpoch,
      requestId: options.requestId,
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp: '44.214.100.201',
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent: 'Slackbot 1.0 (+https://api.slack.com/robots)',
        user: null,
      },
      domainName: HOST,
      apiId: ENDPOINT_API,
    },
    body: options.base64 ? Buffer.from(options.body, 'utf8').toString('base64') : options.body,
    isBase64Encoded: options.base64 === true,
  };
}

/** "24/Nov/2026:10:15:32 +0000", API Gateway's requestTime. */
function apiGatewayTime(ms: number): string {
  const d = new Date(ms);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()] ?? 'Jan';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

const FROM = Date.parse('2026-11-24T09:00:00Z');
const TO = Date.parse('2026-11-24T10:00:00Z');
const window = (from: number, to: number) => JSON.stringify({ apiId: 'a1b2c3d4e5', stage: 'prod', from, to });

/** Every sample, by file name. */
export function samples(): Record<string, Record<string, unknown>> {
  const command = (text: string, requestId: string, extra: Partial<EventOptions> = {}) => slackProxyEvent({ path: '/slack/commands', body: slashCommandBody(text), requestId, ...extra });
  const action = (a: Parameters<typeof blockActionsBody>[0], requestId: string) => slackProxyEvent({ path: '/slack/interactivity', body: blockActionsBody(a), requestId });
  return {
    'slash-command-diagnose.json': command('orders-api prod 30m', '5f2b8c1e-7a4d-4e3b-9c6f-1d2e3f4a5b6c'),
    'slash-command-help.json': command('help', '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'),
    'slash-command-bad-arguments.json': command('orders-api prod 30', '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'),
    'slash-command-invoke-url.json': command('https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/orders 2h', '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', { lowerCaseHeaders: true, base64: true }),
    'slash-command-forged.json': command('orders-api prod 6h', '3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f', { secret: 'not-the-signing-secret-of-the-app' }),
    'slash-command-slack-docs-example.json': slackProxyEvent({ path: '/slack/commands', body: SLACK_DOC_EXAMPLE.body, timestamp: SLACK_DOC_EXAMPLE.timestamp, signature: SLACK_DOC_EXAMPLE.signature, requestId: '4d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f80' }),
    'ssl-check.json': slackProxyEvent({ path: '/slack/commands', body: 'ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO', requestId: '5e6f7a8b-9c0d-4e1f-8a2b-4c5d6e7f8091' }),
    'block-actions-rerun.json': action({ actionId: 'rerun', value: window(FROM, TO), text: 'Re-run now' }, '6f7a8b9c-0d1e-4f2a-9b3c-5d6e7f8091a2'),
    'block-actions-widen.json': action({ actionId: 'widen', value: window(TO - 2 * 3_600_000, TO), text: 'Widen window ×4' }, '7a8b9c0d-1e2f-4a3b-8c4d-6e7f8091a2b3'),
    'block-actions-show-evidence.json': action({ actionId: 'show_evidence', value: JSON.stringify({ diagnosisId: 'slack-ts9ho7bwkt-prod-20261124T100200Z-k3v9x2' }), text: 'Show all evidence' }, '8b9c0d1e-2f3a-4b4c-9d5e-7f8091a2b3c4'),
    'block-actions-mute.json': action({ actionId: 'mute', value: JSON.stringify({ apiId: 'a1b2c3d4e5', stage: 'prod' }), text: 'Mute this API for 1 h' }, '9c0d1e2f-3a4b-4c5d-8e6f-8091a2b3c4d5'),
    'block-actions-link-button.json': action(
      { actionId: 'open_logs_insights', text: 'Logs Insights', url: 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:logs-insights' },
      'a0d1e2f3-4b5c-4d6e-9f70-91a2b3c4d5e6',
    ),
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [file, event] of Object.entries(samples())) {
    writeFileSync(new URL(file, import.meta.url), `${JSON.stringify(event, null, 2)}\n`);
    console.log(`wrote events/slack/${file}`);
  }
}
