/**
 * Execution ARNs from the state machine's ARN: arn:<partition>:states:<region>:<account>:stateMachine:<name> becomes
 * arn:<partition>:states:<region>:<account>:execution:<name>:<execution name>.
 */

export interface StateMachineArnParts {
  partition: string;
  region: string;
  account: string;
  name: string;
}

// Partitions: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-eusc, ... An unqualified ARN only: a version or alias
// ARN (…:stateMachine:name:1) names no execution namespace of its own.
const STATE_MACHINE_ARN = /^arn:(aws[a-z-]*):states:([a-z0-9-]+):(\d{12}):stateMachine:([A-Za-z0-9_-]{1,80})$/;
const EXECUTION_NAME = /^[A-Za-z0-9_-]{1,80}$/;

export function parseStateMachineArn(arn: string): StateMachineArnParts | undefined {
  const m = STATE_MACHINE_ARN.exec(arn.trim());
  if (!m) return undefined;
  const [, partition, region, account, name] = m;
  if (partition === undefined || region === undefined || account === undefined || name === undefined) return undefined;
  return { partition, region, account, name };
}

/** The execution's ARN, or undefined when either part is not what it should be (never builds an ARN from anything else). */
export function executionArnFor(stateMachineArn: string, executionName: string): string | undefined {
  const machine = parseStateMachineArn(stateMachineArn);
  if (!machine || !EXECUTION_NAME.test(executionName)) return undefined;
  return `arn:${machine.partition}:states:${machine.region}:${machine.account}:execution:${machine.name}:${executionName}`;
}

/** STATE_MACHINE_ARN from an environment, checked: a deployment without it is broken, and says so at the first request. */
export function stateMachineArnFromEnv(env: Record<string, string | undefined>): string {
  const arn = env['STATE_MACHINE_ARN']?.trim();
  if (!arn || !parseStateMachineArn(arn)) {
    throw new Error(
      `STATE_MACHINE_ARN must be the diagnosis state machine's ARN (arn:aws:states:<region>:<account>:stateMachine:<name>); it is ${arn ? JSON.stringify(arn) : 'not set'}`,
    );
  }
  return arn;
}
