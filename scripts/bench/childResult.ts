/** What a measured child process reports on its last stdout line, after this marker. */
export const RESULT_MARKER = 'BENCH-RESULT ';

export interface ChildResult {
  /** Time of the measured work inside the process (module loading excluded), ms. */
  ms: number;
  /** process.resourceUsage().maxRSS at the end, KiB. */
  maxRssKb: number;
  [key: string]: unknown;
}

export function printResult(result: ChildResult): void {
  process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

export function parseResult(stdout: string): ChildResult | undefined {
  const line = stdout.split('\n').reverse().find((l) => l.startsWith(RESULT_MARKER));
  if (line === undefined) return undefined;
  const value: unknown = JSON.parse(line.slice(RESULT_MARKER.length));
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record['ms'] !== 'number' || typeof record['maxRssKb'] !== 'number') return undefined;
  return record as ChildResult;
}
