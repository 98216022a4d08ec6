import { lambdaTimeoutSeconds, type TaskStateName } from './diagnosisWorkflow.ts';
import type { Access } from './functionPolicies.ts';

/**
 * The functions: one folder each under functions/ (functions/<step>/handler.ts exporting `handler`), the state each
 * one serves, its size, the environment it reads and what it may do. Nine always; three more with Slack.
 */

export type StepName =
  | 'claim-incident'
  | 'resolve-scope'
  | 'find-failing-requests'
  | 'gather-request-evidence'
  | 'gather-context'
  | 'classify'
  | 'notify'
  | 'start-diagnosis'
  | 'get-diagnosis'
  | 'slack-command'
  | 'slack-interactivity'
  | 'alarm-resolved';

/** Environment variables a function can be given (the values are set by the construct). */
export type EnvName =
  | 'EVIDENCE_BUCKET'
  | 'INCIDENTS_TABLE'
  | 'TOPIC_ARN'
  | 'STATE_MACHINE_ARN'
  | 'SAMPLE_SIZE'
  | 'BATCH_SIZE'
  | 'INSIGHTS_BUDGET_BYTES'
  | 'COOLDOWN_SECONDS'
  | 'COOLDOWNS'
  | 'MAX_WINDOW_MINUTES'
  | 'WATCHED_APIS'
  | 'SNS_HTTPS_FORMAT'
  | 'REDACT_PATTERNS'
  | 'SLACK_SECRET_ARN'
  | 'SLACK_CHANNEL'
  | 'SLACK_ALLOWED_USERS'
  | 'SLACK_ALLOWED_CHANNELS'
  | 'SLACK_ALLOWED_TEAMS'
  | 'SLACK_DEFAULT_STAGES';

/** Set only when configured (unset has its own meaning: any workspace; the stage must be typed). */
export const OPTIONAL_ENV: readonly EnvName[] = ['SLACK_ALLOWED_TEAMS', 'SLACK_DEFAULT_STAGES'];

export interface FunctionSpec {
  step: StepName;
  /** The construct id (and the logical id's prefix). */
  id: string;
  /** The Task state it serves; absent for the API and event functions. */
  state?: TaskStateName;
  /** Deployed only when Slack is configured. */
  slackOnly?: boolean;
  /** What it also reads and may do when Slack is configured (Notify posts there too). */
  withSlack?: { env: readonly EnvName[]; access: readonly Access[] };
  memoryMB: number;
  timeoutSeconds: number;
  env: readonly EnvName[];
  access: readonly Access[];
  description: string;
}

/** What every evidence step reads. */
const TUNING: readonly EnvName[] = ['EVIDENCE_BUCKET', 'SAMPLE_SIZE', 'BATCH_SIZE', 'INSIGHTS_BUDGET_BYTES'];

export const FUNCTION_SPECS: readonly FunctionSpec[] = [
  {
    step: 'claim-incident',
    id: 'ClaimIncident',
    state: 'ClaimIncident',
    memoryMB: 256,
    timeoutSeconds: lambdaTimeoutSeconds('ClaimIncident'),
    env: ['INCIDENTS_TABLE', 'COOLDOWN_SECONDS', 'COOLDOWNS'],
    access: ['incidents-table'],
    description: 'Claims an alarm transition or manual request once (dedupe and per-API cool-down)',
  },
  {
    step: 'resolve-scope',
    id: 'ResolveScope',
    state: 'ResolveScope',
    memoryMB: 512,
    timeoutSeconds: lambdaTimeoutSeconds('ResolveScope'),
    env: TUNING,
    access: ['api-config', 'function-config', 'evidence-write'],
    description: 'Resolves the API, stage, integrations, functions and log groups of an incident',
  },
  {
    step: 'find-failing-requests',
    id: 'FindFailingRequests',
    state: 'FindFailingRequests',
    memoryMB: 1024,
    timeoutSeconds: lambdaTimeoutSeconds('FindFailingRequests'),
    env: TUNING,
    access: ['logs-insights', 'trace-summaries', 'evidence-read', 'evidence-write'],
    description: 'Finds the failing requests of the window (one Logs Insights query) and samples them',
  },
  {
    step: 'gather-request-evidence',
    id: 'GatherRequestEvidence',
    state: 'GatherRequestEvidence',
    memoryMB: 1024,
    timeoutSeconds: lambdaTimeoutSeconds('GatherRequestEvidence'),
    env: TUNING,
    access: ['logs-insights', 'traces', 'evidence-read', 'evidence-write'],
    description: 'Gathers execution lines, Lambda lines and traces of one batch of sampled requests',
  },
  {
    step: 'gather-context',
    id: 'GatherContext',
    state: 'GatherContext',
    memoryMB: 512,
    timeoutSeconds: lambdaTimeoutSeconds('GatherContext'),
    env: TUNING,
    access: ['metrics', 'changes', 'evidence-read', 'evidence-write'],
    description: 'Gathers the metrics of the window and the CloudTrail changes before it',
  },
  {
    step: 'classify',
    id: 'Classify',
    state: 'Classify',
    memoryMB: 1024,
    timeoutSeconds: lambdaTimeoutSeconds('Classify'),
    // The engine redacts every excerpt it keeps: diagnosis.json (SNS, GET /diagnoses) must carry the team's patterns too.
    env: [...TUNING, 'REDACT_PATTERNS'],
    access: ['evidence-read', 'evidence-write'],
    description: 'Runs the diagnosis engine over the gathered evidence and stores diagnosis.json',
  },
  {
    step: 'notify',
    id: 'Notify',
    state: 'Notify',
    memoryMB: 256,
    timeoutSeconds: lambdaTimeoutSeconds('Notify'),
    env: ['EVIDENCE_BUCKET', 'TOPIC_ARN', 'SNS_HTTPS_FORMAT', 'REDACT_PATTERNS'],
    access: ['evidence-read', 'publish'],
    // The incident's thread (thread#<api>/<stage>) and the per-API cool-down decide between a new root and a reply.
    withSlack: { env: ['SLACK_SECRET_ARN', 'SLACK_CHANNEL', 'INCIDENTS_TABLE', 'COOLDOWN_SECONDS', 'COOLDOWNS'], access: ['incidents-table', 'slack-secret'] },
    description: 'Publishes the diagnosis to the SNS topic (and Slack when configured)',
  },
  {
    step: 'start-diagnosis',
    id: 'StartDiagnosis',
    memoryMB: 256,
    timeoutSeconds: 10,
    env: ['STATE_MACHINE_ARN', 'MAX_WINDOW_MINUTES', 'WATCHED_APIS'],
    access: ['start-execution'],
    description: 'POST /diagnoses: validates the request and starts a diagnosis',
  },
  {
    step: 'get-diagnosis',
    id: 'GetDiagnosis',
    memoryMB: 256,
    timeoutSeconds: 10,
    env: ['STATE_MACHINE_ARN', 'EVIDENCE_BUCKET'],
    access: ['describe-execution', 'evidence-read'],
    description: 'GET /diagnoses/{id}: the diagnosis, or where it is',
  },
  {
    step: 'slack-command',
    id: 'SlackCommand',
    slackOnly: true,
    // Slack waits 3 s for the answer: enough memory that a cold start with two SDK clients fits.
    memoryMB: 512,
    timeoutSeconds: 10,
    env: ['STATE_MACHINE_ARN', 'SLACK_SECRET_ARN', 'SLACK_ALLOWED_USERS', 'SLACK_ALLOWED_CHANNELS', 'SLACK_ALLOWED_TEAMS', 'SLACK_DEFAULT_STAGES', 'MAX_WINDOW_MINUTES', 'WATCHED_APIS'],
    access: ['api-lookup', 'start-execution', 'slack-secret'],
    description: 'POST /slack/commands: /diagnose <api> [stage] [since] from Slack',
  },
  {
    step: 'slack-interactivity',
    id: 'SlackInteractivity',
    slackOnly: true,
    memoryMB: 512,
    timeoutSeconds: 10,
    env: ['STATE_MACHINE_ARN', 'SLACK_SECRET_ARN', 'SLACK_ALLOWED_USERS', 'SLACK_ALLOWED_CHANNELS', 'SLACK_ALLOWED_TEAMS', 'MAX_WINDOW_MINUTES', 'INCIDENTS_TABLE', 'EVIDENCE_BUCKET', 'REDACT_PATTERNS'],
    access: ['start-execution', 'evidence-read', 'incidents-table', 'slack-secret'],
    description: 'POST /slack/interactivity: the buttons on a diagnosis message (re-run, widen, evidence, mute)',
  },
  {
    step: 'alarm-resolved',
    id: 'AlarmResolved',
    slackOnly: true,
    memoryMB: 256,
    timeoutSeconds: 30,
    env: ['SLACK_SECRET_ARN', 'SLACK_CHANNEL', 'INCIDENTS_TABLE'],
    access: ['incidents-table', 'cooldown-end', 'slack-secret'],
    description: "A watched alarm back to OK: marks its incident's Slack message resolved",
  },
];

/** The functions a deployment has: the Slack ones only with Slack. */
export function deployedSpecs(withSlack: boolean): FunctionSpec[] {
  return FUNCTION_SPECS.filter((s) => withSlack || s.slackOnly !== true);
}

/** The environment variables a function reads in a deployment. */
export function envOf(spec: FunctionSpec, withSlack: boolean): EnvName[] {
  return [...spec.env, ...(withSlack ? (spec.withSlack?.env ?? []) : [])];
}

/** What a function may do in a deployment. */
export function accessOf(spec: FunctionSpec, withSlack: boolean): Access[] {
  return [...spec.access, ...(withSlack ? (spec.withSlack?.access ?? []) : [])];
}
