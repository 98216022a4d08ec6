import { describe, it, expect } from 'vitest';
import { describeDiagnosisStatus, diagnosisSummaryOf } from './diagnosisStatus.ts';
import { DIAGNOSIS_ID, LAMBDA_ERROR_CAUSE, SUMMARY, failedExecution, runningExecution, succeededExecution, suppressedExecution } from './executionFixtures.ts';

const DIAGNOSIS = { schemaVersion: 1, api: { id: 'a1b2c3d4e5', stage: 'prod', type: 'REST' }, rootCause: { id: 'lambda-timeout', confidence: 0.93 } };

describe('describeDiagnosisStatus', () => {
  it('RUNNING -> running with when it started', () => {
    expect(describeDiagnosisStatus(DIAGNOSIS_ID, runningExecution())).toEqual({ id: DIAGNOSIS_ID, status: 'running', startedAt: '2026-11-24T10:15:32.618Z' });
  });

  it('PENDING_REDRIVE -> running', () => {
    expect(describeDiagnosisStatus(DIAGNOSIS_ID, { ...runningExecution(), status: 'PENDING_REDRIVE' }).status).toBe('running');
  });

  it('SUCCEEDED with a summary -> succeeded with the diagnosis read from the store', () => {
    const body = describeDiagnosisStatus(DIAGNOSIS_ID, succeededExecution(), { diagnosis: DIAGNOSIS });
    expect(body).toEqual({
      id: DIAGNOSIS_ID,
      status: 'succeeded',
      startedAt: '2026-11-24T10:15:32.618Z',
      stoppedAt: '2026-11-24T10:17:05.241Z',
      summary: SUMMARY,
      diagnosis: DIAGNOSIS,
    });
  });

  it('SUCCEEDED but the document could not be read -> succeeded with the summary and why', () => {
    const body = describeDiagnosisStatus(DIAGNOSIS_ID, succeededExecution(), { unavailable: 'expired' });
    expect(body).toMatchObject({ status: 'succeeded', summary: { rootCause: 'lambda-timeout' }, diagnosisUnavailable: 'expired' });
    expect(body).not.toHaveProperty('diagnosis');
  });

  it('SUCCEEDED without a ref (the Suppressed state) -> suppressed with ClaimIncident\'s reason, or a general one', () => {
    const reason = 'orders-api/prod is cooling down until 2026-11-24T10:45:32Z (a diagnosis ran at 10:15:32)';
    expect(describeDiagnosisStatus(DIAGNOSIS_ID, suppressedExecution(reason))).toEqual({
      id: DIAGNOSIS_ID,
      status: 'suppressed',
      startedAt: '2026-11-24T10:15:32.618Z',
      stoppedAt: '2026-11-24T10:17:05.241Z',
      reason,
    });
    expect(describeDiagnosisStatus(DIAGNOSIS_ID, suppressedExecution(undefined))).toMatchObject({ status: 'suppressed', reason: expect.stringContaining('duplicate delivery') });
    expect(describeDiagnosisStatus(DIAGNOSIS_ID, { ...succeededExecution(), output: 'not json' }).status).toBe('suppressed');
    expect(diagnosisSummaryOf(suppressedExecution('x'))).toBeUndefined();
  });

  it('FAILED -> failed with the error and the Lambda error\'s type and message, without its stack', () => {
    const body = describeDiagnosisStatus(DIAGNOSIS_ID, failedExecution('FAILED', 'DiagnosisFailed', LAMBDA_ERROR_CAUSE));
    expect(body).toMatchObject({
      status: 'failed',
      executionStatus: 'FAILED',
      reason: "DiagnosisFailed: TypeError: Cannot read properties of undefined (reading 'total')",
    });
    expect(JSON.stringify(body)).not.toContain('index.mjs');
  });

  it('FAILED with a caught failure ({Error, Cause}) or a plain cause, or none', () => {
    const caught = JSON.stringify({ Error: 'Lambda.Unknown', Cause: 'The cause could not be determined because Lambda did not return an error type. Returned payload: {"errorMessage":"2026-11-24T10:16:02.511Z c6af9ac6 Task timed out after 300.10 seconds"}' });
    expect(describeDiagnosisStatus(DIAGNOSIS_ID, failedExecution('FAILED', 'DiagnosisFailed', caught))).toMatchObject({
      reason: expect.stringMatching(/^DiagnosisFailed: Lambda\.Unknown: The cause could not be determined/),
    });
    expect(describeDiagnosisStatus(DIAGNOSIS_ID, failedExecution('FAILED', 'DiagnosisFailed', 'Classify failed'))).toMatchObject({ reason: 'DiagnosisFailed: Classify failed' });
    expect(describeDiagnosisStatus(DIAGNOSIS_ID, failedExecution('FAILED', 'DiagnosisFailed'))).toMatchObject({ reason: 'The diagnosis failed: DiagnosisFailed' });
  });

  it('TIMED_OUT and ABORTED -> failed, saying which', () => {
    expect(describeDiagnosisStatus(DIAGNOSIS_ID, failedExecution('TIMED_OUT'))).toMatchObject({ status: 'failed', executionStatus: 'TIMED_OUT', reason: expect.stringContaining('took longer than the workflow allows') });
    expect(describeDiagnosisStatus(DIAGNOSIS_ID, failedExecution('TIMED_OUT', 'States.Timeout'))).toMatchObject({ reason: expect.stringMatching(/States\.Timeout$/) });
    expect(describeDiagnosisStatus(DIAGNOSIS_ID, failedExecution('ABORTED'))).toMatchObject({ status: 'failed', executionStatus: 'ABORTED', reason: expect.stringContaining('stopped (aborted)') });
  });

  it('cuts a very long cause', () => {
    const body = describeDiagnosisStatus(DIAGNOSIS_ID, failedExecution('FAILED', 'DiagnosisFailed', 'x'.repeat(10_000)));
    expect(body.status === 'failed' && body.reason.length).toBeLessThan(2100);
  });
});
