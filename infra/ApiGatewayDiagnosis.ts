import { existsSync } from 'node:fs';
import path from 'node:path';
import { CfnOutput, Duration, Names, RemovalPolicy, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { createApiAlarm } from './apiAlarms.ts';
import { CONFIG_DEFAULTS, type DiagnosisConfig, type WatchedApi } from './config.ts';
import { accessOf, deployedSpecs, envOf, OPTIONAL_ENV, type EnvName, type FunctionSpec, type StepName } from './diagnosisFunctions.ts';
import { diagnosisWorkflow, type WorkflowFunctions } from './diagnosisWorkflow.ts';
import { policyStatements, unscopedFunctionApis, type PolicyResources } from './functionPolicies.ts';
import { acknowledgeIamWildcards, type WildcardReason } from './iamWildcardAcknowledgements.ts';
import { ManualApi } from './manualApi.ts';
import { SlackEndpoints } from './slackEndpoints.ts';

/** The secret the construct creates when the config names none; the operator fills it after the first deploy. */
export const SLACK_SECRET_NAME = 'apigw-doctor/slack';

export interface ApiGatewayDiagnosisProps {
  config: DiagnosisConfig;
  /** An SNS topic to publish to, in place of config.topic. */
  topic?: sns.ITopic;
  /** Where the functions' folders are (functions/<step>/handler.ts); default: this repository's functions/. */
  functionsDir?: string;
  /**
   * Create API Gateway's account-level CloudWatch Logs role, which the manual API's execution logging needs.
   * Default true; false where the account already has one (the setting is per account and region).
   */
  createApiGatewayAccountRole?: boolean;
}

const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/** esbuild's ESM output cannot `require`; bundled CommonJS dependencies still do (middy, Powertools, the SDK). */
const ESM_REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const ONE_GB = 1024 ** 3;

/** The project the functions belong to: the nearest folder above them with a package-lock.json. */
function projectRootOf(functionsDir: string): string {
  for (let dir = path.dirname(functionsDir); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package-lock.json'))) return dir;
    if (path.dirname(dir) === dir) return REPO_ROOT;
  }
}

/**
 * apigw-doctor as a service: an alarm per watched API stage -> EventBridge -> the diagnosis state machine
 * (claim, scope, failing requests, evidence per sampled batch beside the context, classify, notify), the
 * evidence in S3, incidents in DynamoDB, the diagnosis on SNS, and an IAM-authorised API to ask for one.
 * With Slack: Notify posts there too, /diagnose and the message buttons are served on a second API (Slack's
 * signature checked by the functions), and an alarm's return to OK marks its incident's message resolved.
 */
export class ApiGatewayDiagnosis extends Construct {
  readonly evidenceBucket: s3.Bucket;
  readonly incidentsTable: dynamodb.Table;
  readonly topic: sns.ITopic;
  readonly stateMachine: sfn.StateMachine;
  /** Every deployed function by step (the Slack ones only with Slack). */
  readonly functions: Partial<Record<StepName, NodejsFunction>>;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly alarmRules: events.Rule[] = [];
  /** With Slack: the rules sending the watched alarms' returns to OK to alarm-resolved. */
  readonly resolvedRules: events.Rule[] = [];
  readonly manualApi: ManualApi;
  /** With Slack: the secret the functions read, and the URLs Slack calls. */
  readonly slackSecret?: secretsmanager.ISecret;
  readonly slackEndpoints?: SlackEndpoints;

  constructor(scope: Construct, id: string, props: ApiGatewayDiagnosisProps) {
    super(scope, id);
    const { config } = props;
    const stack = Stack.of(this);
    const logRetention = config.logRetentionDays as logs.RetentionDays;

    this.evidenceBucket = new s3.Bucket(this, 'EvidenceBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-evidence', expiration: Duration.days(config.evidenceRetentionDays), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      autoDeleteObjects: false,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.evidenceBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: `Only this stack's function roles read and write the bucket (no public access, TLS only) and objects expire after ${config.evidenceRetentionDays} days; server access logs would need a second bucket per deployment. Use CloudTrail S3 data events where object-level audit is required.`,
    });

    this.incidentsTable = new dynamodb.Table(this, 'IncidentsTable', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Claims and cool-downs only: nothing to keep once the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.topic = props.topic ?? this.createOrImportTopic(config);
    const withSlack = config.slack !== undefined;
    if (config.slack !== undefined) this.slackSecret = this.createOrImportSlackSecret(config.slack.secretArn);

    const resources: PolicyResources = {
      apis: config.apis,
      tableArn: this.incidentsTable.tableArn,
      bucketArn: this.evidenceBucket.bucketArn,
      topicArn: this.topic.topicArn,
      ...(props.topic === undefined && config.topic.kmsKeyArn !== undefined ? { topicKeyArn: config.topic.kmsKeyArn } : {}),
      ...(this.slackSecret !== undefined ? { slackSecretArn: this.slackSecret.secretArn } : {}),
      ...(config.slack?.secretKmsKeyArn !== undefined ? { slackSecretKeyArn: config.slack.secretKmsKeyArn } : {}),
    };
    const env = this.environmentValues(config);
    const functionsDir = props.functionsDir ?? path.join(REPO_ROOT, 'functions');
    const make = (spec: FunctionSpec, machine?: sfn.StateMachine): NodejsFunction =>
      this.createFunction(
        spec,
        withSlack,
        machine ? { ...env, STATE_MACHINE_ARN: machine.stateMachineArn } : env,
        machine ? { ...resources, stateMachineArn: machine.stateMachineArn, stateMachineName: machine.stateMachineName } : resources,
        functionsDir,
        logRetention,
      );

    // The state machine's steps first (it references them), then the API and event functions (they reference it).
    const specs = deployedSpecs(withSlack);
    const steps = specs.filter((s) => s.state !== undefined);
    const stepFunctions = Object.fromEntries(steps.map((s) => [s.step, make(s)])) as Record<StepName, NodejsFunction>;
    const workflowFunctions: WorkflowFunctions = {
      claimIncident: stepFunctions['claim-incident'],
      resolveScope: stepFunctions['resolve-scope'],
      findFailingRequests: stepFunctions['find-failing-requests'],
      gatherRequestEvidence: stepFunctions['gather-request-evidence'],
      gatherContext: stepFunctions['gather-context'],
      classify: stepFunctions['classify'],
      notify: stepFunctions['notify'],
    };

    const workflowLogs = new logs.LogGroup(this, 'StateMachineLogs', {
      // Groups under /aws/vendedlogs/ keep the log resource policy that Step Functions' delivery needs small.
      logGroupName: `/aws/vendedlogs/states/${Names.uniqueResourceName(this, { maxLength: 200 })}`,
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(diagnosisWorkflow(new Construct(this, 'Workflow'), workflowFunctions, { mapConcurrency: config.mapConcurrency })),
      // Above the sum of the task timeouts on the longest path (with a second wave of the Map), so an execution
      // never times out before Classify and Notify have run.
      timeout: Duration.hours(1),
      tracingEnabled: true,
      // Every event, without the data: a chat-ops input carries Slack's response_url, which must not reach the logs.
      logs: { destination: workflowLogs, level: sfn.LogLevel.ALL, includeExecutionData: false },
      comment: 'apigw-doctor: diagnoses the 5xx behind an API Gateway alarm or a manual request',
    });

    const apiSpecs = specs.filter((s) => s.state === undefined);
    const apiFunctions = Object.fromEntries(apiSpecs.map((s) => [s.step, make(s, this.stateMachine)])) as Partial<Record<StepName, NodejsFunction>>;
    this.functions = { ...stepFunctions, ...apiFunctions };
    const fn = (step: StepName): NodejsFunction => {
      const found = this.functions[step];
      if (found === undefined) throw new Error(`ApiGatewayDiagnosis: no ${step} function`);
      return found;
    };

    const deadLetters = this.createAlarmsAndRules(config.apis, stack.stackName);

    const createAccountLogRole = props.createApiGatewayAccountRole ?? true;
    this.manualApi = new ManualApi(this, 'ManualApi', {
      startDiagnosis: fn('start-diagnosis'),
      getDiagnosis: fn('get-diagnosis'),
      logRetention,
      createAccountLogRole,
    });

    if (withSlack) {
      this.createResolvedRules(config.apis, fn('alarm-resolved'), deadLetters);
      const accountLogRole = createAccountLogRole ? this.manualApi.api.node.tryFindChild('Account') : undefined;
      this.slackEndpoints = new SlackEndpoints(this, 'SlackEndpoints', {
        slackCommand: fn('slack-command'),
        slackInteractivity: fn('slack-interactivity'),
        logRetention,
        ...(accountLogRole !== undefined ? { accountLogRole } : {}),
      });
      new CfnOutput(this, 'SlackCommandUrl', { value: this.slackEndpoints.commandsUrl, description: 'Slack app > Slash Commands > /diagnose > Request URL' });
      new CfnOutput(this, 'SlackInteractivityUrl', { value: this.slackEndpoints.interactivityUrl, description: 'Slack app > Interactivity & Shortcuts > Request URL' });
    }

    acknowledgeIamWildcards(this, this.wildcardReasons(config.apis));

    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn, description: 'The diagnosis state machine' });
    new CfnOutput(this, 'ApiUrl', { value: this.manualApi.api.urlForPath('/diagnoses'), description: 'POST a diagnosis request here (SigV4, execute-api:Invoke)' });
    new CfnOutput(this, 'TopicArn', { value: this.topic.topicArn, description: 'Diagnoses are published here' });
    new CfnOutput(this, 'EvidenceBucketName', { value: this.evidenceBucket.bucketName, description: 'Evidence and diagnosis.json of every diagnosis' });
  }

  /** The existing secret by its complete ARN, or an empty one named apigw-doctor/slack for the operator to fill. */
  private createOrImportSlackSecret(secretArn: string | undefined): secretsmanager.ISecret {
    if (secretArn !== undefined) return secretsmanager.Secret.fromSecretCompleteArn(this, 'SlackSecret', secretArn);
    const secret = new secretsmanager.Secret(this, 'SlackSecret', {
      secretName: SLACK_SECRET_NAME,
      description: 'apigw-doctor: the Slack app\'s signing secret and bot token (or incoming webhook URL), as {"signingSecret": "...", "botToken": "xoxb-...", "webhookUrl": "https://hooks.slack.com/services/..."}',
      // Empty, not generated: Slack issues these values; the operator pastes them in after the first deploy.
      secretStringValue: SecretValue.unsafePlainText('{}'),
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: "The secret holds the Slack app's signing secret and bot token, which Slack issues and rotates (App settings > Basic Information > Regenerate; OAuth > Rotate); Secrets Manager cannot rotate them, so the operator pastes the new values in after rotating them in Slack.",
    });
    new CfnOutput(this, 'SlackSecretToFill', {
      value: secret.secretArn,
      description: `Fill this secret (${SLACK_SECRET_NAME}) with {"signingSecret": "...", "botToken": "xoxb-..."} from your Slack app (infra/README.md, Slack); until then Slack requests are refused and nothing is posted to Slack`,
    });
    return secret;
  }

  private createOrImportTopic(config: DiagnosisConfig): sns.ITopic {
    if (config.topic.arn !== undefined) return sns.Topic.fromTopicArn(this, 'Topic', config.topic.arn);
    return new sns.Topic(this, 'Topic', {
      displayName: 'apigw-doctor diagnoses',
      enforceSSL: true,
      // The AWS managed key: only this stack's Notify function publishes, so no key policy is needed.
      masterKey: kms.Alias.fromAliasName(this, 'TopicKey', 'alias/aws/sns'),
    });
  }

  /** The values of the environment variables a function may read (STATE_MACHINE_ARN once the machine exists). */
  private environmentValues(config: DiagnosisConfig): Partial<Record<EnvName, string>> {
    const cooldowns: Record<string, number> = {};
    for (const api of config.apis) {
      cooldowns[`${api.apiId}/${api.stage}`] = api.cooldownMinutes * 60;
      // REST alarms name the API by its name (the ApiName dimension).
      if (api.name !== undefined) cooldowns[`${api.name}/${api.stage}`] = api.cooldownMinutes * 60;
    }
    return {
      EVIDENCE_BUCKET: this.evidenceBucket.bucketName,
      INCIDENTS_TABLE: this.incidentsTable.tableName,
      TOPIC_ARN: this.topic.topicArn,
      SAMPLE_SIZE: String(config.sampleSize),
      BATCH_SIZE: String(config.batchSize),
      INSIGHTS_BUDGET_BYTES: String(Math.round(config.insightsBudgetGB * ONE_GB)),
      COOLDOWN_SECONDS: String(CONFIG_DEFAULTS.cooldownMinutes * 60),
      COOLDOWNS: JSON.stringify(cooldowns),
      MAX_WINDOW_MINUTES: String(config.windowMinutes),
      // The manual API refuses APIs this deployment does not watch: their logs could not be read anyway.
      WATCHED_APIS: JSON.stringify(config.apis.map((api) => ({ type: api.type, apiId: api.apiId, stage: api.stage, ...(api.name !== undefined ? { name: api.name } : {}) }))),
      SNS_HTTPS_FORMAT: config.amazonQ ? 'amazon-q' : 'diagnosis',
      REDACT_PATTERNS: JSON.stringify(config.redactPatterns),
      ...(config.slack !== undefined ? this.slackEnvironment(config.slack) : {}),
    };
  }

  private slackEnvironment(slack: NonNullable<DiagnosisConfig['slack']>): Partial<Record<EnvName, string>> {
    return {
      ...(this.slackSecret !== undefined ? { SLACK_SECRET_ARN: this.slackSecret.secretArn } : {}),
      SLACK_CHANNEL: slack.channel,
      SLACK_ALLOWED_USERS: JSON.stringify(slack.allowedUsers),
      SLACK_ALLOWED_CHANNELS: JSON.stringify(slack.allowedChannels),
      ...(slack.allowedTeams !== undefined ? { SLACK_ALLOWED_TEAMS: JSON.stringify(slack.allowedTeams) } : {}),
      ...(slack.defaultStages !== undefined ? { SLACK_DEFAULT_STAGES: JSON.stringify(slack.defaultStages) } : {}),
    };
  }

  private createFunction(spec: FunctionSpec, withSlack: boolean, env: Partial<Record<EnvName, string>>, resources: PolicyResources, functionsDir: string, logRetention: logs.RetentionDays): NodejsFunction {
    const logGroup = new logs.LogGroup(this, `${spec.id}Logs`, { retention: logRetention, removalPolicy: RemovalPolicy.DESTROY });
    // Its own role, no managed policy: its log group, X-Ray (added by tracing) and what its code calls.
    const role = new iam.Role(this, `${spec.id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `apigw-doctor ${spec.step}`,
    });
    logGroup.grantWrite(role);
    for (const statement of policyStatements(accessOf(spec, withSlack), resources)) role.addToPolicy(statement);

    const environment: Record<string, string> = { STEP: spec.step, POWERTOOLS_SERVICE_NAME: 'apigw-doctor', POWERTOOLS_LOG_LEVEL: 'INFO' };
    for (const name of envOf(spec, withSlack)) {
      const value = env[name];
      if (value === undefined && OPTIONAL_ENV.includes(name)) continue;
      if (value === undefined) throw new Error(`ApiGatewayDiagnosis: no value for ${name} (${spec.step})`);
      environment[name] = value;
    }

    const projectRoot = projectRootOf(functionsDir);
    const fn = new NodejsFunction(this, `${spec.id}Function`, {
      entry: path.join(functionsDir, spec.step, 'handler.ts'),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMB,
      timeout: Duration.seconds(spec.timeoutSeconds),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      role,
      description: `apigw-doctor: ${spec.description}`,
      environment,
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: false,
        // Bundled, SDK included: the versions tested here, tree-shaken (smaller and faster to import than the runtime's).
        externalModules: [],
      },
    });
    return fn;
  }

  /** The alarms and the rules starting a diagnosis on ALARM; returns the rules' dead-letter queue. */
  private createAlarmsAndRules(apis: readonly WatchedApi[], stackName: string): sqs.Queue {
    const deadLetters = new sqs.Queue(this, 'AlarmEventDeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is the dead-letter queue of the EventBridge rules' targets (alarm events that could not start a diagnosis or reach alarm-resolved); a dead-letter queue has no dead-letter queue of its own.",
    });
    const target = new targets.SfnStateMachine(this.stateMachine, {
      deadLetterQueue: deadLetters,
      retryAttempts: 8,
      maxEventAge: Duration.hours(2),
    });
    const pattern = { source: ['aws.cloudwatch'], detailType: ['CloudWatch Alarm State Change'] };

    // Ids by API and stage, not by position: reordering the config must not replace (named) alarms.
    for (const api of apis) if (api.alarm) this.alarms.push(createApiAlarm(this, `Alarm-${api.apiId}-${api.stage}`, stackName, api, api.alarm));
    if (this.alarms.length > 0) {
      const rule = new events.Rule(this, 'AlarmRule', {
        description: 'apigw-doctor: a watched API stage alarm went to ALARM -> diagnose',
        eventPattern: { ...pattern, resources: this.alarms.map((a) => a.alarmArn), detail: { state: { value: ['ALARM'] } } },
      });
      rule.addTarget(target);
      this.alarmRules.push(rule);
    }
    const existing = apis.flatMap((a) => (a.existingAlarmName !== undefined ? [a.existingAlarmName] : []));
    if (existing.length > 0) {
      const rule = new events.Rule(this, 'ExistingAlarmRule', {
        description: "apigw-doctor: one of the team's own API alarms went to ALARM -> diagnose",
        eventPattern: { ...pattern, detail: { alarmName: existing, state: { value: ['ALARM'] } } },
      });
      rule.addTarget(target);
      this.alarmRules.push(rule);
    }
    return deadLetters;
  }

  /**
   * The same alarms going from ALARM back to OK -> alarm-resolved, which marks the incident's Slack message resolved.
   * EventBridge invokes it asynchronously: retried for 2 hours, then the event goes to the dead-letter queue.
   */
  private createResolvedRules(apis: readonly WatchedApi[], alarmResolved: NodejsFunction, deadLetters: sqs.Queue): void {
    const target = new targets.LambdaFunction(alarmResolved, { deadLetterQueue: deadLetters, retryAttempts: 8, maxEventAge: Duration.hours(2) });
    const pattern = { source: ['aws.cloudwatch'], detailType: ['CloudWatch Alarm State Change'] };
    const transition = { state: { value: ['OK'] }, previousState: { value: ['ALARM'] } };
    if (this.alarms.length > 0) {
      const rule = new events.Rule(this, 'ResolvedRule', {
        description: 'apigw-doctor: a watched API stage alarm went from ALARM back to OK -> mark the Slack incident resolved',
        eventPattern: { ...pattern, resources: this.alarms.map((a) => a.alarmArn), detail: transition },
      });
      rule.addTarget(target);
      this.resolvedRules.push(rule);
    }
    const existing = apis.flatMap((a) => (a.existingAlarmName !== undefined ? [a.existingAlarmName] : []));
    if (existing.length > 0) {
      const rule = new events.Rule(this, 'ExistingAlarmResolvedRule', {
        description: "apigw-doctor: one of the team's own API alarms went from ALARM back to OK -> mark the Slack incident resolved",
        eventPattern: { ...pattern, detail: { alarmName: existing, ...transition } },
      });
      rule.addTarget(target);
      this.resolvedRules.push(rule);
    }
  }

  /** Why each wildcard resource is needed (every other IAM5 finding stays reported). */
  private wildcardReasons(apis: readonly WatchedApi[]): WildcardReason[] {
    const unscoped = unscopedFunctionApis(apis).map((a) => `${a.apiId}/${a.stage}`);
    const reasons: WildcardReason[] = [
      {
        finding: /^<[A-Za-z0-9]+\.Arn>:\*$/,
        reason: "lambda:InvokeFunction on the step function's versions and aliases (CDK grants ARN and ARN:*); the function itself is named.",
      },
      {
        finding: /^<[A-Za-z0-9]+\.Arn>\/\*$/,
        reason: "Objects of this stack's evidence bucket: keys start with the diagnosis id, known only at run time.",
      },
      {
        finding: /^arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:[^*]+:\*$/,
        reason: 'One watched log group (execution, access, Lambda or aws/spans): IAM evaluates logs:StartQuery on "log-group:NAME:log-stream:", so the group is named with the trailing ":*" AWS documents for log-group ARNs.',
      },
      {
        finding: /^arn:<AWS::Partition>:apigateway:<AWS::Region>::\/(?:restapis|apis)\/[a-z0-9]{10}\/\*$/,
        reason: "The sub-resources of one watched API (stages, deployments, export, resources, routes, integrations, authorizers), all read with apigateway:GET.",
      },
      {
        finding: /^arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:[A-Za-z0-9_-]+:\*$/,
        reason: 'The versions and aliases of one listed function: integrations may invoke function:NAME:ALIAS, read with a Qualifier.',
      },
      {
        finding: /^arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<[A-Za-z0-9]+\.Name>:\*$/,
        reason: 'The executions of the diagnosis state machine: the diagnosis id (the execution name) is known only at run time.',
      },
    ];
    if (unscoped.length > 0) {
      const why = `No "functions" listed for ${unscoped.join(', ')}: the functions behind those APIs are found at run time, so Lambda configuration and logs cannot be scoped. List them in the config to scope this.`;
      reasons.push({ finding: /^arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:\*$/, reason: why });
      reasons.push({ finding: /^arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:\/aws\/lambda\/\*$/, reason: why });
    }
    return reasons;
  }
}
