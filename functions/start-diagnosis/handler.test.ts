import { describe, it, expect, beforeEach, vi } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { ExecutionAlreadyExists, SFNClient, SFNServiceException, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { START_DIAGNOSIS_STATUSES, type ApiResponse } from '../../shared/api/apiResponse.ts';
import { fakeLambdaContext } from '../../shared/api/fakeLambdaContext.ts';
import type { ManualExecutionInput } from '../../shared/workflow/stepPayloads.ts';
import { logger } from '../lambdaHandler.ts';
import { startDiagnosisDepsFromEnv, type StartDiagnosisDeps } from './deps.ts';
import { makeHandler } from './handler.ts';

const sfn = mockClient(SFNClient);
const STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:111122223333:stateMachine:DiagnosisWorkflow7F3E2A1B-q2W3e4R5t6Y7';

/** The sample API Gateway REST proxy events of events/api (IAM-authorised; see events/api/README.md). */
function sample(name: string): APIGatewayProxyEvent {
  return JSON.parse(readFileSync(new URL(`../../events/api/${name}`, import.meta.url), 'utf8')) as APIGatewayProxyEvent;
}

const NOW = sample('post-since.json').requestContext.requestTimeEpoch;
const deps = (): StartDiagnosisDeps => ({ sfn: new SFNClient({ region: 'eu-west-1' }), stateMachineArn: STATE_MACHINE_ARN, maxWindowMinutes: 360, now: () => NOW, random: () => 'k3v9x2' });
const handler = makeHandler(deps);

async function call(event: APIGatewayProxyEvent): Promise<ApiResponse & { json: Record<string, unknown> }> {
  const response = await handler(event, fakeLambdaContext('start-diagnosis'));
  expect(START_DIAGNOSIS_STATUSES).toContain(response.statusCode);
  expect(response.headers['Content-Type']).toBe('application/json; charset=utf-8');
  return { ...response, json: JSON.parse(response.body) as Record<string, unknown> };
}

function startedInput(): ManualExecutionInput {
  const calls = sfn.commandCalls(StartExecutionCommand);
  expect(calls).toHaveLength(1);
  return JSON.parse(calls[0]?.args[0].input.input ?? 'null') as ManualExecutionInput;
}

const ID = 'manual-a1b2c3d4e5-prod-20261124T111502Z-k3v9x2';
const STARTED = {
  executionArn: `arn:aws:states:eu-west-1:111122223333:execution:DiagnosisWorkflow7F3E2A1B-q2W3e4R5t6Y7:${ID}`,
  startDate: new Date(NOW + 143),
};

beforeEach(() => {
  sfn.reset();
  vi.restoreAllMocks();
});

describe('POST /diagnoses', () => {
  it('starts the state machine with the id as execution name and answers 202 {id, statusUrl} with Location', async () => {
    sfn.on(StartExecutionCommand).resolves(STARTED);
    const response = await call(sample('post-since.json'));
    expect(response.statusCode).toBe(202);
    const statusUrl = `https://q7w8e9r0t1.execute-api.eu-west-1.amazonaws.com/v1/diagnoses/${ID}`;
    expect(response.json).toEqual({ id: ID, statusUrl });
    expect(response.headers['Location']).toBe(statusUrl);
    expect(sfn).toHaveReceivedCommandWith(StartExecutionCommand, { stateMachineArn: STATE_MACHINE_ARN, name: ID });
    expect(startedInput()).toEqual({
      manual: { id: ID, apiId: 'a1b2c3d4e5', stage: 'prod', since: 1_800_000, requestedBy: 'arn:aws:sts::111122223333:assumed-role/PlatformOncall/alice' },
    });
  });

  it('passes from/to as epoch ms', async () => {
    sfn.on(StartExecutionCommand).resolves(STARTED);
    expect((await call(sample('post-from-to.json'))).statusCode).toBe(202);
    expect(startedInput().manual).toMatchObject({ from: Date.parse('2026-11-24T10:40:00Z'), to: Date.parse('2026-11-24T11:10:00Z') });
    expect(startedInput().manual).not.toHaveProperty('since');
  });

  it.each([
    ['post-window-too-long.json', 'window', 'at most 6h'],
    ['post-bad-api-id.json', 'apiId', 'names are not accepted'],
    ['post-not-json.json', 'body', 'not JSON'],
    ['post-from-after-to.json', 'from', 'must be before to'],
  ])('%s -> 400 naming %s, and starts nothing', async (file, field, text) => {
    const response = await call(sample(file));
    expect(response.statusCode).toBe(400);
    expect(response.json['message']).toBe('The diagnosis request is not valid; see errors');
    expect(response.json['errors']).toEqual(expect.arrayContaining([{ field, message: expect.stringContaining(text) }]));
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('refuses an API or stage the deployment does not watch (WATCHED_APIS), starting nothing', async () => {
    const watching = makeHandler(() => ({ ...deps(), watchedApis: [{ type: 'REST', apiId: 'a1b2c3d4e5', name: 'orders-api', stage: 'staging' }] }));
    const response = await watching(sample('post-since.json'), fakeLambdaContext('start-diagnosis'));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ errors: [{ field: 'stage', message: 'Stage "prod" of a1b2c3d4e5 is not watched; its watched stages are "staging"' }] });
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('ExecutionAlreadyExists -> 409', async () => {
    sfn.on(StartExecutionCommand).rejects(
      new ExecutionAlreadyExists({ message: `Execution Already Exists: '${STARTED.executionArn}'`, $metadata: { httpStatusCode: 400, requestId: 'f1cad492-8906-4967-9c99-f920a010bf90', attempts: 1, totalRetryDelay: 0 } }),
    );
    const response = await call(sample('post-since.json'));
    expect(response.statusCode).toBe(409);
    expect(response.json['message']).toContain('already exists');
  });

  it('throttling -> 503 with Retry-After', async () => {
    sfn.on(StartExecutionCommand).rejects(
      new SFNServiceException({ name: 'ThrottlingException', $fault: 'client', message: 'Rate exceeded', $metadata: { httpStatusCode: 400, requestId: '1c26ec87-accb-4d79-a5e4-d15399050e74', attempts: 3, totalRetryDelay: 361 } }),
    );
    const response = await call(sample('post-since.json'));
    expect(response.statusCode).toBe(503);
    expect(response.headers['Retry-After']).toBe('5');
  });

  it('anything else -> 500 with a generic message; the details only in the logs', async () => {
    const denied = new SFNServiceException({
      name: 'AccessDeniedException',
      $fault: 'client',
      message: `User: arn:aws:sts::111122223333:assumed-role/StartDiagnosisRole/start-diagnosis is not authorized to perform: states:StartExecution on resource: ${STATE_MACHINE_ARN}`,
      $metadata: { httpStatusCode: 400, requestId: '7e2f9c41-58ab-4d0e-9f13-6b2a8c4d1e07', attempts: 1, totalRetryDelay: 0 },
    });
    sfn.on(StartExecutionCommand).rejects(denied);
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const response = await call(sample('post-since.json'));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('not authorized');
    expect(response.json['message']).toContain('8d1f0a52-6c3e-4b7a-9e21-5f4c3b2a1d91');
    expect(JSON.stringify(logged.mock.calls)).toContain('not authorized to perform: states:StartExecution');
  });
});

describe('startDiagnosisDepsFromEnv', () => {
  it('reads the state machine and the window limit, and refuses a missing ARN', () => {
    const fromEnv = startDiagnosisDepsFromEnv({ STATE_MACHINE_ARN, MAX_WINDOW_MINUTES: '120', AWS_REGION: 'eu-west-1' });
    expect(fromEnv.stateMachineArn).toBe(STATE_MACHINE_ARN);
    expect(fromEnv.maxWindowMinutes).toBe(120);
    expect(startDiagnosisDepsFromEnv({ STATE_MACHINE_ARN, MAX_WINDOW_MINUTES: 'lots', AWS_REGION: 'eu-west-1' }).maxWindowMinutes).toBe(360);
    expect(() => startDiagnosisDepsFromEnv({})).toThrow(/STATE_MACHINE_ARN/);
    const watched = startDiagnosisDepsFromEnv({ STATE_MACHINE_ARN, AWS_REGION: 'eu-west-1', WATCHED_APIS: '[{"type":"REST","apiId":"a1b2c3d4e5","name":"orders-api","stage":"prod"}]' });
    expect(watched.watchedApis).toEqual([{ type: 'REST', apiId: 'a1b2c3d4e5', name: 'orders-api', stage: 'prod' }]);
    expect(fromEnv.watchedApis).toBeUndefined();
  });
});
