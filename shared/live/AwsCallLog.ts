import { AsyncLocalStorage } from 'node:async_hooks';
import type { HandlerExecutionContext, MiddlewareStack } from '@smithy/types';

/**
 * Every AWS call a live diagnosis makes: what it cost (the diagnosis reports API calls made) and which IAM
 * actions it needed (a test holds them against docs/iam-policy.json).
 */

export type CallOutcome = 'ok' | 'error';

export interface AwsCall {
  /** Service as the caller names it: "logs", "xray", "apigateway", "apigatewayv2", "lambda", "cloudwatch", "cloudtrail". */
  service: string;
  /** API action: "StartQuery", "GetStage". */
  action: string;
  ms: number;
  outcome: CallOutcome;
  errorName?: string;
  /** The IAM action the call needs: "logs:StartQuery", "apigateway:GET". */
  iamAction: string;
}

export interface AwsCallSummary {
  service: string;
  action: string;
  count: number;
  errors: number;
  totalMs: number;
}

/** What instrumentation needs from a log (the Logs Insights runner's CallRecorder has the same shape). */
export interface CallRecorder {
  record(service: string, action: string, ms: number, outcome: CallOutcome, errorName?: string, httpMethod?: string): void;
}

/**
 * The calls made inside one `callsMadeBy` (the workflow's steps run at once in one process when run locally), and
 * the enclosing one's: a step counting its own calls inside a local run that counts each function's.
 */
interface CallScope {
  calls: AwsCall[];
  outer?: CallScope;
}
const callsInScope = new AsyncLocalStorage<CallScope>();

/** Runs `run` and returns the AWS calls it made (through any instrumented client), and only those. */
export async function callsMadeBy<T>(run: () => Promise<T>): Promise<{ result: T; calls: AwsCall[] }> {
  const outer = callsInScope.getStore();
  const scope: CallScope = { calls: [], ...(outer ? { outer } : {}) };
  const result = await callsInScope.run(scope, run);
  return { result, calls: scope.calls };
}

export class AwsCallLog implements CallRecorder {
  private readonly entries: AwsCall[] = [];

  /**
   * One finished call. `httpMethod` matters only for API Gateway, whose IAM actions are HTTP verbs
   * (apigateway:GET on /restapis/...); without it the verb is inferred from the action name.
   */
  record(service: string, action: string, ms: number, outcome: CallOutcome, errorName?: string, httpMethod?: string): void {
    const call: AwsCall = { service, action, ms: Math.max(0, ms), outcome, iamAction: iamActionOf(service, action, httpMethod) };
    if (errorName !== undefined) call.errorName = errorName;
    this.entries.push(call);
    for (let scope = callsInScope.getStore(); scope; scope = scope.outer) scope.calls.push(call);
  }

  /** Every call in the order they ended. */
  all(): readonly AwsCall[] {
    return this.entries;
  }

  get count(): number {
    return this.entries.length;
  }

  /** Calls grouped by service and action, in first-call order. */
  calls(): AwsCallSummary[] {
    const byKey = new Map<string, AwsCallSummary>();
    for (const call of this.entries) {
      const key = `${call.service}:${call.action}`;
      const summary = byKey.get(key) ?? { service: call.service, action: call.action, count: 0, errors: 0, totalMs: 0 };
      summary.count++;
      if (call.outcome === 'error') summary.errors++;
      summary.totalMs += call.ms;
      byKey.set(key, summary);
    }
    return [...byKey.values()];
  }

  /** The IAM actions the calls needed ("logs:StartQuery", "apigateway:GET"), denied calls included. */
  actions(): Set<string> {
    return new Set(this.entries.map((c) => c.iamAction));
  }
}

/** Service names as clients and callers spell them → the IAM prefix. */
const IAM_PREFIX: Record<string, string> = {
  apigateway: 'apigateway',
  apigatewayv2: 'apigateway',
  'api-gateway': 'apigateway',
  'cloudwatch-logs': 'logs',
  cloudwatchlogs: 'logs',
  logs: 'logs',
  'x-ray': 'xray',
  xray: 'xray',
  monitoring: 'cloudwatch',
  cloudwatch: 'cloudwatch',
};

/**
 * The IAM action a call needs. Most services name it after the API action ("xray:BatchGetTraces"); API Gateway
 * (both versions) authorises by HTTP verb on the resource path, so GetStage and ExportApi both need apigateway:GET.
 */
export function iamActionOf(service: string, action: string, httpMethod?: string): string {
  const key = service.toLowerCase();
  const prefix = IAM_PREFIX[key] ?? key;
  const name = action.replace(/Command$/, '');
  if (prefix === 'apigateway') return `apigateway:${(httpMethod ?? verbOf(name)).toUpperCase()}`;
  return `${prefix}:${name}`;
}

/** API Gateway action name → the verb its REST call uses; unknown names map to POST so a policy test notices them. */
function verbOf(action: string): string {
  if (/^(Get|List|Export)/.test(action)) return 'GET';
  if (/^Update/.test(action)) return 'PATCH';
  if (/^Delete/.test(action)) return 'DELETE';
  if (/^(Put|Import|Reimport|Tag)/.test(action)) return 'PUT';
  return 'POST';
}

/** Anything with an SDK v3 middleware stack (every @aws-sdk/client-* client). */
export interface InstrumentableClient<I extends object, O extends object> {
  middlewareStack: MiddlewareStack<I, O>;
}

const RECORD_MIDDLEWARE = 'apigwDoctorCallLog';
const METHOD_MIDDLEWARE = 'apigwDoctorHttpMethod';

/**
 * Records every command `client` sends, with its name (context.commandName, "GetStageCommand" → "GetStage"),
 * its duration (retries included) and its outcome. The HTTP method is read from the built request so that
 * API Gateway calls map to the right apigateway:VERB. Idempotent: instrumenting twice replaces, not doubles.
 *
 * Note: aws-sdk-client-mock replaces `send` and so bypasses every middleware; tests that need the calls
 * recorded answer inside the stack instead (answerInStack.ts).
 */
export function instrument<I extends object, O extends object>(
  client: InstrumentableClient<I, O>,
  service: string,
  recorder: CallRecorder,
  now: () => number = () => performance.now(),
): void {
  const methods = new WeakMap<HandlerExecutionContext, string>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const started = now();
      const action = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      try {
        const result = await next(args);
        recorder.record(service, action, now() - started, 'ok', undefined, methods.get(context));
        return result;
      } catch (error) {
        recorder.record(service, action, now() - started, 'error', errorNameOf(error), methods.get(context));
        throw error;
      }
    },
    { step: 'initialize', name: RECORD_MIDDLEWARE, priority: 'high', override: true },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const request: unknown = args.request;
      if (typeof request === 'object' && request !== null && 'method' in request && typeof request.method === 'string') {
        methods.set(context, request.method);
      }
      return next(args);
    },
    { step: 'build', name: METHOD_MIDDLEWARE, priority: 'low', override: true },
  );
}

function errorNameOf(error: unknown): string {
  if (error instanceof Error) return error.name;
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') return error.name;
  return 'UnknownError';
}
