import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

/**
 * The diagnosis state machine's definition (JSONPath only: the local runner, aws-local-stepfunctions, runs neither
 * JSONata nor variables). State names and the paths between them are those of shared/workflow/stepPayloads.ts.
 */

/** The Lambda behind each Task state. */
export interface WorkflowFunctions {
  claimIncident: IFunction;
  resolveScope: IFunction;
  findFailingRequests: IFunction;
  gatherRequestEvidence: IFunction;
  gatherContext: IFunction;
  classify: IFunction;
  notify: IFunction;
}

export interface WorkflowOptions {
  /** Map items (batches of sampled requests) gathered at once. */
  mapConcurrency: number;
}

/** Each Task's TimeoutSeconds; the functions' own timeouts are a little under (lambdaTimeoutSeconds). */
export const TASK_TIMEOUT_SECONDS = {
  ClaimIncident: 30,
  ResolveScope: 120,
  FindFailingRequests: 300,
  GatherRequestEvidence: 300,
  GatherContext: 300,
  Classify: 300,
  Notify: 60,
} as const;

export type TaskStateName = keyof typeof TASK_TIMEOUT_SECONDS;

/** A function stops before its Task times out, so that its own error (not States.Timeout) reaches the Catch. */
export function lambdaTimeoutSeconds(state: TaskStateName): number {
  const task = TASK_TIMEOUT_SECONDS[state];
  return task - Math.max(5, Math.round(task / 30));
}

/** Throttling and transient service errors: retried with backoff and full jitter; never States.Timeout. */
export const TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'ThrottlingException',
  'TooManyRequestsException',
  'LimitExceededException',
  'ServiceUnavailableException',
  'RequestLimitExceeded',
  // SNS's throttling names (Publish), and KMS's when the topic is encrypted.
  'ThrottledException',
  'KMSThrottlingException',
] as const;

export const RETRY = { intervalSeconds: 2, backoffRate: 2, maxAttempts: 3, maxDelaySeconds: 20 } as const;

/**
 * A Lambda Task with the workflow's timeout and retrier (and not CDK's default retrier).
 * `payloadOnly`: the task's result is the function's return value (Resource = the function's ARN). ResultSelector
 * must be an object, so a state that stores the whole payload at a path ($.scope, $.failing, $.diagnosis,
 * $.notified) cannot unwrap the optimized integration's {Payload}; the others use arn:aws:states:::lambda:invoke.
 */
function lambdaTask(
  scope: Construct,
  name: TaskStateName,
  fn: IFunction,
  props: { payload?: Record<string, unknown>; resultSelector?: Record<string, unknown>; resultPath?: string; payloadOnly: boolean },
): LambdaInvoke {
  const task = new LambdaInvoke(scope, name, {
    lambdaFunction: fn,
    payloadResponseOnly: props.payloadOnly,
    retryOnServiceExceptions: false,
    taskTimeout: sfn.Timeout.duration(Duration.seconds(TASK_TIMEOUT_SECONDS[name])),
    ...(props.payload ? { payload: sfn.TaskInput.fromObject(props.payload) } : {}),
    ...(props.resultSelector ? { resultSelector: props.resultSelector } : {}),
    ...(props.resultPath ? { resultPath: props.resultPath } : {}),
  });
  task.addRetry({
    errors: [...TRANSIENT_ERRORS],
    interval: Duration.seconds(RETRY.intervalSeconds),
    backoffRate: RETRY.backoffRate,
    maxAttempts: RETRY.maxAttempts,
    maxDelay: Duration.seconds(RETRY.maxDelaySeconds),
    jitterStrategy: sfn.JitterType.FULL,
  });
  return task;
}

const at = (path: string): string => sfn.JsonPath.stringAt(path);

/** The whole definition, starting at ClaimIncident. */
export function diagnosisWorkflow(scope: Construct, fns: WorkflowFunctions, options: WorkflowOptions): sfn.IChainable {
  const claimIncident = lambdaTask(scope, 'ClaimIncident', fns.claimIncident, {
    payload: { event: sfn.JsonPath.entirePayload, executionName: at('$$.Execution.Name') },
    resultSelector: { incident: at('$.Payload') },
    // No ResultPath: the result replaces the state ("$" means the same in AWS, but aws-local-stepfunctions 3.0.0 writes it to a key named "$")
    payloadOnly: false,
  });
  const suppressed = new sfn.Succeed(scope, 'Suppressed');

  const resolveScope = lambdaTask(scope, 'ResolveScope', fns.resolveScope, {
    payload: { incident: at('$.incident') },
    resultPath: '$.scope',
    payloadOnly: true,
  });
  const findFailingRequests = lambdaTask(scope, 'FindFailingRequests', fns.findFailingRequests, {
    payload: { incident: at('$.incident'), scope: at('$.scope') },
    resultPath: '$.failing',
    payloadOnly: true,
  });
  const noFailingRequests = new sfn.Pass(scope, 'NoFailingRequests', {
    result: sfn.Result.fromObject({ total: 0, batches: [] }),
    resultPath: '$.failing',
  });

  // Branch 1: one item per batch of sampled requests; a failed batch becomes {failed: {Error, Cause}}.
  const gatherRequestEvidence = lambdaTask(scope, 'GatherRequestEvidence', fns.gatherRequestEvidence, {
    resultSelector: { ref: at('$.Payload.ref') },
    payloadOnly: false,
  });
  gatherRequestEvidence.addCatch(new sfn.Pass(scope, 'RequestEvidenceFailed', { parameters: { failed: sfn.JsonPath.entirePayload } }), {
    errors: [sfn.Errors.ALL],
  });
  const forEachSampleBatch = new sfn.Map(scope, 'ForEachSampleBatch', {
    itemsPath: '$.failing.batches',
    maxConcurrency: options.mapConcurrency,
    // The whole FailingSummary (small: ids and times), since its ref may be absent.
    itemSelector: {
      incident: at('$.incident'),
      scope: at('$.scope'),
      failing: at('$.failing'),
      batch: at('$$.Map.Item.Value'),
      index: at('$$.Map.Item.Index'),
    },
  });
  forEachSampleBatch.itemProcessor(gatherRequestEvidence);

  // Branch 2: metrics and recent changes.
  const gatherContext = lambdaTask(scope, 'GatherContext', fns.gatherContext, {
    payload: { incident: at('$.incident'), scope: at('$.scope') },
    resultSelector: { ref: at('$.Payload.ref') },
    payloadOnly: false,
  });
  gatherContext.addCatch(new sfn.Pass(scope, 'ContextFailed', { parameters: { failed: sfn.JsonPath.entirePayload } }), { errors: [sfn.Errors.ALL] });

  const gatherEvidence = new sfn.Parallel(scope, 'GatherEvidence', { resultPath: '$.gathered' }).branch(forEachSampleBatch).branch(gatherContext);

  const classify = lambdaTask(scope, 'Classify', fns.classify, { resultPath: '$.diagnosis', payloadOnly: true });
  // The cause names what broke, for DescribeExecution (GET /diagnoses/{id}).
  classify.addCatch(new sfn.Fail(scope, 'DiagnosisFailed', { error: 'DiagnosisFailed', causePath: at('$.Cause') }), { errors: [sfn.Errors.ALL] });

  const notify = lambdaTask(scope, 'Notify', fns.notify, {
    payload: { incident: at('$.incident'), diagnosis: at('$.diagnosis') },
    resultPath: '$.notified',
    payloadOnly: true,
  });
  const done = new sfn.Succeed(scope, 'Done', { outputPath: '$.diagnosis' });
  // The diagnosis is stored by now: a notification that failed after its retries must not make it "failed"
  // (GET /diagnoses/{id} would hide it); the failure stays in the execution history.
  notify.addCatch(done, { errors: [sfn.Errors.ALL], resultPath: '$.notifyFailed' });

  // A failing evidence step degrades the diagnosis (Classify reads $.failures into its gaps) instead of losing it.
  resolveScope.addCatch(classify, { errors: [sfn.Errors.ALL], resultPath: '$.failures.scope' });
  findFailingRequests.addCatch(noFailingRequests, { errors: [sfn.Errors.ALL], resultPath: '$.failures.failing' });
  noFailingRequests.next(gatherEvidence);
  gatherEvidence.addCatch(classify, { errors: [sfn.Errors.ALL], resultPath: '$.failures.gather' });

  return claimIncident.next(
    new sfn.Choice(scope, 'IsNewIncident')
      .when(sfn.Condition.booleanEquals('$.incident.proceed', false), suppressed)
      .otherwise(resolveScope.next(findFailingRequests).next(gatherEvidence).next(classify).next(notify).next(done)),
  );
}
