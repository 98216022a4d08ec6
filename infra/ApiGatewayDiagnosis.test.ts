import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import aslValidator from 'asl-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type DiagnosisConfig } from './config.ts';
import { deployedSpecs, envOf, FUNCTION_SPECS } from './diagnosisFunctions.ts';
import { registerNag, STACK_NAME } from './diagnosisStack.ts';
import { RETRY, TASK_TIMEOUT_SECONDS, TRANSIENT_ERRORS } from './diagnosisWorkflow.ts';
import { acknowledgeIamWildcards } from './iamWildcardAcknowledgements.ts';
import { stateMachineFromTemplate, type TemplateStateMachine } from './stateMachineFromTemplate.ts';
import { synthDiagnosisTemplate } from './synthDiagnosisTemplate.ts';

/**
 * The stack as `cdk synth` builds it (bundling skipped: the assets do not matter here; bundling.smoke.test.ts
 * bundles), for the example config (with Slack, the secret created), a variant (an existing alarm, an existing
 * topic, no functions listed, no Slack) and the variant with Slack on an existing secret (`imported`).
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
const variantJson = {
  apis: [
    { type: 'REST', apiId: 'r3st4p1id0', name: 'legacy-api', stage: 'live', existingAlarmName: 'legacy-api 5xx (team alarm)' },
    { type: 'HTTP', apiId: 'h77pap1id0', stage: 'v2' },
  ],
  mapConcurrency: 7,
  topic: { arn: 'arn:aws:sns:us-east-1:123456789012:ops-alerts', kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
};
const variantConfig = config(variantJson);
const SLACK_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:ops/slack-app-Xy12Ab';
const SLACK_SECRET_KEY = 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const importedConfig = config({
  ...variantJson,
  slack: { secretArn: SLACK_SECRET_ARN, secretKmsKeyArn: SLACK_SECRET_KEY, channel: 'C0ALERTS01', allowedUsers: ['*'], allowedChannels: ['C0ALERTS01'] },
  amazonQ: false,
});

type Synthesized = { template: Template; json: Record<string, unknown>; outdir: string };
let example: Synthesized;
let variant: Synthesized;
let imported: Synthesized;
let machine: TemplateStateMachine;

function synth(name: string, c: DiagnosisConfig): Synthesized {
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
  imported = synth('imported', importedConfig);
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
    // With Slack, a second rule sends the returns to OK to alarm-resolved (below).
    example.template.resourceCountIs('AWS::Events::Rule', 2);
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

  it('is STANDARD, traced, logs ALL events (without their data) to a log group with retention, times out after 1 hour', () => {
    example.template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: [Match.anyValue()] },
    });
    example.template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^/aws/vendedlogs/states/ApiGatewayDiagnosis'), RetentionInDays: 30 });
    expect(machine.definition['TimeoutSeconds']).toBe(3600);
    // Longer than the longest path's task timeouts, with a second wave of the Map: Classify and Notify always run.
    const task = (name: string) => Number((states()[name] as { TimeoutSeconds?: number }).TimeoutSeconds);
    const longest = ['ClaimIncident', 'ResolveScope', 'FindFailingRequests', 'Classify', 'Notify'].reduce((n, s) => n + task(s), 0) + 2 * Math.max(task('GatherRequestEvidence'), task('GatherContext'));
    expect(longest).toBeLessThan(3600);
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
    // A failed notification does not turn a stored diagnosis into a failed execution.
    expect(s['Notify']).toMatchObject({ ResultPath: '$.notified', Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.notifyFailed', Next: 'Done' }], Next: 'Done' });
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
    const manualApiId = resources(example.json, 'AWS::ApiGateway::RestApi').find(([, r]) => String(r.Properties['Name']).endsWith('-diagnoses'))?.[0];
    const methods = resources(example.json, 'AWS::ApiGateway::Method').filter(([, m]) => (m.Properties['RestApiId'] as { Ref: string }).Ref === manualApiId);
    expect(methods.length).toBe(2);
    for (const [, m] of methods) expect(m.Properties['AuthorizationType']).toBe('AWS_IAM');
    const apiResources = Object.fromEntries(resources(example.json, 'AWS::ApiGateway::Resource').map(([id, r]) => [id, r.Properties['PathPart']]));
    const routes = methods.map(([, m]) => {
      const resourceId = (m.Properties['ResourceId'] as { Ref: string }).Ref;
      const integration = m.Properties['Integration'] as { Type: string; Uri: unknown };
      return `${String(m.Properties['HttpMethod'])} ${String(apiResources[resourceId])} ${integration.Type} ${flat(integration.Uri).includes(`<${functionId(example.json, m.Properties['HttpMethod'] === 'POST' ? 'start-diagnosis' : 'get-diagnosis')}.Arn>`)}`;
    });
    expect(routes.sort()).toEqual(['GET {id} AWS_PROXY true', 'POST diagnoses AWS_PROXY true']);
    example.template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { RestApiId: { Ref: manualApiId }, ValidateRequestBody: true, ValidateRequestParameters: true });
    example.template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', RequestParameters: { 'method.request.path.id': true }, RequestValidatorId: Match.anyValue() });
    example.template.hasResourceProperties('AWS::ApiGateway::Model', { ContentType: 'application/json', Schema: Match.objectLike({ type: 'object' }) });
    expect(resources(example.json, 'AWS::ApiGateway::GatewayResponse')).toHaveLength(1);
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
  it('all twelve with Slack (nine without): nodejs24.x on arm64, traced, their own log group with retention, STEP and Powertools in the environment', () => {
    const fns = resources(example.json, 'AWS::Lambda::Function');
    expect(fns.length).toBe(12);
    expect(resources(variant.json, 'AWS::Lambda::Function').length).toBe(9);
    expect(deployedSpecs(false).map((s) => s.step)).not.toContain('alarm-resolved');
    for (const [, fn] of fns) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, Handler: 'index.handler' });
      expect((fn.Properties['LoggingConfig'] as { LogGroup: unknown }).LogGroup).toEqual({ Ref: expect.any(String) });
    }
    for (const spec of FUNCTION_SPECS) {
      const fn = fns.find(([id]) => id === functionId(example.json, spec.step))?.[1];
      const env = (fn?.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(env).sort()).toEqual(['STEP', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL', ...envOf(spec, true)].sort());
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
    // The manual API refuses what the deployment does not watch.
    expect(JSON.parse(env('start-diagnosis')['WATCHED_APIS'] as string)).toContainEqual({ type: 'REST', apiId: 'a1b2c3d4e5', name: 'orders-api', stage: 'prod' });
  });
});

describe('IAM per function', () => {
  const documented = new Set(
    (JSON.parse(readFileSync(path.join(ROOT, 'docs', 'iam-policy.json'), 'utf8')) as { Statement: PolicyStatementJson[] }).Statement.flatMap(actionsOf),
  );
  /** Actions on the stack's own resources and the functions' own logging and tracing. */
  const own = /^(?:dynamodb:(?:GetItem|PutItem|UpdateItem)|s3:(?:GetObject|PutObject|ListBucket)|sns:Publish|kms:(?:GenerateDataKey|Decrypt)|states:(?:StartExecution|DescribeExecution)|secretsmanager:GetSecretValue|logs:(?:CreateLogStream|PutLogEvents)|xray:(?:PutTraceSegments|PutTelemetryRecords))$/;

  it('no wildcard action; only documented read actions or actions on its own resources', () => {
    for (const [json, withSlack] of [[example.json, true], [variant.json, false], [imported.json, true]] as const) {
      for (const spec of deployedSpecs(withSlack)) {
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
    expect(actions('resolve-scope')).toEqual(['apigateway:GET', 'lambda:GetFunctionConcurrency', 'lambda:GetFunctionConfiguration', 's3:PutObject']);
    expect(actions('find-failing-requests')).toEqual(['logs:GetQueryResults', 'logs:StartQuery', 'logs:StopQuery', 's3:GetObject', 's3:ListBucket', 's3:PutObject', 'xray:GetTraceSummaries']);
    expect(actions('gather-request-evidence')).toEqual(['logs:GetQueryResults', 'logs:StartQuery', 'logs:StopQuery', 's3:GetObject', 's3:ListBucket', 's3:PutObject', 'xray:BatchGetTraces', 'xray:GetTraceSegmentDestination', 'xray:GetTraceSummaries']);
    expect(actions('gather-context')).toEqual(['cloudtrail:LookupEvents', 'cloudwatch:GetMetricData', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expect(actions('classify')).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expect(actions('start-diagnosis')).toEqual(['states:StartExecution']);
    expect(actions('get-diagnosis')).toEqual(['s3:GetObject', 's3:ListBucket', 'states:DescribeExecution']);
    // With Slack, Notify also keeps the incident's thread and reads the Slack secret; without, it publishes only.
    expect(actions('notify')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 's3:GetObject', 's3:ListBucket', 'secretsmanager:GetSecretValue', 'sns:Publish']);
    expect([...new Set(roleStatements(variant.json, 'notify').flatMap(actionsOf))].filter((a) => !/^(?:logs:|xray:Put)/.test(a)).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey', 's3:GetObject', 's3:ListBucket', 'sns:Publish']);
    expect(actions('slack-command')).toEqual(['apigateway:GET', 'secretsmanager:GetSecretValue', 'states:StartExecution']);
    expect(actions('slack-interactivity')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 's3:GetObject', 's3:ListBucket', 'secretsmanager:GetSecretValue', 'states:StartExecution']);
    expect(actions('alarm-resolved')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'secretsmanager:GetSecretValue']);
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
    for (const spec of deployedSpecs(true)) {
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
    for (const name of ['StateMachineArn', 'ApiUrl', 'TopicArn', 'EvidenceBucketName', 'SlackCommandUrl', 'SlackInteractivityUrl', 'SlackSecretToFill']) expect(outputs.some((o) => o.startsWith(`Diagnosis${name}`)), name).toBe(true);
    const slackOutputs = (json: Record<string, unknown>): string[] => Object.keys(json['Outputs'] as Record<string, unknown>).filter((o) => o.includes('Slack'));
    expect(slackOutputs(variant.json)).toEqual([]);
    // An existing secret is already filled: no output asks for it.
    expect(slackOutputs(imported.json).some((o) => o.startsWith('DiagnosisSlackSecretToFill'))).toBe(false);
    expect(slackOutputs(imported.json).some((o) => o.startsWith('DiagnosisSlackCommandUrl'))).toBe(true);
  });
});

describe('Slack', () => {
  const env = (json: Record<string, unknown>, step: string): Record<string, unknown> =>
    (resources(json, 'AWS::Lambda::Function').find(([id]) => id === functionId(json, step))?.[1].Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
  const ref = (json: Record<string, unknown>, type: string): { Ref: string } => ({ Ref: resources(json, type)[0]?.[0] ?? `no ${type}` });
  const slackApiId = (json: Record<string, unknown>): string | undefined => resources(json, 'AWS::ApiGateway::RestApi').find(([, r]) => String(r.Properties['Name']).endsWith('-slack'))?.[0];

  it('the secret: created empty as apigw-doctor/slack with an output saying to fill it, or the existing one by ARN', () => {
    example.template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    example.template.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'apigw-doctor/slack', SecretString: '{}', Description: Match.stringLikeRegexp('signingSecret') });
    const secret = ref(example.json, 'AWS::SecretsManager::Secret');
    const fill = Object.entries(example.json['Outputs'] as Record<string, { Value: unknown; Description: string }>).find(([id]) => id.startsWith('DiagnosisSlackSecretToFill'))?.[1];
    expect(fill).toMatchObject({ Value: secret, Description: expect.stringMatching(/^Fill this secret \(apigw-doctor\/slack\) with \{"signingSecret"/) });
    for (const step of ['notify', 'slack-command', 'slack-interactivity', 'alarm-resolved']) {
      expect(env(example.json, step)['SLACK_SECRET_ARN'], step).toEqual(secret);
      expect(resourcesOf(bySid(roleStatements(example.json, step), 'ReadSlackSecret') as PolicyStatementJson), step).toEqual([secret]);
      expect(env(imported.json, step)['SLACK_SECRET_ARN'], step).toBe(SLACK_SECRET_ARN);
      expect(bySid(roleStatements(imported.json, step), 'ReadSlackSecret'), step).toMatchObject({ Action: 'secretsmanager:GetSecretValue', Resource: SLACK_SECRET_ARN });
      // The secret's customer managed key, only as Secrets Manager uses it.
      expect(bySid(roleStatements(imported.json, step), 'DecryptSlackSecret'), step).toMatchObject({
        Action: 'kms:Decrypt',
        Resource: SLACK_SECRET_KEY,
        Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } },
      });
    }
    imported.template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    variant.template.resourceCountIs('AWS::SecretsManager::Secret', 0);
  });

  it("the Slack functions' environment, and Notify's with and without Slack", () => {
    const table = ref(example.json, 'AWS::DynamoDB::Table');
    const bucket = ref(example.json, 'AWS::S3::Bucket');
    const machine = ref(example.json, 'AWS::StepFunctions::StateMachine');
    const allow = { SLACK_ALLOWED_USERS: '["U024BE7LH","W012A3CDE"]', SLACK_ALLOWED_CHANNELS: '["C024BE91L"]', SLACK_ALLOWED_TEAMS: '["T024BE7LD"]' };
    const redact = JSON.stringify(['\\bORD-\\d{8}\\b', '/customer-[a-z0-9]{12}/i']);
    expect(env(example.json, 'slack-command')).toMatchObject({ ...allow, STATE_MACHINE_ARN: machine, SLACK_DEFAULT_STAGES: '{"orders-api":"prod","payments-http":"$default"}', MAX_WINDOW_MINUTES: '360' });
    expect(env(example.json, 'slack-interactivity')).toMatchObject({ ...allow, STATE_MACHINE_ARN: machine, MAX_WINDOW_MINUTES: '360', INCIDENTS_TABLE: table, EVIDENCE_BUCKET: bucket, REDACT_PATTERNS: redact });
    expect(env(example.json, 'alarm-resolved')).toMatchObject({ SLACK_CHANNEL: 'C024BE91L', INCIDENTS_TABLE: table });
    expect(env(example.json, 'notify')).toMatchObject({ SNS_HTTPS_FORMAT: 'amazon-q', REDACT_PATTERNS: redact, SLACK_CHANNEL: 'C024BE91L', INCIDENTS_TABLE: table, COOLDOWN_SECONDS: '1800' });
    expect(JSON.parse(env(example.json, 'notify')['COOLDOWNS'] as string)).toMatchObject({ 'orders-api/prod': 1800, 'k9x8w7v6u5/$default': 1800 });
    // Without Slack: the SNS format and the patterns only.
    expect(Object.keys(env(variant.json, 'notify')).sort()).toEqual(['EVIDENCE_BUCKET', 'POWERTOOLS_LOG_LEVEL', 'POWERTOOLS_SERVICE_NAME', 'REDACT_PATTERNS', 'SNS_HTTPS_FORMAT', 'STEP', 'TOPIC_ARN']);
    expect(env(variant.json, 'notify')).toMatchObject({ SNS_HTTPS_FORMAT: 'amazon-q', REDACT_PATTERNS: '[]' });
    expect(env(imported.json, 'notify')).toMatchObject({ SNS_HTTPS_FORMAT: 'diagnosis', SLACK_CHANNEL: 'C0ALERTS01' });
    // Unset teams means any workspace, unset default stages means the stage must be typed: not written at all.
    expect(env(imported.json, 'slack-command')).toMatchObject({ SLACK_ALLOWED_USERS: '["*"]', SLACK_ALLOWED_CHANNELS: '["C0ALERTS01"]' });
    expect(Object.keys(env(imported.json, 'slack-command'))).not.toContain('SLACK_ALLOWED_TEAMS');
    expect(Object.keys(env(imported.json, 'slack-command'))).not.toContain('SLACK_DEFAULT_STAGES');
  });

  it('slack-command finds APIs by name in the lists and by id among the watched APIs, in both families; no sub-resources', () => {
    const api = (p: string): string => `arn:<AWS::Partition>:apigateway:<AWS::Region>::${p}`;
    expect(resourcesOf(bySid(roleStatements(example.json, 'slack-command'), 'FindApi') as PolicyStatementJson).map(flat).sort()).toEqual(
      ['/restapis', '/apis', '/restapis/a1b2c3d4e5', '/apis/a1b2c3d4e5', '/restapis/k9x8w7v6u5', '/apis/k9x8w7v6u5'].map(api).sort(),
    );
    expect(resourcesOf(bySid(roleStatements(example.json, 'slack-command'), 'StartDiagnosis') as PolicyStatementJson)).toEqual([ref(example.json, 'AWS::StepFunctions::StateMachine')]);
    expect(resourcesOf(bySid(roleStatements(example.json, 'slack-interactivity'), 'IncidentsTable') as PolicyStatementJson).map(flat)).toEqual([`<${resources(example.json, 'AWS::DynamoDB::Table')[0]?.[0]}.Arn>`]);
    expect(resourcesOf(bySid(roleStatements(example.json, 'slack-interactivity'), 'ReadEvidence') as PolicyStatementJson).map(flat)).toEqual([`<${resources(example.json, 'AWS::S3::Bucket')[0]?.[0]}.Arn>/*`]);
  });

  it("the watched alarms' returns from ALARM to OK go to alarm-resolved, with the dead-letter queue and retries", () => {
    const alarmIds = resources(example.json, 'AWS::CloudWatch::Alarm').map(([id]) => id);
    const fnArn = (json: Record<string, unknown>) => ({ 'Fn::GetAtt': [functionId(json, 'alarm-resolved'), 'Arn'] });
    const pattern = { source: ['aws.cloudwatch'], 'detail-type': ['CloudWatch Alarm State Change'] };
    const transition = { state: { value: ['OK'] }, previousState: { value: ['ALARM'] } };
    const target = (json: Record<string, unknown>) => [{ Id: Match.anyValue(), Arn: fnArn(json), DeadLetterConfig: { Arn: { 'Fn::GetAtt': [resources(json, 'AWS::SQS::Queue')[0]?.[0], 'Arn'] } }, RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 } }];
    example.template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { ...pattern, resources: alarmIds.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })), detail: transition },
      Targets: target(example.json),
    });
    example.template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', FunctionName: fnArn(example.json) });
    // An existing alarm by name, beside the created HTTP alarm by ARN; none without Slack.
    imported.template.resourceCountIs('AWS::Events::Rule', 4);
    imported.template.hasResourceProperties('AWS::Events::Rule', { EventPattern: { ...pattern, detail: { alarmName: ['legacy-api 5xx (team alarm)'], ...transition } }, Targets: target(imported.json) });
    const okRules = (json: Record<string, unknown>) => resources(json, 'AWS::Events::Rule').filter(([, r]) => JSON.stringify(r.Properties['EventPattern']).includes('"OK"'));
    expect(okRules(variant.json)).toEqual([]);
    expect(okRules(imported.json)).toHaveLength(2);
  });

  it('the Slack endpoints: POST /slack/commands and /slack/interactivity, Lambda proxies with no authoriser (Slack signs), the signature headers required', () => {
    const apiId = slackApiId(example.json);
    expect(apiId).toBeDefined();
    const paths = Object.fromEntries(resources(example.json, 'AWS::ApiGateway::Resource').map(([id, r]) => [id, r.Properties['PathPart']]));
    const methods = resources(example.json, 'AWS::ApiGateway::Method');
    const slackMethods = methods.filter(([, m]) => (m.Properties['RestApiId'] as { Ref: string }).Ref === apiId);
    const routes = slackMethods.map(([, m]) => {
      const integration = m.Properties['Integration'] as { Type: string; Uri: unknown };
      const step = String(paths[(m.Properties['ResourceId'] as { Ref: string }).Ref]) === 'commands' ? 'slack-command' : 'slack-interactivity';
      return `${String(m.Properties['HttpMethod'])} ${String(paths[(m.Properties['ResourceId'] as { Ref: string }).Ref])} ${String(m.Properties['AuthorizationType'])} ${integration.Type} ${flat(integration.Uri).includes(`<${functionId(example.json, step)}.Arn>`)}`;
    });
    expect(routes.sort()).toEqual(['POST commands NONE AWS_PROXY true', 'POST interactivity NONE AWS_PROXY true']);
    for (const [, m] of slackMethods) {
      expect(m.Properties['RequestParameters']).toEqual({ 'method.request.header.X-Slack-Signature': true, 'method.request.header.X-Slack-Request-Timestamp': true });
      expect(m.Properties['RequestValidatorId']).toBeDefined();
    }
    example.template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { RestApiId: { Ref: apiId }, ValidateRequestBody: false, ValidateRequestParameters: true });
    // NONE only on the Slack API: every other method stays IAM-authorised.
    for (const [, m] of methods) expect(m.Properties['AuthorizationType']).toBe((m.Properties['RestApiId'] as { Ref: string }).Ref === apiId ? 'NONE' : 'AWS_IAM');
    expect(Object.values(paths).filter((p) => p === 'slack')).toHaveLength(1);
    expect(slackApiId(variant.json)).toBeUndefined();
  });

  it('its stage: throttled, access and execution logs (no bodies), traced, deployed after the account logging role', () => {
    const apiId = slackApiId(example.json);
    const [stageId, stage] = resources(example.json, 'AWS::ApiGateway::Stage').find(([, r]) => (r.Properties['RestApiId'] as { Ref: string }).Ref === apiId) ?? [];
    expect(stage?.Properties).toMatchObject({
      StageName: 'v1',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: expect.anything(), Format: expect.stringMatching(/requestId/) },
      MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'ERROR', DataTraceEnabled: false, MetricsEnabled: true, ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 }],
    });
    const account = resources(example.json, 'AWS::ApiGateway::Account')[0]?.[0];
    expect((example.json['Resources'] as Record<string, { DependsOn?: string[] }>)[stageId ?? '']?.DependsOn).toContain(account);
    for (const [name, path] of [['SlackCommandUrl', '/slack/commands'], ['SlackInteractivityUrl', '/slack/interactivity']] as const) {
      const output = Object.entries(example.json['Outputs'] as Record<string, { Value: unknown }>).find(([id]) => id.startsWith(`Diagnosis${name}`))?.[1];
      expect(flat(output?.Value)).toMatch(new RegExp(`^https://<${apiId}>\\.execute-api\\..*/<.*>${path.replace(/\//g, '\\/')}$`));
    }
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  interface Report {
    pluginReports: Array<{ pluginName: string; violations: Array<{ ruleName: string }> }>;
  }

  it('reports no unacknowledged finding', () => {
    for (const { outdir } of [example, variant, imported]) {
      const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as Report;
      expect(report.pluginReports.flatMap((p) => p.violations.map((v) => v.ruleName))).toEqual([]);
    }
  });

  it('every acknowledgement has a written reason', () => {
    for (const { outdir } of [example, variant, imported]) {
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
      const base = ['AwsSolutions-APIG3', 'AwsSolutions-COG4', 'AwsSolutions-IAM4', 'AwsSolutions-IAM5', 'AwsSolutions-S1', 'AwsSolutions-SQS3'];
      // Slack: APIG2 and APIG4 on the Slack endpoints (a signed form, not IAM); SMG4 only on the secret the stack creates.
      const slack = ['AwsSolutions-APIG2', 'AwsSolutions-APIG4'];
      const expected = outdir === example.outdir ? [...base, ...slack, 'AwsSolutions-SMG4'] : outdir === imported.outdir ? [...base, ...slack] : base;
      expect([...ids].sort()).toEqual(expected.sort());
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
    const files = [example, variant, imported].map(({ outdir }) => path.join(outdir, `${STACK_NAME}.template.json`));
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
