import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { StateMachine, ExecutionError } from 'aws-local-stepfunctions';
import { answerInStack } from '../../shared/live/answerInStack.ts';
import { callsMadeBy } from '../../shared/live/AwsCallLog.ts';
import type { LiveService } from '../../shared/live/stepClients.ts';
import { createAwsClients } from '../../shared/live/awsClients.ts';
import { answerFromBundle, eventSpan, loadBundleAccount, type BundleAccount } from '../../shared/live/bundleAccount.ts';
import type { LiveClock } from '../../shared/live/liveClock.ts';
import type { Diagnosis } from '../../shared/model/diagnosis.ts';
import { DirectoryEvidenceStore } from '../../shared/store/DirectoryEvidenceStore.ts';
import type { DiagnosisSummary, ManualExecutionInput } from '../../shared/workflow/stepPayloads.ts';
import { DEFAULT_WORKFLOW_SETTINGS, type WorkflowDeps } from '../../shared/workflow/WorkflowDeps.ts';
import { localLambdaContext } from './localLambdaContext.ts';
import { localStepDeps } from './localStepDeps.ts';
import { synthesizedWorkflow } from './synthesizedWorkflow.ts';

export interface LocalWorkflowOptions {
  /** The incident bundle the account is built from. */
  evidence: string;
  /** Where the evidence store lives (default: a new temporary folder). */
  storeDir?: string;
  /** Slack stand-in (the fake server's base URL), when the notify step should post to it. */
  slackUrl?: string;
}

export interface LocalWorkflowResult {
  status: 'SUCCEEDED' | 'FAILED';
  /** The execution's output (the DiagnosisSummary, or the suppression), or the failure. */
  output?: unknown;
  error?: string;
  diagnosis?: Diagnosis;
  /** What the Notify step published to SNS. */
  published: PublishCommandInput[];
  /** State transitions as Step Functions bills them: every state entered, every retry. */
  transitions: number;
  statesEntered: string[];
  storeDir: string;
  /** The input the execution started with. */
  input: unknown;
  /** The IAM actions of the AWS calls each step made (step folder -> actions), to check against its role. */
  iamActionsByStep: Record<string, string[]>;
}

const CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'local-workflow-not-a-secret' };

/**
 * Runs the synthesized state machine with aws-local-stepfunctions, every Task bound to the real handler of its
 * function (functions/<step>/handler.ts, middy and all), whose AWS clients answer as the account the bundle was
 * recorded from (shared/live/bundleAccount.ts) and whose evidence store is a local folder. The input is the
 * bundle's alarm as it was delivered; a bundle without one is diagnosed as the manual API would ask.
 */
export async function runLocalWorkflow(options: LocalWorkflowOptions): Promise<LocalWorkflowResult> {
  const account = await loadBundleAccount(options.evidence);
  const { definition, functions } = await synthesizedWorkflow();
  const storeDir = options.storeDir ?? (await mkdtemp(path.join(tmpdir(), 'apigw-doctor-workflow-')));
  const span = eventSpan(account);

  // The incident is replayed an hour after it happened: every log line of the window has arrived.
  let time = (account.alarm?.stateChangeTime ?? span.end) + 3_600_000;
  const clock: LiveClock = { now: () => time, sleep: async (ms) => void (time += ms), random: () => 0.5 };
  const clients = createAwsClients({ region: account.region, credentials: CREDENTIALS });
  answerFromBundle(clients, account, { now: clock.now });
  const published: PublishCommandInput[] = [];
  const sns = new SNSClient({ region: account.region, credentials: CREDENTIALS });
  answerInStack(sns, (command, input) => {
    if (command !== 'Publish') throw new Error(`the local SNS topic answers Publish only, not ${command}`);
    published.push(input as unknown as PublishCommandInput);
    return { MessageId: `local-${published.length}` };
  });
  const store = new DirectoryEvidenceStore(storeDir);
  const workflowDeps: WorkflowDeps = { clients, store, clock, settings: { ...DEFAULT_WORKFLOW_SETTINGS, region: account.region } };
  const deps = localStepDeps({ workflowDeps, sns, topicArn: `arn:aws:sns:${account.region}:${account.accountId}:apigw-doctor-diagnoses`, now: clock.now, ...(options.slackUrl !== undefined ? { slackUrl: options.slackUrl } : {}) });

  const taskResourceLocalHandlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  const iamActions: Record<string, Set<string>> = {};
  const retryIntervalOverrides: Record<string, number> = {};
  const optimized = new Set(taskStates(definition).filter(([, resource]) => resource.startsWith('arn:aws:states:::lambda:invoke')).map(([name]) => name));
  for (const [state, step] of Object.entries(functions)) {
    const module = (await import(`../../functions/${step}/handler.ts`)) as {
      makeHandler: (deps: () => unknown) => (event: unknown, context: unknown) => Promise<unknown>;
      services?: readonly LiveService[];
    };
    const handler = module.makeHandler(() => deps(step, module.services));
    const context = () => localLambdaContext(`apigw-doctor-${step}`, account.region, account.accountId);
    const invoke = async (payload: unknown): Promise<unknown> => {
      const { result, calls } = await callsMadeBy(() => handler(payload, context()));
      const actions = (iamActions[step] ??= new Set<string>());
      for (const call of calls) actions.add(call.iamAction);
      return result;
    };
    // The optimized lambda:invoke integration hands the task {FunctionName, Payload} and expects the Invoke result
    // back; a Task whose Resource is the function's ARN gets the payload and returns the function's result.
    taskResourceLocalHandlers[state] = optimized.has(state)
      ? async (input) => {
          const payload = typeof input === 'object' && input !== null && 'Payload' in input ? (input as { Payload: unknown }).Payload : input;
          return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: await invoke(payload) };
        }
      : async (input) => invoke(input);
    retryIntervalOverrides[state] = 0;
  }

  const input = executionInput(account, span);
  const machine = new StateMachine(definition as ConstructorParameters<typeof StateMachine>[0]);
  // The context object Step Functions gives every execution (the claim step falls back on the execution's name).
  const name = `local-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const context = {
    Execution: {
      Id: `arn:aws:states:${account.region}:${account.accountId}:execution:apigw-doctor-diagnosis:${name}`,
      Name: name,
      RoleArn: `arn:aws:iam::${account.accountId}:role/apigw-doctor-workflow`,
      StartTime: new Date(time).toISOString(),
      Input: input,
    },
  };
  const execution = machine.run(input as never, { context: context as never, overrides: { taskResourceLocalHandlers: taskResourceLocalHandlers as never, retryIntervalOverrides } });
  const statesEntered: string[] = [];
  let retries = 0;
  const events = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') statesEntered.push(event.state.name);
      if (event.type === 'StateRetried') retries++;
    }
  })();
  const actionsOf = () => Object.fromEntries(Object.entries(iamActions).map(([step, set]) => [step, [...set].sort()]));
  const base = { published, storeDir, input };
  try {
    const output = (await execution.result) as unknown;
    await events;
    const summary = output as Partial<DiagnosisSummary> | null;
    const diagnosis = summary && typeof summary.ref === 'string' ? ((await store.getJson(summary.ref)) as Diagnosis) : undefined;
    clients.destroy();
    return { ...base, status: 'SUCCEEDED', output, ...(diagnosis ? { diagnosis } : {}), transitions: statesEntered.length + retries, statesEntered, iamActionsByStep: actionsOf() };
  } catch (error) {
    await events.catch(() => undefined);
    clients.destroy();
    const message = error instanceof ExecutionError ? `${error.message}` : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ...base, status: 'FAILED', error: message, transitions: statesEntered.length + retries, statesEntered, iamActionsByStep: actionsOf() };
  }
}

/** The alarm as it was delivered (EventBridge event or SNS message); else the manual API's request for the bundle's span. */
function executionInput(account: BundleAccount, span: { start: number; end: number }): unknown {
  if (account.alarmDocument !== undefined) return account.alarmDocument;
  const manual: ManualExecutionInput = {
    manual: { id: `local-${account.apiId}-${account.stageName}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 80), apiId: account.apiId, stage: account.stageName, from: span.start, to: span.end, requestedBy: 'local' },
  };
  return manual;
}

/** Every Task state of a definition (inside Parallel branches and Map processors too) with its Resource. */
function taskStates(definition: object): [name: string, resource: string][] {
  const out: [string, string][] = [];
  const visit = (states: unknown) => {
    if (typeof states !== 'object' || states === null) return;
    for (const [name, state] of Object.entries(states as Record<string, Record<string, unknown>>)) {
      if (state['Type'] === 'Task' && typeof state['Resource'] === 'string') out.push([name, state['Resource']]);
      for (const branch of Array.isArray(state['Branches']) ? (state['Branches'] as { States?: unknown }[]) : []) visit(branch.States);
      const processor = (state['ItemProcessor'] ?? state['Iterator']) as { States?: unknown } | undefined;
      if (processor) visit(processor.States);
    }
  };
  visit((definition as { States?: unknown }).States);
  return out;
}
