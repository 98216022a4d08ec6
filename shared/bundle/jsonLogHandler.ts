import type { JsonScanHandler, ScanIssue } from './jsonEventScanner.ts';
import type { EventFields } from './logEventShape.ts';
import { fieldsFromApiEvent, fieldsFromInsightsRow, isEventWrapper, isJsonObject, timeOfStructuredMessage } from './logEventShape.ts';
import type { LogEventAssembler } from './logEventAssembler.ts';
import type { FileProblems } from './fileProblems.ts';
import { plural, quoteExcerpt } from './fileProblems.ts';

const ISSUE_TEXT: Record<ScanIssue, (n: number) => string> = {
  'not-an-element': (n) => `${plural(n, 'element')} of "events"/"results" ${n === 1 ? 'is' : 'are'} not a log event — skipped`,
  'invalid-json': (n) => `${plural(n, 'event')} ${n === 1 ? 'is' : 'are'} not valid JSON — skipped`,
  oversize: (n) => `${plural(n, 'event')} longer than 2 MiB skipped`,
  'oversize-document': (n) => `${plural(n, 'JSON object')} longer than 2 MiB without an "events" or "results" array skipped`,
  junk: (n) => `text that is not JSON found between documents (${plural(n, 'place')}) — ignored`,
  resync: (n) => `broken JSON (${plural(n, 'place')} where a line ends inside a string or a document is cut short) — read on after it`,
};

/**
 * What the JSON scanner finds, turned into events: "events" elements straight away, Logs Insights
 * rows at the end (sorted ascending by time, since Insights often returns newest first),
 * document-level objects that are events (JSON streams), and problems for the rest.
 */
export class JsonLogHandler implements JsonScanHandler {
  private readonly rows: EventFields[] = [];
  private insightsStatus: string | undefined;
  private structuredDocuments = 0;

  constructor(
    private readonly assembler: LogEventAssembler,
    private readonly problems: FileProblems,
  ) {}

  event(value: unknown): void {
    const fields = fieldsFromApiEvent(value);
    if (fields) this.assembler.add(fields);
    else this.issue('not-an-element', JSON.stringify(value)?.slice(0, 60) ?? '');
  }

  row(value: unknown): void {
    const fields = fieldsFromInsightsRow(value);
    if (fields) this.rows.push(fields);
    else
      this.problems.tally(
        'insights-row',
        (n) => `${plural(n, 'Logs Insights row')} without @timestamp or @message (an aggregate query?) — skipped`,
        quoteExcerpt(JSON.stringify(value) ?? ''),
      );
  }

  document(value: unknown): void {
    if (isJsonObject(value) && isEventWrapper(value)) {
      const fields = fieldsFromApiEvent(value);
      if (fields) {
        this.assembler.add(fields);
        return;
      }
    }
    // A bare JSON record (an access-log line or a structured Lambda log exported as JSON Lines, an
    // S3/Firehose export): the record is the message and content decides what it is.
    if (isJsonObject(value) && Object.keys(value).length >= 2 && !('results' in value) && !('events' in value)) {
      this.structuredDocuments++;
      this.assembler.add({ timestamp: timeOfStructuredMessage(value) ?? timeOfAccessRecord(value), message: JSON.stringify(value) });
      return;
    }
    const keys = isJsonObject(value) ? Object.keys(value).slice(0, 6).join(', ') : typeof value;
    this.problems.tally(
      'unknown-document',
      (n) =>
        `${n === 1 ? 'JSON of an unknown shape' : `${n} JSON documents of an unknown shape`} — expected the output of ` +
        'aws logs filter-log-events, get-log-events or get-query-results, or events {"timestamp","message"} — skipped',
      `keys: ${keys}`,
    );
  }

  /** Remembered, and reported at the end only for a file that held Logs Insights rows ("status" is a common record key too). */
  status(value: string): void {
    this.insightsStatus = value;
  }

  issue(kind: ScanIssue, excerpt: string): void {
    this.problems.tally(kind, ISSUE_TEXT[kind], excerpt.length > 0 ? quoteExcerpt(excerpt) : undefined);
  }

  /** Emits the Insights rows, oldest first. */
  finish(): void {
    const rows = this.rows;
    if (rows.length > 0 && this.insightsStatus !== undefined && this.insightsStatus !== 'Complete') {
      this.problems.report(`the Logs Insights query's status is ${JSON.stringify(this.insightsStatus)}, not "Complete": its results may be partial`);
    }
    if (rows.length === 0) return;
    // Rows without a time take the previous row's, in the order the query returned them.
    let last: number | undefined;
    for (const row of rows) {
      if (row.timestamp === undefined) row.timestamp = last;
      else last = row.timestamp;
    }
    const first = rows[0]?.timestamp ?? 0;
    const final = rows[rows.length - 1]?.timestamp ?? 0;
    // Newest first: reverse before the (stable) sort so that rows of the same millisecond keep their order.
    if (first > final) rows.reverse();
    rows.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
    for (const row of rows) this.assembler.add(row);
    this.rows.length = 0;
  }
}

/** Access-log records carry their time as requestTimeEpoch or a CLF requestTime ("10/Mar/2026:14:00:00 +0000"). */
function timeOfAccessRecord(obj: Record<string, unknown>): number | undefined {
  for (const key of ['requestTime', 'request_time', 'time', 'ts']) {
    const v = obj[key];
    if (typeof v !== 'string') continue;
    const clf = /^(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})$/.exec(v);
    const t = clf ? Date.parse(`${clf[2]} ${clf[1]} ${clf[3]} ${clf[4]}:${clf[5]}:${clf[6]} GMT${clf[7]}`) : Date.parse(v);
    if (Number.isFinite(t)) return t;
  }
  return undefined;
}
