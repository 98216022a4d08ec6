import { Aws } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { WatchedApi } from './config.ts';

/**
 * What each function may do, as IAM statements: only the actions its code sends (docs/iam-policy.json lists the
 * read-only ones the live adapters in shared/live/ call), on the watched APIs' resources where the service has
 * resource-level permissions. Actions without them are on "*" and say why beside them.
 */

/** One kind of access a function needs. */
export type Access =
  /** dynamodb:PutItem (conditional claims) and GetItem on the incidents table (DynamoDbIncidentLedger). */
  | 'incidents-table'
  /** dynamodb:UpdateItem on the incidents table: alarm-resolved ends an API's cool-down (shortenCooldown). */
  | 'cooldown-end'
  /** s3:GetObject (+ s3:ListBucket, so that a missing key is NoSuchKey rather than AccessDenied). */
  | 'evidence-read'
  | 'evidence-write'
  /** apigateway:GET on the watched APIs (findApi, readApiDocuments, integrationsDocument). */
  | 'api-config'
  /**
   * apigateway:GET on the API lists and the watched APIs themselves, in both families (resolveApi: GetRestApis and
   * GetApis by name, GetRestApi and GetApi by id, in parallel, so an id is looked up in both).
   */
  | 'api-lookup'
  /** secretsmanager:GetSecretValue on the Slack secret (Powertools Parameters; + kms:Decrypt on its key if given). */
  | 'slack-secret'
  /** lambda:GetFunctionConfiguration/GetFunctionConcurrency (readFunctions). */
  | 'function-config'
  /** logs:StartQuery on the watched log groups, GetQueryResults/StopQuery (LogsInsightsRunner). */
  | 'logs-insights'
  /** xray:GetTraceSummaries (fetchTraces, functionTraceSummaries). */
  | 'trace-summaries'
  /** xray:BatchGetTraces, GetTraceSegmentDestination, GetTraceSummaries (fetchTraces). */
  | 'traces'
  /** cloudwatch:GetMetricData (fetchMetrics). */
  | 'metrics'
  /** cloudtrail:LookupEvents (fetchChanges). */
  | 'changes'
  | 'publish'
  | 'start-execution'
  | 'describe-execution';

/** The resources the statements name (tokens are fine: they are resolved in the template). */
export interface PolicyResources {
  apis: readonly WatchedApi[];
  tableArn: string;
  bucketArn: string;
  topicArn: string;
  /** The imported topic's customer managed key, when it has one. */
  topicKeyArn?: string;
  /** The Slack secret (and its customer managed key), when Slack is configured. */
  slackSecretArn?: string;
  slackSecretKeyArn?: string;
  /** The diagnosis state machine (for the manual API's functions, created after it). */
  stateMachineArn?: string;
  stateMachineName?: string;
}

const arn = (service: string, resource: string): string => `arn:${Aws.PARTITION}:${service}:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
/** API Gateway ARNs have no account: arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5. */
const apiGatewayArn = (path: string): string => `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}::${path}`;

/** REST execution logs: API Gateway writes them to this group (HTTP APIs have none). */
export function executionLogGroup(apiId: string, stage: string): string {
  return `API-Gateway-Execution-Logs_${apiId}/${stage}`;
}

/** CloudWatch Transaction Search's spans (read when X-Ray segments go to CloudWatch Logs). */
export const SPANS_LOG_GROUP = 'aws/spans';

/** Whether some watched API lists no functions, so that Lambda access falls back to every function. */
export function unscopedFunctionApis(apis: readonly WatchedApi[]): WatchedApi[] {
  return apis.filter((a) => a.functions === undefined);
}

/** The log groups a diagnosis queries: execution, access, Lambda (or /aws/lambda/* when unlisted), spans. */
export function watchedLogGroups(apis: readonly WatchedApi[]): string[] {
  const groups = new Set<string>();
  for (const api of apis) {
    if (api.type === 'REST') groups.add(executionLogGroup(api.apiId, api.stage));
    if (api.accessLogGroup !== undefined) groups.add(api.accessLogGroup);
    for (const fn of api.functions ?? []) groups.add(`/aws/lambda/${fn}`);
  }
  if (unscopedFunctionApis(apis).length > 0) groups.add('/aws/lambda/*');
  groups.add(SPANS_LOG_GROUP);
  return [...groups];
}

/**
 * StartQuery is authorised on "arn:...:log-group:NAME:log-stream:" (as its AccessDenied messages show), so each
 * group is named with the trailing ":*" that AWS documents for log-group ARNs in IAM policies.
 */
export function logGroupResource(group: string): string {
  return arn('logs', group.endsWith('*') ? `log-group:${group}` : `log-group:${group}:*`);
}

function apiResources(apis: readonly WatchedApi[]): string[] {
  const out = new Set<string>();
  for (const api of apis) {
    const collection = api.type === 'REST' ? '/restapis' : '/apis';
    // The collection itself: a REST alarm names the API by name (ApiName), found with GetRestApis/GetApis.
    out.add(apiGatewayArn(collection));
    out.add(apiGatewayArn(`${collection}/${api.apiId}`));
    // Its stages, deployments, export, resources, routes, integrations and authorizers.
    out.add(apiGatewayArn(`${collection}/${api.apiId}/*`));
  }
  return [...out];
}

/** The lists (a name lookup) and each watched id as REST and as HTTP API; no sub-resources. */
function apiLookupResources(apis: readonly WatchedApi[]): string[] {
  const out = new Set<string>([apiGatewayArn('/restapis'), apiGatewayArn('/apis')]);
  for (const api of apis) {
    out.add(apiGatewayArn(`/restapis/${api.apiId}`));
    out.add(apiGatewayArn(`/apis/${api.apiId}`));
  }
  return [...out];
}

function functionResources(apis: readonly WatchedApi[]): string[] {
  if (unscopedFunctionApis(apis).length > 0) return [arn('lambda', 'function:*')];
  const out = new Set<string>();
  for (const api of apis) {
    for (const fn of api.functions ?? []) {
      out.add(arn('lambda', `function:${fn}`));
      // Integrations may name a version or alias (function:NAME:live): GetFunctionConfiguration with a Qualifier.
      out.add(arn('lambda', `function:${fn}:*`));
    }
  }
  return [...out];
}

function statement(sid: string, actions: string[], resources: string[]): PolicyStatement {
  return new PolicyStatement({ sid, effect: Effect.ALLOW, actions, resources });
}

/** The statements for a set of accesses. */
export function policyStatements(access: readonly Access[], r: PolicyResources): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  const has = (a: Access): boolean => access.includes(a);
  const objects = `${r.bucketArn}/*`;

  // Claims are conditional PutItems; GetItem because a failed one returns the item holding the claim (ALL_OLD).
  if (has('incidents-table')) out.push(statement('IncidentsTable', ['dynamodb:PutItem', 'dynamodb:GetItem'], [r.tableArn]));
  if (has('cooldown-end')) out.push(statement('EndCooldown', ['dynamodb:UpdateItem'], [r.tableArn]));
  if (has('evidence-read')) {
    out.push(statement('ReadEvidence', ['s3:GetObject'], [objects]));
    out.push(statement('ListEvidence', ['s3:ListBucket'], [r.bucketArn]));
  }
  if (has('evidence-write')) out.push(statement('WriteEvidence', ['s3:PutObject'], [objects]));
  if (has('api-config')) out.push(statement('ReadApiGatewayConfiguration', ['apigateway:GET'], apiResources(r.apis)));
  if (has('api-lookup')) out.push(statement('FindApi', ['apigateway:GET'], apiLookupResources(r.apis)));
  if (has('function-config')) out.push(statement('ReadLambdaConfiguration', ['lambda:GetFunctionConfiguration', 'lambda:GetFunctionConcurrency'], functionResources(r.apis)));
  if (has('logs-insights')) {
    out.push(statement('QueryLogsInsights', ['logs:StartQuery'], watchedLogGroups(r.apis).map(logGroupResource)));
    // GetQueryResults and StopQuery take a query id, not a log group: no resource-level permissions.
    out.push(statement('ReadLogsInsightsResults', ['logs:GetQueryResults', 'logs:StopQuery'], ['*']));
  }
  // X-Ray has no resource-level permissions.
  if (has('traces')) out.push(statement('ReadTraces', ['xray:BatchGetTraces', 'xray:GetTraceSummaries', 'xray:GetTraceSegmentDestination'], ['*']));
  else if (has('trace-summaries')) out.push(statement('ReadTraceSummaries', ['xray:GetTraceSummaries'], ['*']));
  // GetMetricData has no resource-level permissions (metrics are not resources).
  if (has('metrics')) out.push(statement('ReadMetrics', ['cloudwatch:GetMetricData'], ['*']));
  // LookupEvents reads the account's event history; it has no resource-level permissions.
  if (has('changes')) out.push(statement('ReadRecentChanges', ['cloudtrail:LookupEvents'], ['*']));
  if (has('publish')) {
    out.push(statement('PublishDiagnosis', ['sns:Publish'], [r.topicArn]));
    if (r.topicKeyArn !== undefined) out.push(statement('EncryptForTopic', ['kms:GenerateDataKey', 'kms:Decrypt'], [r.topicKeyArn]));
  }
  if (has('slack-secret')) {
    if (r.slackSecretArn === undefined) throw new Error('policyStatements: the Slack secret is needed for slack-secret');
    out.push(statement('ReadSlackSecret', ['secretsmanager:GetSecretValue'], [r.slackSecretArn]));
    // Only as Secrets Manager decrypts the secret for GetSecretValue.
    if (r.slackSecretKeyArn !== undefined) {
      out.push(
        new PolicyStatement({
          sid: 'DecryptSlackSecret',
          effect: Effect.ALLOW,
          actions: ['kms:Decrypt'],
          resources: [r.slackSecretKeyArn],
          conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com` } },
        }),
      );
    }
  }
  if (has('start-execution') || has('describe-execution')) {
    if (r.stateMachineArn === undefined || r.stateMachineName === undefined) throw new Error('policyStatements: the state machine is needed for start-execution and describe-execution');
    if (has('start-execution')) out.push(statement('StartDiagnosis', ['states:StartExecution'], [r.stateMachineArn]));
    // Executions are named by diagnosis id: arn:aws:states:REGION:ACCOUNT:execution:MACHINE:ID.
    if (has('describe-execution')) out.push(statement('DescribeDiagnosis', ['states:DescribeExecution'], [arn('states', `execution:${r.stateMachineName}:*`)]));
  }
  return out;
}
