import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { ApiExportInfo, DeploymentInfo, FunctionInfo, StageInfo } from '../model/context.ts';
import { parseApiExport } from '../context/apiExport.ts';
import { parseDeployments } from '../context/deployments.ts';
import { isParseProblem } from '../context/problem.ts';
import { parseStage } from '../context/stage.ts';
import { findApi } from './findApi.ts';
import { executionLogGroupOf, logDestinationOf } from './logGroupArn.ts';
import { readApiDocuments } from './readApiDocuments.ts';
import { functionTargetsOf, readFunctions, type ScopedFunction } from './readFunctions.ts';

export interface ApiScopeRequest {
  /** API id or name. */
  api: string;
  stage: string;
  /** When known (from an alarm's metric), only that family is searched. */
  apiType?: 'REST' | 'HTTP';
}

export interface ApiScopeClients {
  apiGateway: APIGatewayClient;
  apiGatewayV2: ApiGatewayV2Client;
  lambda: LambdaClient;
}

export interface ApiScopeOptions {
  /** For messages ("No API named x in eu-west-1"); the clients' region. */
  region?: string;
  /** Functions read at once (default 4). */
  functionConcurrency?: number;
}

/** The normalised pieces of BundleContext that scope resolution yields. */
export interface ScopeContext {
  stage?: StageInfo;
  api?: ApiExportInfo;
  deployments: DeploymentInfo[];
  functions: FunctionInfo[];
}

export interface ApiScope {
  apiId: string;
  apiName?: string;
  apiType: 'REST' | 'HTTP';
  stage: string;
  /** From the access log or function ARNs, else the clients' region. */
  region?: string;
  accountId?: string;
  /** "aws", "aws-cn", "aws-us-gov" — for console links. */
  partition?: string;
  /** The access log's CloudWatch Logs group, when the stage writes one there. */
  accessLogGroup?: string;
  accessLogFormat?: string;
  /** REST only: API-Gateway-Execution-Logs_{apiId}/{stage} (written only when execution logging is on). */
  executionLogGroup?: string;
  /** "OFF", "ERROR", "INFO"; undefined when the stage could not be read. */
  executionLoggingLevel?: string;
  tracingEnabled: boolean;
  stageVariables: Record<string, string>;
  /** The Lambda functions behind routes and authorizers, with their log groups. */
  functions: ScopedFunction[];
  context: ScopeContext;
  /** Raw documents by bundle path: api/stage.json, api/deployments.json, api/export.json, functions/<name>.json. */
  documents: Record<string, unknown>;
  gaps: string[];
}

/**
 * Scope of a live diagnosis: which API (by id or name, REST or HTTP), its stage's logging and tracing, its
 * deployments and integrations, and the Lambda functions behind them with their log groups. Throws
 * ApiNotFoundError / AmbiguousApiError / ApiAccessDeniedError / AwsCredentialsError (usage errors, exit 2);
 * everything else that fails becomes a gap.
 */
export async function resolveApiScope(clients: ApiScopeClients, request: ApiScopeRequest, options: ApiScopeOptions = {}): Promise<ApiScope> {
  const api = await findApi(clients, {
    api: request.api,
    ...(request.apiType !== undefined ? { apiType: request.apiType } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
  });
  const raw = await readApiDocuments(clients, api, request.stage);
  const gaps = [...raw.gaps];
  const documents: Record<string, unknown> = {};
  const context: ScopeContext = { deployments: [], functions: [] };

  if (raw.stage !== undefined) {
    documents['api/stage.json'] = raw.stage;
    const stage = parseStage(raw.stage, 'api/stage.json');
    if (isParseProblem(stage)) gaps.push(stage.problem);
    else context.stage = stage;
  }
  if (raw.deployments !== undefined) {
    documents['api/deployments.json'] = raw.deployments;
    const deployments = parseDeployments(raw.deployments, 'api/deployments.json');
    if (isParseProblem(deployments)) gaps.push(deployments.problem);
    else context.deployments = deployments;
  }
  if (raw.export !== undefined) {
    documents['api/export.json'] = raw.export;
    const exported = parseApiExport(raw.export, 'api/export.json');
    if (isParseProblem(exported)) gaps.push(exported.problem);
    else context.api = exported;
  }

  const stageVariables = context.stage?.variables ?? {};
  const targets = context.api ? functionTargetsOf(context.api, stageVariables, request.stage) : { targets: [], gaps: [] };
  gaps.push(...targets.gaps);
  const functions = await readFunctions(clients.lambda, targets.targets, options.functionConcurrency);
  gaps.push(...functions.gaps);
  Object.assign(documents, functions.documents);
  context.functions = functions.infos;

  const scope: ApiScope = {
    apiId: api.id,
    apiType: api.type,
    stage: request.stage,
    tracingEnabled: context.stage?.tracingEnabled === true,
    stageVariables,
    functions: functions.functions,
    context,
    documents,
    gaps,
  };
  if (api.name !== undefined) scope.apiName = api.name;
  if (api.type === 'REST') scope.executionLogGroup = executionLogGroupOf(api.id, request.stage);
  if (context.stage?.executionLoggingLevel !== undefined) scope.executionLoggingLevel = context.stage.executionLoggingLevel;
  if (context.stage?.accessLogFormat !== undefined) scope.accessLogFormat = context.stage.accessLogFormat;
  const destination = context.stage?.accessLogDestinationArn;
  if (destination !== undefined) {
    const where = logDestinationOf(destination);
    if (where.kind === 'log-group') {
      scope.accessLogGroup = where.logGroup;
      learnLocation(scope, where.partition, where.region, where.accountId);
    } else if (where.kind === 'firehose') {
      gaps.push(`Access logs of stage ${request.stage} go to Kinesis Data Firehose (${where.stream}), which Logs Insights cannot read; failing requests are counted from execution logs or metrics`);
    } else {
      gaps.push(`Access log destination ${where.arn} is not a CloudWatch Logs group; the access log was not read`);
    }
  }
  for (const fn of functions.functions) {
    const arn = /^arn:([\w-]+):lambda:([^:]+):(\d{12}):/.exec(fn.arn ?? '');
    if (arn) learnLocation(scope, arn[1] ?? '', arn[2] ?? '', arn[3] ?? '');
  }
  if (scope.region === undefined && options.region !== undefined) scope.region = options.region;
  return scope;
}

function learnLocation(scope: ApiScope, partition: string, region: string, accountId: string): void {
  if (scope.partition === undefined && partition !== '') scope.partition = partition;
  if (scope.region === undefined && region !== '') scope.region = region;
  if (scope.accountId === undefined && /^\d{12}$/.test(accountId)) scope.accountId = accountId;
}
