import { describe, it, expect, beforeEach, beforeAll } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { APIGatewayClient, GetRestApiCommand, GetRestApisCommand, NotFoundException, type RestApi } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApiCommand, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { fakeLambdaContext } from '../../shared/api/fakeLambdaContext.ts';
import { chatOpsConfigFromEnv } from '../../shared/chatops/chatOpsConfig.ts';
import { resolveApiFromAccount } from '../../shared/chatops/resolveApi.ts';
import { SlackRequestAuthenticator } from '../../shared/chatops/SlackRequestAuthenticator.ts';
import { SlackSecretsError } from '../../shared/chatops/slackSecrets.ts';
import { SLACK_DOC_EXAMPLE, SLACK_TEST_SIGNING_SECRET } from '../../events/slack/generate.ts';
import { slackCommandDepsFromEnv, type SlackCommandDeps } from './deps.ts';
import { handler, makeHandler } from './handler.ts';

const sfn = mockClient(SFNClient);
const apiGateway = mockClient(APIGatewayClient);
const apiGatewayV2 = mockClient(ApiGatewayV2Client);
const secretsManager = mockClient(SecretsManagerClient);
const ARN = 'arn:aws:states:eu-west-1:111122223333:stateMachine:apigw-doctor-diagnosis';
const REGION = 'eu-west-1';

/** The sample requests of events/slack (README.md there says where their shapes come from). */
const load = (file: string) => JSON.parse(readFileSync(new URL(`../../events/slack/${file}`, import.meta.url), 'utf8')) as APIGatewayProxyEvent;
const arrival = (event: APIGatewayProxyEvent) => event.requestContext.requestTimeEpoch;

const ordersRest: RestApi = { id: 'a1b2c3d4e5', name: 'orders-api', createdDate: new Date('2026-01-12T09:14:03Z'), apiKeySource: 'HEADER', endpointConfiguration: { types: ['REGIONAL'] } };
const notFound = (id: string) => new NotFoundException({ $metadata: { httpStatusCode: 404 }, message: `Invalid API identifier specified 111122223333:${id}` });

function deps(event: APIGatewayProxyEvent, overrides: Partial<SlackCommandDeps> = {}, env: Record<string, string> = {}): SlackCommandDeps {
  return {
    authenticator: new SlackRequestAuthenticator(async () => ({ signingSecret: SLACK_TEST_SIGNING_SECRET })),
    starter: { sfn: new SFNClient({ region: REGION }), stateMachineArn: ARN, random: () => 'k3v9x2' },
    resolveApi: resolveApiFromAccount({ apiGateway: new APIGatewayClient({ region: REGION }), apiGatewayV2: new ApiGatewayV2Client({ region: REGION }) }, { region: REGION }),
    config: chatOpsConfigFromEnv({ SLACK_ALLOWED_USERS: '["U2147483697"]', SLACK_ALLOWED_CHANNELS: '["C2147483705"]', ...env }),
    now: () => arrival(event),
    ...overrides,
  };
}

async function run(event: APIGatewayProxyEvent, d: SlackCommandDeps = deps(event)) {
  const response = await makeHandler(() => d)(event, fakeLambdaContext('apigw-doctor-slack-command'));
  const body = response.body === '' ? undefined : response.headers['Content-Type']?.startsWith('application/json') ? (JSON.parse(response.body) as { response_type: string; text: string }) : response.body;
  return { status: response.statusCode, body };
}
const textOf = (body: unknown): string => (typeof body === 'object' && body !== null && 'text' in body ? String((body as { text: unknown }).text) : '');

beforeAll(() => {
  process.env['AWS_REGION'] ??= REGION;
});
beforeEach(() => {
  for (const mock of [sfn, apiGateway, apiGatewayV2, secretsManager]) mock.reset();
  sfn.on(StartExecutionCommand).resolves({ executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:x`, startDate: new Date() });
  apiGateway.on(GetRestApiCommand, { restApiId: 'a1b2c3d4e5' }).resolves(ordersRest).on(GetRestApisCommand).resolves({ items: [ordersRest] });
  apiGatewayV2.on(GetApiCommand).rejects(notFound('x')).on(GetApisCommand).resolves({ Items: [] });
});

describe('slack-command handler', () => {
  it('starts the workflow and answers ephemerally "Diagnosing <api>/<stage> over the last 30 min… (id)"', async () => {
    const event = load('slash-command-diagnose.json');
    const { status, body } = await run(event);
    expect(status).toBe(200);
    expect(body).toEqual({
      response_type: 'ephemeral',
      text: 'Diagnosing orders-api/prod over the last 30 min… (`slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2`)\nAPI `a1b2c3d4e5` (REST) · asked by <@U2147483697> · the result will be posted here when it finishes, usually within a few minutes.',
    });
    expect(sfn).toHaveReceivedCommandTimes(StartExecutionCommand, 1);
    const call = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect(call?.name).toBe('slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2');
    expect(JSON.parse(call?.input ?? '{}')).toEqual({
      manual: {
        id: 'slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2',
        apiId: 'a1b2c3d4e5',
        stage: 'prod',
        since: 1_800_000,
        requestedBy: 'slack:T0001/U2147483697',
        reply: { responseUrl: 'https://hooks.slack.com/commands/T0001/8093126741057/Rk4oZrJbXc2mP0qLs7vTyW1a', channelId: 'C2147483705', userId: 'U2147483697' },
      },
    });
  });

  it('reads a pasted invoke URL from a lower-cased, base64-encoded request (id looked up, stage from the URL)', async () => {
    const event = load('slash-command-invoke-url.json');
    expect(event.isBase64Encoded).toBe(true);
    const { status, body } = await run(event);
    expect(status).toBe(200);
    expect(textOf(body)).toContain('Diagnosing orders-api/prod over the last 2 h… (`slack-a1b2c3d4e5-prod-');
    expect(textOf(body)).toContain('The stage `prod` was read from the URL.');
    expect(apiGateway).toHaveReceivedCommandWith(GetRestApiCommand, { restApiId: 'a1b2c3d4e5' });
  });

  it('answers help with the usage, and bad arguments with what was wrong and the usage, starting nothing', async () => {
    const help = await run(load('slash-command-help.json'));
    expect(textOf(help.body)).toContain('*Usage:* `/diagnose <api name or id> [stage] [since]`');
    const bad = await run(load('slash-command-bad-arguments.json'));
    expect(bad.status).toBe(200);
    expect(textOf(bad.body)).toMatch(/^`30` has no unit: write `30m` for minutes or `30h` for hours\.\n\n\*Usage:\*/);
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('answers 401 with no details to a forged, stale or unsigned request, and starts nothing', async () => {
    const forged = load('slash-command-forged.json');
    expect(await run(forged)).toEqual({ status: 401, body: 'Unauthorized' });
    const replayed = load('slash-command-diagnose.json');
    expect(await run(replayed, deps(replayed, { now: () => arrival(replayed) + 6 * 60_000 }))).toEqual({ status: 401, body: 'Unauthorized' });
    const unsigned = load('slash-command-diagnose.json');
    delete unsigned.headers['X-Slack-Signature'];
    delete unsigned.multiValueHeaders['X-Slack-Signature'];
    expect(await run(unsigned)).toEqual({ status: 401, body: 'Unauthorized' });
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it("verifies Slack's documented example request through the handler", async () => {
    const event = load('slash-command-slack-docs-example.json');
    const d = deps(event, { authenticator: new SlackRequestAuthenticator(async () => ({ signingSecret: SLACK_DOC_EXAMPLE.secret })), now: () => SLACK_DOC_EXAMPLE.timestamp * 1000 }, { SLACK_ALLOWED_USERS: '*', SLACK_ALLOWED_CHANNELS: '*' });
    const { status, body } = await run(event, d);
    expect(status).toBe(200);
    expect(textOf(body)).toContain('*Usage:* `/webhook-collect <api name or id> [stage] [since]`');
  });

  it("answers Slack's SSL check with an empty 200", async () => {
    expect(await run(load('ssl-check.json'))).toEqual({ status: 200, body: undefined });
  });

  it('refuses people and channels not allowed, and everyone when nothing is configured', async () => {
    const event = load('slash-command-diagnose.json');
    const nobody = deps(event, { config: chatOpsConfigFromEnv({}) });
    const refused = await run(event, nobody);
    expect(refused.status).toBe(200);
    expect(textOf(refused.body)).toContain('Nobody may start diagnoses from Slack yet');
    const otherChannel = await run(event, deps(event, {}, { SLACK_ALLOWED_CHANNELS: '["C0OTHER01"]' }));
    expect(textOf(otherChannel.body)).toContain('Diagnoses cannot be started from this channel (`C2147483705`)');
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('refuses an API or stage the deployment does not watch (WATCHED_APIS), starting nothing', async () => {
    const event = load('slash-command-diagnose.json');
    const notThisStage = await run(event, deps(event, { watchedApis: [{ type: 'REST', apiId: 'a1b2c3d4e5', name: 'orders-api', stage: 'staging' }] }));
    expect(textOf(notThisStage.body)).toContain('Stage "prod" of a1b2c3d4e5 is not watched');
    expect(textOf(notThisStage.body)).toContain('Nothing was started');
    const otherApi = await run(event, deps(event, { watchedApis: [{ type: 'HTTP', apiId: 'k3v9x2m7qp', stage: '$default' }] }));
    expect(textOf(otherApi.body)).toContain('is not an API this deployment watches');
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
    const watched = await run(event, deps(event, { watchedApis: [{ type: 'REST', apiId: 'a1b2c3d4e5', name: 'orders-api', stage: 'prod' }] }));
    expect(textOf(watched.body)).toMatch(/^Diagnosing orders-api\/prod/);
  });

  it('asks for a stage unless one is configured for the API', async () => {
    const event = load('slash-command-help.json');
    event.body = (event.body ?? '').replace('text=help', 'text=orders-api');
    const signed = await resign(event);
    const asked = await run(signed);
    expect(textOf(asked.body)).toBe('Which stage of `orders-api` (`a1b2c3d4e5`)? Add it after the API: `/diagnose orders-api prod`. (An admin can set a default stage per API in SLACK_DEFAULT_STAGES.)');
    const configured = await run(signed, deps(signed, {}, { SLACK_DEFAULT_STAGES: '{"orders-api":"live"}' }));
    expect(textOf(configured.body)).toContain('Diagnosing orders-api/live over the last 1 h…');
  });

  it('names the candidates of an ambiguous name, and what there is for an unknown one', async () => {
    apiGateway.on(GetRestApisCommand).resolves({ items: [ordersRest, { ...ordersRest, id: 'z9y8x7w6v5', createdDate: new Date('2026-02-02T17:40:00Z') }] });
    const ambiguous = await run(load('slash-command-diagnose.json'));
    expect(textOf(ambiguous.body)).toBe(
      '`orders-api` names 2 APIs: `orders-api` (`a1b2c3d4e5`, REST, created 2026-01-12), `orders-api` (`z9y8x7w6v5`, REST, created 2026-02-02). Name it by id instead, such as `/diagnose a1b2c3d4e5 prod`. Nothing was started.',
    );
    apiGateway.on(GetRestApisCommand).resolves({ items: [{ ...ordersRest, name: 'billing-api' }] });
    const unknown = await run(load('slash-command-diagnose.json'));
    expect(textOf(unknown.body)).toContain('No REST or HTTP API in eu-west-1 is named or has the id `orders-api`. APIs there: `billing-api`');
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('answers within the budget when Step Functions is slow, saying the start is not confirmed', async () => {
    sfn.on(StartExecutionCommand).callsFake(() => new Promise((resolve) => setTimeout(() => resolve({ executionArn: 'arn', startDate: new Date() }), 1500)));
    const event = load('slash-command-diagnose.json');
    const started = Date.now();
    const { body } = await run(event, deps(event, {}, { SLACK_ACK_BUDGET_MS: '300' }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(textOf(body)).toContain('but Step Functions has not confirmed the start yet');
  });

  it('says so when the start fails, and answers 500 when the secret cannot be read', async () => {
    sfn.on(StartExecutionCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }));
    const event = load('slash-command-diagnose.json');
    expect(textOf((await run(event)).body)).toBe('Could not start the diagnosis of orders-api/prod over the last 30 min: Step Functions is throttling or busy right now, so the diagnosis did not start; try again in a few seconds.');
    const noSecret = deps(event, {
      authenticator: new SlackRequestAuthenticator(async () => {
        throw new SlackSecretsError('Reading the Slack secret x failed (AccessDeniedException: ...)');
      }),
    });
    expect(await run(event, noSecret)).toEqual({ status: 500, body: 'Internal error' });
  });

  it('builds its dependencies from the environment, reading the signing secret through Powertools (Secrets Manager mocked)', async () => {
    expect(() => slackCommandDepsFromEnv({ STATE_MACHINE_ARN: ARN })).toThrow('SLACK_SECRET_ARN');
    const secretArn = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:apigw-doctor/slack-command-test-a1b2c3';
    secretsManager.on(GetSecretValueCommand, { SecretId: secretArn }).resolves({ ARN: secretArn, Name: 'apigw-doctor/slack-command-test', SecretString: JSON.stringify({ signingSecret: SLACK_TEST_SIGNING_SECRET, botToken: 'xoxb-1-2-abc' }) });
    const event = load('slash-command-diagnose.json');
    const fromEnv = slackCommandDepsFromEnv({ SLACK_SECRET_ARN: secretArn, STATE_MACHINE_ARN: ARN, AWS_REGION: REGION, SLACK_ALLOWED_USERS: '*', SLACK_ALLOWED_CHANNELS: '*' });
    const { body } = await run(event, { ...fromEnv, now: () => arrival(event) });
    expect(textOf(body)).toContain('Diagnosing orders-api/prod over the last 30 min…');
    expect(secretsManager).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    expect(typeof handler).toBe('function');
  });
});

/** Re-signs an edited sample with the test secret (as events/slack/generate.ts signs them). */
async function resign(event: APIGatewayProxyEvent): Promise<APIGatewayProxyEvent> {
  const { sign } = await import('../../events/slack/generate.ts');
  const timestamp = Number(event.headers['X-Slack-Request-Timestamp']);
  const signature = sign(SLACK_TEST_SIGNING_SECRET, timestamp, event.body ?? '');
  return { ...event, headers: { ...event.headers, 'X-Slack-Signature': signature }, multiValueHeaders: { ...event.multiValueHeaders, 'X-Slack-Signature': [signature] } };
}
