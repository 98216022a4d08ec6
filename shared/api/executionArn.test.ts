import { describe, it, expect } from 'vitest';
import { executionArnFor, parseStateMachineArn, stateMachineArnFromEnv } from './executionArn.ts';

// State machine and execution ARNs as DescribeExecution returns them (API reference, DescribeExecution / StartExecution).
const MACHINE = 'arn:aws:states:eu-west-1:111122223333:stateMachine:DiagnosisWorkflow1A2B3C4D-Xy7Zq9';

describe('executionArnFor', () => {
  it('puts the execution name in the machine\'s execution namespace', () => {
    expect(executionArnFor(MACHINE, 'manual-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2')).toBe(
      'arn:aws:states:eu-west-1:111122223333:execution:DiagnosisWorkflow1A2B3C4D-Xy7Zq9:manual-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2',
    );
  });

  it('keeps the partition (China, GovCloud)', () => {
    expect(executionArnFor('arn:aws-cn:states:cn-north-1:111122223333:stateMachine:m', 'x')).toBe('arn:aws-cn:states:cn-north-1:111122223333:execution:m:x');
    expect(parseStateMachineArn('arn:aws-us-gov:states:us-gov-west-1:111122223333:stateMachine:m')?.partition).toBe('aws-us-gov');
  });

  it('refuses an execution name with ARN or path characters, and a machine ARN that is not one', () => {
    expect(executionArnFor(MACHINE, 'x:y')).toBeUndefined();
    expect(executionArnFor(MACHINE, '../x')).toBeUndefined();
    expect(executionArnFor(MACHINE, '')).toBeUndefined();
    expect(executionArnFor('arn:aws:states:eu-west-1:111122223333:execution:m:x', 'x')).toBeUndefined();
    expect(executionArnFor(`${MACHINE}:1`, 'x')).toBeUndefined();
  });
});

describe('stateMachineArnFromEnv', () => {
  it('returns the ARN, or says what is wrong with the configuration', () => {
    expect(stateMachineArnFromEnv({ STATE_MACHINE_ARN: MACHINE })).toBe(MACHINE);
    expect(() => stateMachineArnFromEnv({})).toThrow(/STATE_MACHINE_ARN .* it is not set/);
    expect(() => stateMachineArnFromEnv({ STATE_MACHINE_ARN: 'DiagnosisWorkflow' })).toThrow(/it is "DiagnosisWorkflow"/);
  });
});
