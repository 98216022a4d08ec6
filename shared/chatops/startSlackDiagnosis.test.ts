import { describe, it, expect, beforeEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { serviceError } from '../live/answerInStack.ts';
import { readExecutionInput } from '../claim/executionInput.ts';
import { startSlackDiagnosis } from './startSlackDiagnosis.ts';

const sfn = mockClient(SFNClient);
const ARN = 'arn:aws:states:eu-west-1:111122223333:stateMachine:apigw-doctor-diagnosis';
const NOW = Date.parse('2026-11-24T10:15:32Z');
const starter = () => ({ sfn: new SFNClient({ region: 'eu-west-1' }), stateMachineArn: ARN, random: () => 'k3v9x2' });
const request = {
  apiId: 'a1b2c3d4e5',
  stage: 'prod',
  window: { since: 3_600_000 },
  teamId: 'T0001',
  userId: 'U2147483697',
  reply: { responseUrl: 'https://hooks.slack.com/commands/T0001/5678/abcDEF', channelId: 'C2147483705', userId: 'U2147483697' },
};

beforeEach(() => sfn.reset());

describe('startSlackDiagnosis', () => {
  it('starts the state machine with the id as the name and a ManualExecutionInput the workflow reads', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2`, startDate: new Date(NOW) });
    expect(await startSlackDiagnosis(starter(), request, NOW, 2000)).toEqual({ kind: 'started', id: 'slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2' });
    const input = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect(input?.stateMachineArn).toBe(ARN);
    expect(input?.name).toBe('slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2');
    const sent = JSON.parse(input?.input ?? '{}');
    expect(sent).toEqual({
      manual: {
        id: 'slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2',
        apiId: 'a1b2c3d4e5',
        stage: 'prod',
        since: 3_600_000,
        requestedBy: 'slack:T0001/U2147483697',
        reply: { responseUrl: 'https://hooks.slack.com/commands/T0001/5678/abcDEF', channelId: 'C2147483705', userId: 'U2147483697' },
      },
    });
    expect(readExecutionInput(sent)).toMatchObject({ kind: 'manual', manual: { id: 'slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2', apiId: 'a1b2c3d4e5', stage: 'prod', since: 3_600_000 } });
  });

  it('passes a fixed window and a thread, and leaves out empty reply fields', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn', startDate: new Date(NOW) });
    await startSlackDiagnosis(starter(), { ...request, window: { from: NOW - 7_200_000, to: NOW }, reply: { channelId: 'C2147483705', threadTs: '1795600800.000100', responseUrl: '' } }, NOW, 2000);
    const sent = JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.input ?? '{}');
    expect(sent.manual).toMatchObject({ from: NOW - 7_200_000, to: NOW, reply: { channelId: 'C2147483705', threadTs: '1795600800.000100' } });
    expect(sent.manual.since).toBeUndefined();
    expect(sent.manual.reply.responseUrl).toBeUndefined();
  });

  it('says what went wrong in words for the user', async () => {
    sfn.on(StartExecutionCommand).rejects(serviceError('ThrottlingException', 'Rate exceeded', 400));
    expect(await startSlackDiagnosis(starter(), request, NOW, 2000)).toMatchObject({ kind: 'failed', message: expect.stringContaining('throttling') });
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ $metadata: { httpStatusCode: 400 }, message: 'Execution Already Exists: ...' }));
    expect(await startSlackDiagnosis(starter(), request, NOW, 2000)).toMatchObject({ kind: 'failed', message: expect.stringContaining('already exists') });
    sfn.on(StartExecutionCommand).rejects(serviceError('AccessDeniedException', 'User: arn:aws:sts::111122223333:assumed-role/x/y is not authorized to perform: states:StartExecution', 400));
    expect(await startSlackDiagnosis(starter(), request, NOW, 2000)).toMatchObject({ kind: 'failed', message: expect.stringContaining("the error is in the Slack function's logs") });
  });

  it('answers "pending" when Step Functions is slower than the budget', async () => {
    sfn.on(StartExecutionCommand).callsFake(() => new Promise((resolve) => setTimeout(() => resolve({ executionArn: 'arn', startDate: new Date(NOW) }), 200)));
    expect(await startSlackDiagnosis(starter(), request, NOW, 20)).toEqual({ kind: 'pending', id: 'slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2' });
  });
});
