/**
 * Test support for the Logs Insights tests: a fake clock, a call recorder, and result rows in the exact shape
 * GetQueryResults returns. Shapes: `aws logs get-query-results` output as printed in a public AWS security workshop
 * (2022, HTTP API access log group /aws/api_gw/evidence_api): a Running answer is
 * {"results": [], "statistics": {"recordsMatched": 0.0, "recordsScanned": 0.0, "bytesScanned": 0.0}, "status": "Running"},
 * a Complete one lists rows of {field, value} ending with an opaque "@ptr"; statistics are doubles.
 */
import type { GetQueryResultsCommandOutput, ResultField } from '@aws-sdk/client-cloudwatch-logs';
import type { CallRecorder } from './callRecorder.ts';

export class RecordedCalls implements CallRecorder {
  readonly calls: { service: string; action: string; ms: number; outcome: 'ok' | 'error'; errorName?: string }[] = [];
  record(service: string, action: string, ms: number, outcome: 'ok' | 'error', errorName?: string): void {
    this.calls.push({ service, action, ms, outcome, ...(errorName !== undefined ? { errorName } : {}) });
  }
  count(action: string, outcome?: 'ok' | 'error'): number {
    return this.calls.filter((call) => call.action === action && (outcome === undefined || call.outcome === outcome)).length;
  }
}

/** A clock that only moves when the code under test sleeps; sleeps yield to other tasks (setImmediate). */
export class FakeClock {
  time = 1_773_151_200_000; // 2026-03-10T14:00:00Z
  readonly sleeps: number[] = [];
  readonly now = (): number => this.time;
  readonly sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.time += ms;
    return new Promise((resolve) => setImmediate(resolve));
  };
}

const METADATA = { httpStatusCode: 200, requestId: '6c0f8a52-2b1d-4e0a-9d3f-5a7b8c9d0e1f', attempts: 1, totalRetryDelay: 0 };

/** A @ptr value as Logs Insights returns it (copied from the workshop output above). */
export const PTR = 'CmIKKQolMjA2NzU3ODIwMTUxOi9hd3MvYXBpX2d3L2V2aWRlbmNlX2FwaRAHEjUaGAIGK3IFAgAAAACMcA2dAAYtVTZwAAAEIiABKJuZtoqhMDCbmbaKoTA4AUCYAkjyDFCbBhAAGAE=';

export function resultRow(fields: Record<string, string>): ResultField[] {
  return [...Object.entries(fields).map(([field, value]) => ({ field, value })), { field: '@ptr', value: PTR }];
}

export function queryResults(
  status: GetQueryResultsCommandOutput['status'],
  rows: ResultField[][] = [],
  statistics: { recordsMatched: number; recordsScanned: number; bytesScanned: number } = { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 },
  nextToken?: string,
): GetQueryResultsCommandOutput {
  return { $metadata: METADATA, results: rows, statistics, status, ...(nextToken !== undefined ? { nextToken } : {}) };
}

/** An access log line row like Logs Insights prints it: "YYYY-MM-DD HH:MM:SS.fff" UTC and the raw message. */
export function accessLogRow(i: number): ResultField[] {
  const id = `Vdn1pgs-oAME${String(i).padStart(4, '0')}=`;
  return resultRow({
    '@timestamp': '2026-03-10 14:04:37.296',
    '@message': `{"httpMethod":"GET","integrationErrorMessage":"-","protocol":"HTTP/1.1","requestId":"${id}","requestTime":"10/Mar/2026:14:04:37 +0000","resourcePath":"-","responseLength":"2864","routeKey":"ANY /","sourceIp":"107.21.85.89","status":"502"}`,
  });
}
