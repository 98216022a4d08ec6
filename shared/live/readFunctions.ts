import { GetFunctionConcurrencyCommand, GetFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { ApiExportInfo, FunctionInfo } from '../model/context.ts';
import { lambdaTargetOf } from '../context/lambdaTarget.ts';
import { parseFunctionConfiguration } from '../context/functionConfiguration.ts';
import { isParseProblem } from '../context/problem.ts';
import { describeAwsError, gapForAwsError } from './awsErrors.ts';
import { toBundleDocument } from './bundleDocument.ts';
import { mapConcurrent } from './mapConcurrent.ts';
import { substituteStageVariables } from './stageVariables.ts';

/** A Lambda function an integration or authorizer invokes, with stage variables resolved. */
export interface FunctionTarget {
  /** Function name without qualifier (it names the default log group /aws/lambda/NAME). */
  name: string;
  /** The function ARN as the integration names it (qualifier included), when it names one. */
  arn?: string;
  /** Alias or version ("live", "7"). */
  qualifier?: string;
  /** "GET /orders/{id}", or "authorizer tokenAuth". */
  routes: string[];
  authorizer: boolean;
}

/** A function in scope and where its logs are. */
export interface ScopedFunction extends FunctionTarget {
  logGroup: string;
  /** False when Lambda said the function (or the alias/version) does not exist. */
  exists: boolean;
  /** Bundle path of its configuration document, when it was read. */
  file?: string;
}

/**
 * The functions behind the routes and authorizers of an export, stage variables resolved with the stage's
 * variables. A reference the stage does not define is a gap: API Gateway cannot invoke that function either.
 */
export function functionTargetsOf(api: ApiExportInfo, variables: Readonly<Record<string, string>>, stage: string): { targets: FunctionTarget[]; gaps: string[] } {
  const byKey = new Map<string, FunctionTarget>();
  const gaps: string[] = [];
  const add = (written: string, route: string, authorizer: boolean): void => {
    const { text, unresolved } = substituteStageVariables(written, variables);
    if (unresolved.length > 0) {
      gaps.push(
        `${route}: the integration names its Lambda function through ${unresolved.map((v) => `\${stageVariables.${v}}`).join(', ')}, which stage ${stage} does not define; API Gateway cannot invoke it`,
      );
      return;
    }
    const target = lambdaTargetOf(text) ?? (/^[\w-]+(:[\w$-]+)?$/.test(text) ? lambdaTargetOf(`arn:aws:apigateway:x:lambda:path/2015-03-31/functions/${text}/invocations`) : undefined);
    if (target === undefined) return;
    const arn = target.functionArn !== undefined && /^arn:/.test(target.functionArn) ? target.functionArn : undefined;
    const key = `${arn ? unqualifiedArn(arn) : target.functionName}|${target.qualifier ?? ''}`;
    const existing = byKey.get(key);
    if (existing) {
      if (!existing.routes.includes(route)) existing.routes.push(route);
      existing.authorizer ||= authorizer;
      return;
    }
    byKey.set(key, {
      name: target.functionName,
      routes: [route],
      authorizer,
      ...(arn !== undefined ? { arn } : {}),
      ...(target.qualifier !== undefined ? { qualifier: target.qualifier } : {}),
    });
  };
  for (const integration of api.integrations) {
    if (integration.integrationSubtype !== undefined) continue; // SQS-SendMessage and friends: no function
    // The export parser already decided which URIs invoke Lambda (stage-variable forms included).
    if (integration.functionName === undefined) continue;
    add(integration.uri ?? integration.functionArn ?? integration.functionName, integration.route, false);
  }
  for (const authorizer of api.authorizers) {
    if (authorizer.functionName !== undefined) add(authorizer.functionName, `authorizer ${authorizer.name}`, true);
  }
  return { targets: [...byKey.values()], gaps };
}

export interface FunctionsRead {
  functions: ScopedFunction[];
  /** Normalised configurations, for BundleContext.functions. */
  infos: FunctionInfo[];
  /** functions/<name>.json → `get-function-configuration` output (or `get-function` shape with Concurrency when reserved). */
  documents: Record<string, unknown>;
  gaps: string[];
}

/**
 * GetFunctionConfiguration and GetFunctionConcurrency for each target, a few at a time. A function that does
 * not exist is reported (it is evidence: lambda-not-found); a denied action is one gap, not one per function.
 */
export async function readFunctions(lambda: LambdaClient, targets: readonly FunctionTarget[], concurrency = 4): Promise<FunctionsRead> {
  const gaps: string[] = [];
  const addGap = (gap: string): void => {
    if (!gaps.includes(gap)) gaps.push(gap);
  };
  const read = await mapConcurrent(targets, concurrency, async (target) => {
    const label = `${target.name}${target.qualifier ? `:${target.qualifier}` : ''}`;
    const [configuration, concurrencyResult] = await Promise.all([
      lambda
        .send(new GetFunctionConfigurationCommand({ FunctionName: target.arn ?? target.name, ...(target.arn === undefined && target.qualifier ? { Qualifier: target.qualifier } : {}) }))
        .then((output) => ({ output }), (error: unknown) => ({ error })),
      lambda
        .send(new GetFunctionConcurrencyCommand({ FunctionName: target.arn ? unqualifiedArn(target.arn) : target.name }))
        .then((output) => ({ output }), (error: unknown) => ({ error })),
    ]);
    const scoped: ScopedFunction = { ...target, routes: [...target.routes], logGroup: `/aws/lambda/${target.name}`, exists: true };
    if ('error' in configuration) {
      const info = describeAwsError(configuration.error);
      if (info.kind === 'not-found') {
        scoped.exists = false;
        addGap(`Lambda function ${label} (${target.routes.join(', ')}) does not exist: ${info.name}: ${info.message}`);
      } else {
        addGap(gapForAwsError({ service: 'Lambda', action: 'lambda:GetFunctionConfiguration', purpose: "to read the functions' timeout, memory and log group" }, configuration.error));
      }
      return { scoped };
    }
    let reserved: number | undefined;
    if ('error' in concurrencyResult) {
      const info = describeAwsError(concurrencyResult.error);
      if (info.kind !== 'not-found') addGap(gapForAwsError({ service: 'Lambda', action: 'lambda:GetFunctionConcurrency', purpose: 'to see reserved concurrency (a reservation of 0 throttles every call)' }, concurrencyResult.error));
    } else {
      reserved = concurrencyResult.output.ReservedConcurrentExecutions;
    }
    const file = `functions/${target.name}${target.qualifier ? `@${target.qualifier}` : ''}.json`;
    const config = toBundleDocument(configuration.output);
    // `aws lambda get-function` prints {Configuration, Code, Concurrency}; that shape carries the reservation.
    const document = reserved === undefined ? config : { Configuration: config, Concurrency: { ReservedConcurrentExecutions: reserved } };
    const parsed = parseFunctionConfiguration(document, file);
    if (isParseProblem(parsed)) {
      addGap(parsed.problem);
      return { scoped };
    }
    scoped.logGroup = parsed.logGroup ?? scoped.logGroup;
    scoped.file = file;
    if (parsed.arn !== undefined && scoped.arn === undefined) scoped.arn = parsed.arn;
    return { scoped, info: parsed, file, document };
  });
  const documents: Record<string, unknown> = {};
  const infos: FunctionInfo[] = [];
  for (const r of read) {
    if (r.file !== undefined && r.document !== undefined && r.info !== undefined) {
      documents[r.file] = r.document;
      infos.push(r.info);
    }
  }
  return { functions: read.map((r) => r.scoped), infos, documents, gaps };
}

/** "arn:aws:lambda:us-east-1:123456789012:function:orders-fn:live" → "...:function:orders-fn". */
export function unqualifiedArn(arn: string): string {
  return arn.split(':').slice(0, 7).join(':');
}
