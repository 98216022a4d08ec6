import { lambdaTimeoutSeconds, type TaskStateName } from './diagnosisWorkflow.ts';
import type { Access } from './functionPolicies.ts';

/**
 * The nine functions: one folder each under functions/ (functions/<step>/handler.ts exporting `handler`), the
 * state each one serves, its size, the environment it reads and what it may do.
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
  | 'get-diagnosis';

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
  | 'MAX_WINDOW_MINUTES';

export interface FunctionSpec {
  step: StepName;
  /** The construct id (and the logical id's prefix). */
  id: string;
  /** The Task state it serves; absent for the manual API's two functions. */
  state?: TaskStateName;
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
    access: ['api-config', 'function-config', 'evidence-read', 'evidence-write'],
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
    env: TUNING,
    access: ['evidence-read', 'evidence-write'],
    description: 'Runs the diagnosis engine over the gathered evidence and stores diagnosis.json',
  },
  {
    step: 'notify',
    id: 'Notify',
    state: 'Notify',
    memoryMB: 256,
    timeoutSeconds: lambdaTimeoutSeconds('Notify'),
    env: ['EVIDENCE_BUCKET', 'TOPIC_ARN'],
    access: ['evidence-read', 'publish'],
    description: 'Publishes the diagnosis to the SNS topic',
  },
  {
    step: 'start-diagnosis',
    id: 'StartDiagnosis',
    memoryMB: 256,
    timeoutSeconds: 10,
    env: ['STATE_MACHINE_ARN', 'MAX_WINDOW_MINUTES'],
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
];
