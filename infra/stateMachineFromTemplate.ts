/**
 * The state machine definition inside a synthesized template, made runnable locally: DefinitionString's
 * Fn::Join of text and references resolved to fake ARNs (as asl-validator and aws-local-stepfunctions accept),
 * and each Task state mapped to the function folder (its STEP variable) that serves it.
 */

export interface TemplateStateMachine {
  /** The Amazon States Language definition. */
  definition: Record<string, unknown>;
  /** Task state name (Map and Parallel sub-states included) -> the function's STEP (its folder under functions/). */
  functions: Record<string, string>;
  /**
   * The Task states that use the optimized integration (Resource arn:aws:states:::lambda:invoke): their result is
   * {Payload: <the handler's result>, StatusCode}. The others name the function itself and get its result as is.
   */
  optimized: string[];
}

const PARTITION = 'aws';
const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const PSEUDO: Record<string, string> = { 'AWS::Partition': PARTITION, 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::URLSuffix': 'amazonaws.com' };
const FUNCTION_ARN = /^arn:aws:lambda:[^:]+:\d{12}:function:([^:]+)(?::[^:]+)?$/;

type Resources = Record<string, { Type?: string; Properties?: Record<string, unknown> }>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A fake ARN for a resource, from its logical id and type (a Lambda function's ARN ends in its logical id). */
function fakeArn(logicalId: string, resources: Resources): string {
  const type = resources[logicalId]?.Type ?? '';
  if (type === 'AWS::Lambda::Function') return `arn:${PARTITION}:lambda:${REGION}:${ACCOUNT}:function:${logicalId}`;
  if (type === 'AWS::StepFunctions::StateMachine') return `arn:${PARTITION}:states:${REGION}:${ACCOUNT}:stateMachine:${logicalId}`;
  if (type === 'AWS::SNS::Topic') return `arn:${PARTITION}:sns:${REGION}:${ACCOUNT}:${logicalId}`;
  return `arn:${PARTITION}:cloudformation:${REGION}:${ACCOUNT}:resource/${logicalId}`;
}

function resolve(value: unknown, resources: Resources): string {
  if (typeof value === 'string') return value;
  if (!isRecord(value)) throw new Error(`stateMachineFromTemplate: cannot resolve ${JSON.stringify(value)}`);
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) return join[1].map((part: unknown) => resolve(part, resources)).join(join[0]);
  const ref = value['Ref'];
  if (typeof ref === 'string') return PSEUDO[ref] ?? fakeArn(ref, resources);
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
    if (getAtt[1] === 'Arn') return fakeArn(getAtt[0], resources);
    if (getAtt[1] === 'Name') return getAtt[0];
  }
  throw new Error(`stateMachineFromTemplate: cannot resolve ${JSON.stringify(value)}`);
}

/** Every state, sub-states of Map (ItemProcessor or Iterator) and Parallel (Branches) included. */
function* allStates(states: unknown): Generator<[string, Record<string, unknown>]> {
  if (!isRecord(states)) return;
  for (const [name, state] of Object.entries(states)) {
    if (!isRecord(state)) continue;
    yield [name, state];
    for (const inner of [state['ItemProcessor'], state['Iterator']]) if (isRecord(inner)) yield* allStates(inner['States']);
    if (Array.isArray(state['Branches'])) for (const branch of state['Branches']) if (isRecord(branch)) yield* allStates(branch['States']);
  }
}

/** The function a Task invokes: its Resource (payload-only tasks) or Parameters.FunctionName (lambda:invoke). */
function invokedFunction(state: Record<string, unknown>): string | undefined {
  const params = state['Parameters'];
  const candidates = [state['Resource'], isRecord(params) ? params['FunctionName'] : undefined];
  for (const candidate of candidates) {
    const match = typeof candidate === 'string' ? FUNCTION_ARN.exec(candidate) : null;
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

export function stateMachineFromTemplate(template: unknown): TemplateStateMachine {
  const resources = (isRecord(template) && isRecord(template['Resources']) ? template['Resources'] : {}) as Resources;
  const machines = Object.values(resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  if (machines.length !== 1) throw new Error(`stateMachineFromTemplate: expected one AWS::StepFunctions::StateMachine, found ${machines.length}`);
  const definitionString = machines[0]?.Properties?.['DefinitionString'];
  const definition = JSON.parse(resolve(definitionString, resources)) as Record<string, unknown>;

  const functions: Record<string, string> = {};
  const optimized: string[] = [];
  for (const [name, state] of allStates(definition['States'])) {
    if (state['Type'] !== 'Task') continue;
    const logicalId = invokedFunction(state);
    const variables = logicalId !== undefined ? resources[logicalId]?.Properties?.['Environment'] : undefined;
    const step = isRecord(variables) && isRecord(variables['Variables']) ? variables['Variables']['STEP'] : undefined;
    if (typeof step !== 'string') throw new Error(`stateMachineFromTemplate: the Task ${name} invokes no function with a STEP variable`);
    functions[name] = step;
    if (typeof state['Resource'] === 'string' && /^arn:[\w-]+:states:::lambda:invoke$/.test(state['Resource'])) optimized.push(name);
  }
  return { definition, functions, optimized };
}
