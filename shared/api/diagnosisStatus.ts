import type { DiagnosisSummary } from '../workflow/stepPayloads.ts';

/**
 * GET /diagnoses/{id}: what a diagnosis' execution says (DescribeExecution) and, once it succeeded, the diagnosis
 * JSON the Classify step stored (read through DiagnosisSummary.ref, the execution's output).
 *
 * DescribeExecution's real answer (SDK v3): executionArn, stateMachineArn, name, status (RUNNING | SUCCEEDED | FAILED
 * | TIMED_OUT | ABORTED | PENDING_REDRIVE), startDate and stopDate as Date, input and output as JSON strings (output
 * only once succeeded), error and cause once failed (either may be absent: a Fail state without Cause, a
 * StopExecution without reason), inputDetails/outputDetails {included}, redriveCount, redriveStatus.
 */

/** The fields of DescribeExecutionOutput this reads (the SDK type fits it). */
export interface ExecutionDescription {
  name?: string | undefined;
  status?: string | undefined;
  startDate?: Date | undefined;
  stopDate?: Date | undefined;
  output?: string | undefined;
  error?: string | undefined;
  cause?: string | undefined;
}

/** The diagnosis JSON as read from the evidence store, or why it could not be. */
export type DiagnosisDocument = { diagnosis: unknown } | { unavailable: string };

export type DiagnosisStatusBody =
  | { id: string; status: 'running'; startedAt?: string }
  | {
      id: string;
      status: 'succeeded';
      startedAt?: string;
      stoppedAt?: string;
      summary: DiagnosisSummary;
      /** The diagnosis JSON (contract §3). */
      diagnosis?: unknown;
      /** Why the diagnosis JSON is not here, when it is not (the summary still says the root cause). */
      diagnosisUnavailable?: string;
    }
  | { id: string; status: 'suppressed'; startedAt?: string; stoppedAt?: string; reason: string }
  | { id: string; status: 'failed'; startedAt?: string; stoppedAt?: string; executionStatus: string; reason: string };

export type DiagnosisStatus = DiagnosisStatusBody['status'];
/** Every `status` GET /diagnoses/{id} answers with. */
export const DIAGNOSIS_STATUSES = ['running', 'succeeded', 'suppressed', 'failed'] as const satisfies readonly DiagnosisStatus[];

const SUPPRESSED_REASON =
  'No diagnosis was made: the same incident was already being diagnosed (a duplicate delivery of the alarm), or the API was in its cool-down after a recent diagnosis';
const MAX_REASON_LENGTH = 2000;

/**
 * The diagnosis' summary when the execution succeeded with one (its output is a DiagnosisSummary with a `ref`);
 * undefined while running, after a failure, and when it was suppressed. The caller reads `ref` from the store.
 */
export function diagnosisSummaryOf(execution: ExecutionDescription): DiagnosisSummary | undefined {
  if (execution.status !== 'SUCCEEDED') return undefined;
  const output = parseJson(execution.output);
  return isDiagnosisSummary(output) ? output : undefined;
}

/** The response body for an execution (and the diagnosis document, when the caller read one). */
export function describeDiagnosisStatus(id: string, execution: ExecutionDescription, document?: DiagnosisDocument): DiagnosisStatusBody {
  const times = {
    ...(execution.startDate ? { startedAt: isoOf(execution.startDate) } : {}),
    ...(execution.stopDate ? { stoppedAt: isoOf(execution.stopDate) } : {}),
  };
  switch (execution.status) {
    case 'SUCCEEDED': {
      const summary = diagnosisSummaryOf(execution);
      if (!summary) return { id, status: 'suppressed', ...times, reason: suppressedReason(execution.output) };
      const body: DiagnosisStatusBody = { id, status: 'succeeded', ...times, summary };
      if (document && 'diagnosis' in document) body.diagnosis = document.diagnosis;
      else body.diagnosisUnavailable = document?.unavailable ?? 'the diagnosis document was not read';
      return body;
    }
    case 'FAILED':
    case 'TIMED_OUT':
    case 'ABORTED':
      return { id, status: 'failed', ...times, executionStatus: execution.status, reason: failureReason(execution) };
    default:
      // RUNNING, and PENDING_REDRIVE (a redriven execution about to run again).
      return { id, status: 'running', ...(times.startedAt ? { startedAt: times.startedAt } : {}) };
  }
}

/** ClaimIncident's reason, when the suppressed execution's output ({incident}) carries one. */
function suppressedReason(output: string | undefined): string {
  const json = parseJson(output);
  if (isRecord(json)) {
    const incident = isRecord(json['incident']) ? json['incident'] : json;
    const reason = incident['reason'];
    if (typeof reason === 'string' && reason.trim() !== '') return clip(reason);
  }
  return SUPPRESSED_REASON;
}

/**
 * "<error>: <cause>", the cause made readable: a Lambda error ({"errorType","errorMessage","trace"}) or a caught
 * failure ({"Error","Cause"}) gives its type and message, without the stack trace.
 */
function failureReason(execution: ExecutionDescription): string {
  const fallback =
    execution.status === 'TIMED_OUT'
      ? 'The diagnosis took longer than the workflow allows and was stopped (States.Timeout)'
      : execution.status === 'ABORTED'
        ? 'The diagnosis was stopped (aborted) before it finished'
        : 'The diagnosis failed';
  const error = execution.error?.trim();
  const cause = readableCause(execution.cause);
  if (!error && !cause) return fallback;
  if (!cause) return clip(`${fallback}: ${error}`);
  return clip(error ? `${error}: ${cause}` : cause);
}

function readableCause(cause: string | undefined): string | undefined {
  const text = cause?.trim();
  if (!text) return undefined;
  const json = parseJson(text);
  if (isRecord(json)) {
    const type = json['errorType'] ?? json['Error'];
    const message = json['errorMessage'] ?? json['Cause'];
    if (typeof message === 'string') {
      const inner = readableCause(message) ?? message;
      return typeof type === 'string' && type !== '' ? `${type}: ${inner}` : inner;
    }
    if (typeof type === 'string') return type;
  }
  return text;
}

function isDiagnosisSummary(value: unknown): value is DiagnosisSummary {
  return isRecord(value) && typeof value['ref'] === 'string' && value['ref'] !== '';
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isoOf(date: Date): string | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function clip(text: string): string {
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH)}…` : text;
}
