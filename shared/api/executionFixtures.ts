import type { DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import type { DiagnosisSummary, Incident, ManualExecutionInput } from '../workflow/stepPayloads.ts';

/**
 * DescribeExecution answers in the shape the SDK v3 returns them (API reference DescribeExecution "Response Syntax";
 * field set as in paragonsean/openapi-directory states/2016-11-23 DescribeExecutionOutput): Dates for startDate and
 * stopDate, input/output as JSON strings, inputDetails/outputDetails, redrive fields, $metadata. For tests.
 */

export const STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:111122223333:stateMachine:DiagnosisWorkflow7F3E2A1B-q2W3e4R5t6Y7';
export const DIAGNOSIS_ID = 'manual-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2';
export const EVIDENCE_BUCKET = 'apigw-doctor-evidence-111122223333-eu-west-1';
export const EXECUTION_ARN = `arn:aws:states:eu-west-1:111122223333:execution:DiagnosisWorkflow7F3E2A1B-q2W3e4R5t6Y7:${DIAGNOSIS_ID}`;

const INPUT: ManualExecutionInput = {
  manual: {
    id: DIAGNOSIS_ID,
    apiId: 'a1b2c3d4e5',
    stage: 'prod',
    since: 3_600_000,
    requestedBy: 'arn:aws:sts::111122223333:assumed-role/PlatformOncall/alice',
  },
};

export const SUMMARY: DiagnosisSummary = {
  diagnosisId: DIAGNOSIS_ID,
  ref: `diagnoses/${DIAGNOSIS_ID}/diagnosis.json`,
  rootCause: 'lambda-timeout',
  confidence: 0.93,
  failingRequests: 412,
  apiId: 'a1b2c3d4e5',
  stage: 'prod',
};

const METADATA = { httpStatusCode: 200, requestId: '5b1f3c2e-9a4d-4c61-8f0e-2d7a6b9c1e35', attempts: 1, totalRetryDelay: 0 };
const STARTED = new Date('2026-11-24T10:15:32.618Z');
const STOPPED = new Date('2026-11-24T10:17:05.241Z');

function base(): DescribeExecutionCommandOutput {
  return {
    $metadata: METADATA,
    executionArn: EXECUTION_ARN,
    stateMachineArn: STATE_MACHINE_ARN,
    name: DIAGNOSIS_ID,
    status: 'RUNNING',
    startDate: STARTED,
    input: JSON.stringify(INPUT),
    inputDetails: { included: true },
    traceHeader: 'Root=1-6743f1c4-0d2b7e5a9c3f4e1b8a6d2c07;Sampled=1',
    redriveCount: 0,
  };
}

export function runningExecution(): DescribeExecutionCommandOutput {
  return { ...base(), redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution is RUNNING and cannot be redriven' };
}

export function succeededExecution(summary: DiagnosisSummary | { ref: string } = SUMMARY): DescribeExecutionCommandOutput {
  return {
    ...base(),
    status: 'SUCCEEDED',
    stopDate: STOPPED,
    output: JSON.stringify(summary),
    outputDetails: { included: true },
    redriveStatus: 'NOT_REDRIVABLE',
    redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
  };
}

/** The Suppressed (Succeed) state's output: the state was {incident} with proceed false. */
export function suppressedExecution(reason: string | undefined): DescribeExecutionCommandOutput {
  const incident: Incident = {
    diagnosisId: DIAGNOSIS_ID,
    proceed: false,
    ...(reason !== undefined ? { reason } : {}),
    target: { kind: 'api', api: 'a1b2c3d4e5', stage: 'prod', since: 3_600_000 },
    requestedAt: STARTED.getTime(),
  };
  return { ...succeededExecution(), output: JSON.stringify({ incident }) };
}

export function failedExecution(status: 'FAILED' | 'TIMED_OUT' | 'ABORTED', error?: string, cause?: string): DescribeExecutionCommandOutput {
  return {
    ...base(),
    status,
    stopDate: STOPPED,
    ...(error !== undefined ? { error } : {}),
    ...(cause !== undefined ? { cause } : {}),
    redriveStatus: 'REDRIVABLE',
  };
}

/** A Lambda error as Step Functions records it in a cause (the Node.js runtime's error JSON). */
export const LAMBDA_ERROR_CAUSE = JSON.stringify({
  errorType: 'TypeError',
  errorMessage: "Cannot read properties of undefined (reading 'total')",
  trace: ["TypeError: Cannot read properties of undefined (reading 'total')", '    at classify (file:///var/task/index.mjs:2:18433)'],
});
