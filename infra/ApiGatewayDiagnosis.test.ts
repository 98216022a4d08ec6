import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import aslValidator from 'asl-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type DiagnosisConfig } from './config.ts';
import { FUNCTION_SPECS } from './diagnosisFunctions.ts';
import { registerNag, STACK_NAME } from './diagnosisStack.ts';
import { RETRY, TASK_TIMEOUT_SECONDS, TRANSIENT_ERRORS } from './diagnosisWorkflow.ts';
import { acknowledgeIamWildcards } from './iamWildcardAcknowledgements.ts';
import { stateMachineFromTemplate, type TemplateStateMachine } from './stateMachineFromTemplate.ts';
import { synthDiagnosisTemplate } from './synthDiagnosisTemplate.ts';

/**
 * The stack as `cdk synth` builds it (bundling skipped: the assets do not matter here; bundling.smoke.test.ts
 * bundles), for the example config and for a variant (an existing alarm, an existing topic, no functions listed).
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, '.cdk-test-out', `stack-${process.pid}`);
/** Empty handlers: NodejsFunction wants its entries to exist even when it does not bundle them. */
const STUB_FUNCTIONS = path.join(OUT, 'functions');

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
type PolicyStatementJson = { Sid?: string; Effect: string; Action: string | string[]; Resource: unknown };

function config(json: unknown): DiagnosisConfig {
  const parsed = parseConfig(json);
  if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
  return parsed.config;
}

const exampleConfig = config(JSON.parse(readFileSync(path.join(import.meta.dirname, 'config.example.json'), 'utf8')));
const variantConfig = config({
  apis: [
    { type: 'REST', apiId: 'r3st4p1id0', name: 'legacy-api', stage: 'live', existingAlarmName: 'legacy-api 5xx (team alarm)' },
    { type: 'HTTP', apiId: 'h77pap1id0', stage: 'v2' },
  ],
  mapConcurrency: 7,
  topic: { arn: 'arn:aws:sns:us-east-1:123456789012:ops-alerts', kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
});

let example: { template: Template; json: Record<string, unknown>; outdir: string };
let variant: { template: Template; json: Record<string, unknown>; outdir: string };
let machine: TemplateStateMachine;

function synth(name: string, c: DiagnosisConfig): { template: Template; json: Record<string, unknown>; outdir: string } {
  const outdir = path.join(OUT, name);
  const json = synthDiagnosisTemplate(c, { outdir, functionsDir: STUB_FUNCTIONS });
  return { template: Template.fromJSON(json), json, outdir };
}

beforeAll(() => {
  for (const spec of FUNCTION_SPECS) {
    mkdirSync(path.join(STUB_FUNCTIONS, spec.step), { recursive: true });
    writeFileSync(path.join(STUB_FUNCTIONS, spec.step, 'handler.ts'), 'export const handler = async () => ({});\n');
  }
  example = synth('example', exampleConfig);
  variant = synth('variant', variantConfig);
  machine = stateMachineFromTemplate(example.json);
  // The first synth loads most of aws-cdk-lib (seconds on a busy machine); later ones take a few hundred ms.
}, 180_000);

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

function resources(json: Record<string, unknown>, type: string): Array<[string, Resource]> {
  return Object.entries(json['Resources'] as Record<string, Resource>).filter(([, r]) => r.Type === type);
}

/** The logical id of the function serving a step (by its STEP variable). */
function functionId(json: Record<string, unknown>, step: string): string {
  const found = resources(json, 'AWS::Lambda::Function').find(([, r]) => (r.Properties['Environment'] as { Variables: Record<string, string> }).Variables['STEP'] === step);
  if (!found) throw new Error(`no function for ${step}`);
  return found[0];
}

/** Every statement of the policies attached to a function's role. */
function roleStatements(json: Record<string, unknown>, step: string): PolicyStatementJson[] {
  const fn = resources(json, 'AWS::Lambda::Function').find(([id]) => id === functionId(json, step))?.[1];
  const roleId = (fn?.Properties['Role'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return resources(json, 'AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties['Roles'] as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => (p.Properties['PolicyDocument'] as { Statement: PolicyStatementJson[] }).Statement);
}

const actionsOf = (s: PolicyStatementJson): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: PolicyStatementJson): unknown[] => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
const bySid = (statements: PolicyStatementJson[], sid: string): PolicyStatementJson | undefined => statements.find((s) => s.Sid === sid);

/** A resource string as the template writes it (Fn::Join of text and pseudo parameters), flattened. */
function flat(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if (Array.isArray(node['Fn::Join'])) return ((node['Fn::Join'] as [string, unknown[]])[1]).map(flat).join('');
  if (typeof node['Ref'] === 'string') return `<${node['Ref']}>`;
  if (Array.isArray(node['Fn::GetAtt'])) return `<${(node['Fn::GetAtt'] as string[]).join('.')}>`;
  return JSON.stringify(value);
}

type State = Record<string, unknown> & { Type: string; Retry?: Array<Record<string, unknown>>; Catch?: Array<Record<string, unknown>> };

function allStates(states: Record<string, State>): Record<string, State> {
  const out: Record<string, State> = {};
  for (const [name, state] of Object.entries(states)) {
    out[name] = state;
    const processor = state['ItemProcessor'] as { States: Record<string, State> } | undefined;
    if (processor) Object.assign(out, allStates(processor.States));
    for (const branch of (state['Branches'] as Array<{ States: Record<string, State> }> | undefined) ?? []) Object.assign(out, allStates(branch.States));
  }
  return out;
}

describe('alarms', () => {
  it('REST: the sum of 5XXError by ApiName and Stage over 1-minute periods, missing data not breaching', () => {
    example.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'ApiGatewayDiagnosis-REST-orders-api-prod-5xx',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 5,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
      Metrics: [
        Match.objectLike({
          MetricStat: {
            Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5XXError', Dimensions: [{ Name: 'ApiName', Value: 'orders-api' }, { Name: 'Stage', Value: 'prod' }] },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: true,
        }),
      ],
    });
  });

  it('HTTP with errorRate: metric math over 5xx and Count by ApiId and Stage', () => {
    const dims = [{ Name: 'ApiId', Value: 'k9x8w7v6u5' }, { Name: 'Stage', Value: '$default' }];
    example.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 0.05,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
      TreatMissingData: 'notBreaching',
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(requests >= 20, errors / requests, 0)', ReturnData: true }),
        Match.objectLike({ Id: 'errors', MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5xx', Dimensions: dims }, Period: 60, Stat: 'Sum' }, ReturnData: false }),
        Match.objectLike({ Id: 'requests', MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: dims }, Period: 60, Stat: 'Sum' }, ReturnData: false }),
      ]),
    });
    example.template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
  });

  it('HTTP without errorRate: the sum of 5xx; an existing alarm creates none', () => {
    variant.template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
    variant.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 5,
      Metrics: [Match.objectLike({ MetricStat: Match.objectLike({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5xx', Dimensions: [{ Name: 'ApiId', Value: 'h77pap1id0' }, { Name: 'Stage', Value: 'v2' }] } }) })],
    });
  });
});

describe('EventBridge rules', () => {
  const pattern = { source: ['aws.cloudwatch'], 'detail-type': ['CloudWatch Alarm State Change'] };

  it("match the created alarms' ARNs going to ALARM and start the state machine directly, with a DLQ and retries", () => {
    const alarmIds = resources(example.json, 'AWS::CloudWatch::Alarm').map(([id]) => id);
    const stateMachineId = resources(example.json, 'AWS::StepFunctions::StateMachine')[0]?.[0];
    const queueId = resources(example.json, 'AWS::SQS::Queue')[0]?.[0];
    example.template.resourceCountIs('AWS::Events::Rule', 1);
    example.template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { ...pattern, resources: alarmIds.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })), detail: { state: { value: ['ALARM'] } } },
      Targets: [
        {
          Id: Match.anyValue(),
          Arn: { Ref: stateMachineId },
          RoleArn: Match.anyValue(),
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
          // No Input/InputPath/InputTransformer: the alarm event itself is the execution's input.
        },
      ],
    });
    example.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it("match an existing alarm by detail.alarmName", () => {
    variant.template.resourceCountIs('AWS::Events::Rule', 2);
    variant.template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { ...pattern, detail: { alarmName: ['legacy-api 5xx (team alarm)'], state: { value: ['ALARM'] } } },
      Targets: [Match.objectLike({ DeadLetterConfig: Match.anyValue(), RetryPolicy: Match.anyValue() })],
    });
  });
});

describe('state machine', () => {
  const states = (): Record<string, State> => allStates(machine.definition['States'] as Record<string, State>);

  it('is STANDARD, traced, logs ALL to a log group with retention, times out after 15 minutes', () => {
    example.template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true, Destinations: [Match.anyValue()] },
    });
    example.template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^/aws/vendedlogs/states/ApiGatewayDiagnosis'), RetentionInDays: 30 });
    expect(machine.definition['TimeoutSeconds']).toBe(900);
    expect(machine.definition['StartAt']).toBe('ClaimIncident');
  });

  it('names every state of the design, binds each Task to its function', () => {
    expect(Object.keys(states()).sort()).toEqual(
      ['ClaimIncident', 'IsNewIncident', 'Suppressed', 'ResolveScope', 'FindFailingRequests', 'NoFailingRequests', 'GatherEvidence', 'ForEachSampleBatch', 'GatherRequestEvidence', 'RequestEvidenceFailed', 'GatherContext', 'ContextFailed', 'Classify', 'DiagnosisFailed', 'Notify', 'Done'].sort(),
    );
    expect(machine.functions).toEqual({
      ClaimIncident: 'claim-incident',
      ResolveScope: 'resolve-scope',
      FindFailingRequests: 'find-failing-requests',
      GatherRequestEvidence: 'gather-request-evidence',
      GatherContext: 'gather-context',
      Classify: 'classify',
      Notify: 'notify',
    });
    expect(machine.optimized.sort()).toEqual(['ClaimIncident', 'GatherContext', 'GatherRequestEvidence']);
  });

  it('every Task: its timeout, one retrier with full jitter on transient errors (never States.Timeout), under the Lambda timeout', () => {
    for (const [name, timeout] of Object.entries(TASK_TIMEOUT_SECONDS)) {
      const state = states()[name];
      expect(state?.Type).toBe('Task');
      expect(state?.['TimeoutSeconds']).toBe(timeout);
      expect(state?.Retry).toEqual([
        { ErrorEquals: [...TRANSIENT_ERRORS], IntervalSeconds: RETRY.intervalSeconds, BackoffRate: RETRY.backoffRate, MaxAttempts: RETRY.maxAttempts, MaxDelaySeconds: RETRY.maxDelaySeconds, JitterStrategy: 'FULL' },
      ]);
      const fn = resources(example.json, 'AWS::Lambda::Function').find(([id]) => id === functionId(example.json, machine.functions[name] ?? ''))?.[1];
      expect(fn?.Properties['Timeout'] as number).toBeLessThan(timeout);
    }
    expect(JSON.stringify(machine.definition)).not.toContain('States.Timeout');
  });

  it('the paths between states and the Catches that degrade instead of failing', () => {
    const s = states();
    expect(s['ClaimIncident']).toMatchObject({ Parameters: { Payload: { 'event.$': '$', 'executionName.$': '$$.Execution.Name' } }, ResultSelector: { 'incident.$': '$.Payload' }, Next: 'IsNewIncident' });
    // The state becomes {incident}: no ResultPath is "$" (aws-local-stepfunctions would write an explicit "$" to a key named "$").
    expect(s['ClaimIncident']?.['ResultPath']).toBeUndefined();
    expect(s['ClaimIncident']?.Catch).toBeUndefined();
    expect(s['IsNewIncident']).toMatchObject({ Choices: [{ Variable: '$.incident.proceed', BooleanEquals: false, Next: 'Suppressed' }], Default: 'ResolveScope' });
    expect(s['ResolveScope']).toMatchObject({ Parameters: { 'incident.$': '$.incident' }, ResultPath: '$.scope', Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failures.scope', Next: 'Classify' }] });
    expect(s['FindFailingRequests']).toMatchObject({ ResultPath: '$.failing', Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failures.failing', Next: 'NoFailingRequests' }], Next: 'GatherEvidence' });
    expect(s['NoFailingRequests']).toMatchObject({ Type: 'Pass', Result: { total: 0, batches: [] }, ResultPath: '$.failing', Next: 'GatherEvidence' });
    expect(s['GatherEvidence']).toMatchObject({ Type: 'Parallel', ResultPath: '$.gathered', Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failures.gather', Next: 'Classify' }], Next: 'Classify' });
    expect(s['ForEachSampleBatch']).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.failing.batches',
      MaxConcurrency: 4,
      ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' } },
      ItemSelector: { 'incident.$': '$.incident', 'scope.$': '$.scope', 'failing.$': '$.failing', 'batch.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
    });
    expect(s['GatherRequestEvidence']).toMatchObject({ ResultSelector: { 'ref.$': '$.Payload.ref' }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'RequestEvidenceFailed' }] });
    expect(s['RequestEvidenceFailed']).toMatchObject({ Type: 'Pass', Parameters: { 'failed.$': '$' } });
    expect(s['GatherContext']).toMatchObject({ Parameters: { Payload: { 'incident.$': '$.incident', 'scope.$': '$.scope' } }, ResultSelector: { 'ref.$': '$.Payload.ref' }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'ContextFailed' }] });
    expect(s['ContextFailed']).toMatchObject({ Type: 'Pass', Parameters: { 'failed.$': '$' } });
    expect(s['Classify']).toMatchObject({ ResultPath: '$.diagnosis', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'DiagnosisFailed' }], Next: 'Notify' });
    expect(s['Classify']?.['Parameters']).toBeUndefined();
    expect(s['DiagnosisFailed']).toMatchObject({ Type: 'Fail', Error: 'DiagnosisFailed' });
    expect(s['Notify']).toMatchObject({ Parameters: { 'incident.$': '$.incident', 'diagnosis.$': '$.diagnosis' }, ResultPath: '$.notified', Next: 'Done' });
    expect(s['Done']).toMatchObject({ Type: 'Succeed', OutputPath: '$.diagnosis' });
  });

  it('is valid ASL in JSONPath (no JSONata, no variables) with the configured Map concurrency', () => {
    const result = aslValidator(machine.definition);
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
    const text = JSON.stringify(machine.definition);
    expect(text).not.toMatch(/JSONata|"Assign"|"Arguments"|\{%/);
    expect(JSON.stringify(stateMachineFromTemplate(variant.json).definition)).toContain('"MaxConcurrency":7');
  });
});

describe('manual API', () => {
  it('every method is IAM-authorised; POST /diagnoses and GET /diagnoses/{id} are Lambda proxies', () => {
    const methods = resources(example.json, 'AWS::ApiGateway::Method');
    expect(methods.length).toBe(2);
    for (const [, m] of methods) expect(m.Properties['AuthorizationType']).toBe('AWS_IAM');
    const apiResources = Object.fromEntries(resources(example.json, 'AWS::ApiGateway::Resource').map(([id, r]) => [id, r.Properties['PathPart']]));
    const routes = methods.map(([, m]) => {
      const resourceId = (m.Properties['ResourceId'] as { Ref: string }).Ref;
      const integration = m.Properties['Integration'] as { Type: string; Uri: unknown };
      return `${String(m.Properties['HttpMethod'])} ${String(apiResources[resourceId])} ${integration.Type} ${flat(integration.Uri).includes(`<${functionId(example.json, m.Properties['HttpMethod'] === 'POST' ? 'start-diagnosis' : 'get-diagnosis')}.Arn>`)}`;
    });
    expect(routes.sort()).toEqual(['GET {id} AWS_PROXY true', 'POST diagnoses AWS_PROXY true']);
    example.template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
    example.template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', RequestParameters: { 'method.request.path.id': true }, RequestValidatorId: Match.anyValue() });
    example.template.hasResourceProperties('AWS::ApiGateway::Model', { ContentType: 'application/json', Schema: Match.objectLike({ type: 'object' }) });
    const [, badBody] = resources(example.json, 'AWS::ApiGateway::GatewayResponse')[0] ?? [];
    expect(badBody?.Properties).toMatchObject({ ResponseType: 'BAD_REQUEST_BODY', StatusCode: '400' });
    // Not VTL: only $context.* is substituted, so the template must be JSON once the request id is in.
    const body = (badBody?.Properties['ResponseTemplates'] as Record<string, string>)['application/json'] ?? '';
    expect(JSON.parse(body.replace('$context.requestId', 'c0ffee00-0000-4000-8000-000000000000'))).toMatchObject({ message: expect.stringMatching(/^Invalid request body: send a JSON object such as \{"apiId"/) });
  });

  it('its stage logs access and execution, is traced and throttled', () => {
    example.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      TracingEnabled: true,
      MethodSettings: [Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'ERROR', DataTraceEnabled: false, ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 })],
    });
    example.template.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
    example.template.resourceCountIs('AWS::ApiGateway::Account', 1);
  });
});

describe('functions', () => {
  it('all nine: nodejs24.x on arm64, traced, their own log group with retention, STEP and Powertools in the environment', () => {
    const fns = resources(example.json, 'AWS::Lambda::Function');
    expect(fns.length).toBe(9);
    for (const [, fn] of fns) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, Handler: 'index.handler' });
      expect((fn.Properties['LoggingConfig'] as { LogGroup: unknown }).LogGroup).toEqual({ Ref: expect.any(String) });
    }
    for (const spec of FUNCTION_SPECS) {
      const fn = fns.find(([id]) => id === functionId(example.json, spec.step))?.[1];
      const env = (fn?.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(env).sort()).toEqual(['STEP', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL', ...spec.env].sort());
      expect(env).toMatchObject({ STEP: spec.step, POWERTOOLS_SERVICE_NAME: 'apigw-doctor', POWERTOOLS_LOG_LEVEL: 'INFO' });
      expect(fn?.Properties['MemorySize']).toBe(spec.memoryMB);
    }
    for (const [, group] of resources(example.json, 'AWS::Logs::LogGroup')) expect(group.Properties['RetentionInDays']).toBe(30);
  });

  it('the settings reach the environment', () => {
    const env = (step: string): Record<string, unknown> =>
      (resources(example.json, 'AWS::Lambda::Function').find(([id]) => id === functionId(example.json, step))?.[1].Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
    expect(env('find-failing-requests')).toMatchObject({ SAMPLE_SIZE: '20', BATCH_SIZE: '5', INSIGHTS_BUDGET_BYTES: String(1024 ** 3) });
    expect(env('claim-incident')).toMatchObject({ COOLDOWN_SECONDS: '1800' });
    // By id and by name: REST alarms name the API by its name (ApiName), the manual API by its id.
    expect(JSON.parse(env('claim-incident')['COOLDOWNS'] as string)).toEqual({ 'a1b2c3d4e5/prod': 1800, 'orders-api/prod': 1800, 'k9x8w7v6u5/$default': 1800, 'payments-http/$default': 1800 });
    expect(env('start-diagnosis')).toMatchObject({ MAX_WINDOW_MINUTES: '360', STATE_MACHINE_ARN: { Ref: expect.stringMatching(/StateMachine/) } });
  });
});

describe('IAM per function', () => {
  const documented = new Set(
    (JSON.parse(readFileSync(path.join(ROOT, 'docs', 'iam-policy.json'), 'utf8')) as { Statement: PolicyStatementJson[] }).Statement.flatMap(actionsOf),
  );
  /** Actions on the stack's own resources and the functions' own logging and tracing. */
  const own = /^(?:dynamodb:(?:GetItem|PutItem)|s3:(?:GetObject|PutObject|ListBucket)|sns:Publish|kms:(?:GenerateDataKey|Decrypt)|states:(?:StartExecution|DescribeExecution)|logs:(?:CreateLogStream|PutLogEvents)|xray:(?:PutTraceSegments|PutTelemetryRecords))$/;

  it('no wildcard action; only documented read actions or actions on its own resources', () => {
    for (const json of [example.json, variant.json]) {
      for (const spec of FUNCTION_SPECS) {
        for (const s of roleStatements(json, spec.step)) {
          expect(s.Effect).toBe('Allow');
          for (const action of actionsOf(s)) {
            expect(action).not.toContain('*');
            expect(documented.has(action) || own.test(action), `${spec.step}: ${action}`).toBe(true);
          }
        }
      }
    }
  });

  it('each function gets what its code calls, and nothing else', () => {
    const actions = (step: string): string[] => [...new Set(roleStatements(example.json, step).flatMap(actionsOf))].filter((a) => !/^(?:logs:(?:CreateLogStream|PutLogEvents)|xray:Put)/.test(a)).sort();
    expect(actions('claim-incident')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    expect(actions('resolve-scope')).toEqual(['apigateway:GET', 'lambda:GetFunctionConcurrency', 'lambda:GetFunctionConfiguration', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expect(actions('find-failing-requests')).toEqual(['logs:GetQueryResults', 'logs:StartQuery', 'logs:StopQuery', 's3:GetObject', 's3:ListBucket', 's3:PutObject', 'xray:GetTraceSummaries']);
    expect(actions('gather-request-evidence')).toEqual(['logs:GetQueryResults', 'logs:StartQuery', 'logs:StopQuery', 's3:GetObject', 's3:ListBucket', 's3:PutObject', 'xray:BatchGetTraces', 'xray:GetTraceSegmentDestination', 'xray:GetTraceSummaries']);
    expect(actions('gather-context')).toEqual(['cloudtrail:LookupEvents', 'cloudwatch:GetMetricData', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expect(actions('classify')).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expect(actions('notify')).toEqual(['s3:GetObject', 's3:ListBucket', 'sns:Publish']);
    expect(actions('start-diagnosis')).toEqual(['states:StartExecution']);
    expect(actions('get-diagnosis')).toEqual(['s3:GetObject', 's3:ListBucket', 'states:DescribeExecution']);
  });

  it("logs:StartQuery only on the watched APIs' log groups", () => {
    const groups = resourcesOf(bySid(roleStatements(example.json, 'find-failing-requests'), 'QueryLogsInsights') as PolicyStatementJson).map(flat);
    const arn = (g: string): string => `arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${g}:*`;
    expect(groups.sort()).toEqual(
      ['API-Gateway-Execution-Logs_a1b2c3d4e5/prod', '/aws/apigateway/orders-api-prod-access', '/aws/lambda/orders-create', '/aws/lambda/orders-get', '/aws/vendedlogs/payments-http-access', '/aws/lambda/payments-authorize', 'aws/spans'].map(arn).sort(),
    );
    expect(resourcesOf(bySid(roleStatements(example.json, 'gather-request-evidence'), 'QueryLogsInsights') as PolicyStatementJson).map(flat).sort()).toEqual(groups.sort());
  });

  it("apigateway:GET on the watched APIs; Lambda configuration on the listed functions", () => {
    const apis = resourcesOf(bySid(roleStatements(example.json, 'resolve-scope'), 'ReadApiGatewayConfiguration') as PolicyStatementJson).map(flat);
    const api = (p: string): string => `arn:<AWS::Partition>:apigateway:<AWS::Region>::${p}`;
    expect(apis.sort()).toEqual(['/restapis', '/restapis/a1b2c3d4e5', '/restapis/a1b2c3d4e5/*', '/apis', '/apis/k9x8w7v6u5', '/apis/k9x8w7v6u5/*'].map(api).sort());
    const fns = resourcesOf(bySid(roleStatements(example.json, 'resolve-scope'), 'ReadLambdaConfiguration') as PolicyStatementJson).map(flat);
    const fn = (n: string): string => `arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:${n}`;
    expect(fns.sort()).toEqual(['orders-create', 'orders-create:*', 'orders-get', 'orders-get:*', 'payments-authorize', 'payments-authorize:*'].map(fn).sort());
  });

  it('without listed functions: every function and /aws/lambda/* (the acknowledged fallback)', () => {
    const fns = resourcesOf(bySid(roleStatements(variant.json, 'resolve-scope'), 'ReadLambdaConfiguration') as PolicyStatementJson).map(flat);
    expect(fns).toEqual(['arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:*']);
    const groups = resourcesOf(bySid(roleStatements(variant.json, 'find-failing-requests'), 'QueryLogsInsights') as PolicyStatementJson).map(flat);
    expect(groups).toContain('arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/*');
    expect(groups).toContain('arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:API-Gateway-Execution-Logs_r3st4p1id0/live:*');
  });

  it('the stack resources: table, objects, topic (and its key), state machine executions', () => {
    const statements = (step: string): PolicyStatementJson[] => roleStatements(example.json, step);
    const tableId = resources(example.json, 'AWS::DynamoDB::Table')[0]?.[0];
    const bucketId = resources(example.json, 'AWS::S3::Bucket')[0]?.[0];
    const smId = resources(example.json, 'AWS::StepFunctions::StateMachine')[0]?.[0];
    expect(resourcesOf(bySid(statements('claim-incident'), 'IncidentsTable') as PolicyStatementJson).map(flat)).toEqual([`<${tableId}.Arn>`]);
    expect(resourcesOf(bySid(statements('classify'), 'WriteEvidence') as PolicyStatementJson).map(flat)).toEqual([`<${bucketId}.Arn>/*`]);
    expect(resourcesOf(bySid(statements('notify'), 'PublishDiagnosis') as PolicyStatementJson).map(flat)).toEqual([`<${resources(example.json, 'AWS::SNS::Topic')[0]?.[0]}>`]);
    expect(resourcesOf(bySid(statements('start-diagnosis'), 'StartDiagnosis') as PolicyStatementJson).map(flat)).toEqual([`<${smId}>`]);
    expect(resourcesOf(bySid(statements('get-diagnosis'), 'DescribeDiagnosis') as PolicyStatementJson).map(flat)).toEqual([`arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<${smId}.Name>:*`]);
    const notify = roleStatements(variant.json, 'notify');
    expect(resourcesOf(bySid(notify, 'PublishDiagnosis') as PolicyStatementJson)).toEqual(['arn:aws:sns:us-east-1:123456789012:ops-alerts']);
    expect(actionsOf(bySid(notify, 'EncryptForTopic') as PolicyStatementJson).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(bySid(notify, 'EncryptForTopic')).toMatchObject({ Resource: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' });
  });

  it('no managed policies on the function roles', () => {
    for (const spec of FUNCTION_SPECS) {
      const fn = resources(example.json, 'AWS::Lambda::Function').find(([id]) => id === functionId(example.json, spec.step))?.[1];
      const roleId = (fn?.Properties['Role'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect(resources(example.json, 'AWS::IAM::Role').find(([id]) => id === roleId)?.[1].Properties['ManagedPolicyArns']).toBeUndefined();
    }
  });
});

describe('storage and topic', () => {
  it('the evidence bucket: encrypted, TLS only, no public access, expires evidence, kept on delete', () => {
    example.template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 30, Status: 'Enabled' })] },
      },
    });
    example.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    expect(JSON.stringify(example.json)).not.toContain('Custom::S3AutoDeleteObjects');
  });

  it('the incidents table: pk, TTL on expiresAt, point-in-time recovery, on demand', () => {
    example.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('the topic: created encrypted and TLS-only, or imported', () => {
    example.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    example.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    variant.template.resourceCountIs('AWS::SNS::Topic', 0);
  });

  it('outputs the state machine, the API URL, the topic and the bucket', () => {
    const outputs = Object.keys(example.json['Outputs'] as Record<string, unknown>);
    for (const name of ['StateMachineArn', 'ApiUrl', 'TopicArn', 'EvidenceBucketName']) expect(outputs.some((o) => o.startsWith(`Diagnosis${name}`)), name).toBe(true);
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  interface Report {
    pluginReports: Array<{ pluginName: string; violations: Array<{ ruleName: string }> }>;
  }

  it('reports no unacknowledged finding', () => {
    for (const { outdir } of [example, variant]) {
      const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as Report;
      expect(report.pluginReports.flatMap((p) => p.violations.map((v) => v.ruleName))).toEqual([]);
    }
  });

  it('every acknowledgement has a written reason', () => {
    for (const { outdir } of [example, variant]) {
      const metadata = JSON.parse(readFileSync(path.join(outdir, `${STACK_NAME}.metadata.json`), 'utf8')) as Record<string, Array<{ type: string; data: Record<string, string> }>>;
      const acknowledged = Object.values(metadata)
        .flat()
        .filter((e) => e.type === 'aws:cdk:acknowledged-rules')
        .flatMap((e) => Object.entries(e.data));
      expect(acknowledged.length).toBeGreaterThan(0);
      for (const [id, reason] of acknowledged) {
        expect(id).toMatch(/AwsSolutions-/);
        expect(reason.trim().length, id).toBeGreaterThan(40);
      }
      const ids = new Set(acknowledged.map(([id]) => id.replace(/^Annotation::/, '').replace(/\[.*$/, '')));
      // The findings this stack needs acknowledged, and no others.
      expect([...ids].sort()).toEqual(
        outdir === example.outdir
          ? ['AwsSolutions-APIG3', 'AwsSolutions-COG4', 'AwsSolutions-IAM4', 'AwsSolutions-IAM5', 'AwsSolutions-S1', 'AwsSolutions-SQS3']
          : ['AwsSolutions-APIG3', 'AwsSolutions-COG4', 'AwsSolutions-IAM4', 'AwsSolutions-IAM5', 'AwsSolutions-S1', 'AwsSolutions-SQS3'],
      );
    }
  });

  it('an unexplained wildcard is still reported', () => {
    const app = new App({ outdir: path.join(OUT, 'nag-negative'), context: { 'aws:cdk:bundling-stacks': [] } });
    registerNag(app);
    const stack = new Stack(app, 'Wildcards');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['xray:GetTraceSummaries', 's3:DeleteObject'], resources: ['*'] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:StartQuery'], resources: ['arn:aws:logs:us-east-1:123456789012:log-group:/secret/*'] }));
    acknowledgeIamWildcards(stack, [{ finding: /^arn:aws:logs:.*:log-group:\/known\/.*$/, reason: 'only /known/ groups' }]);
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
    const report = JSON.parse(readFileSync(path.join(OUT, 'nag-negative', 'validation-report.json'), 'utf8')) as Report;
    expect(report.pluginReports.flatMap((p) => p.violations.map((v) => v.ruleName)).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::arn:aws:logs:us-east-1:123456789012:log-group:/secret/*]',
    ]);
  });
});

const hasCfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasCfnLint) console.warn('cfn-lint is not on PATH: the template lint test is skipped (pip install cfn-lint to run it)');

describe('cfn-lint', () => {
  it.skipIf(!hasCfnLint)('finds no error in the synthesized templates', () => {
    const files = [example, variant].map(({ outdir }) => path.join(outdir, `${STACK_NAME}.template.json`));
    let output: string;
    try {
      output = execFileSync('cfn-lint', ['--format', 'json', '--', ...files], { encoding: 'utf8' });
    } catch (error) {
      // cfn-lint exits non-zero when it finds anything (bit 2 errors, 4 warnings, 8 informational).
      output = (error as { stdout?: string }).stdout ?? '';
    }
    const findings = JSON.parse(output || '[]') as Array<{ Level: string; Rule: { Id: string }; Message: string; Filename: string }>;
    expect(findings.filter((f) => f.Level === 'Error').map((f) => `${f.Filename}: ${f.Rule.Id} ${f.Message}`)).toEqual([]);
  }, 120_000);
});
