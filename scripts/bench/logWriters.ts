/**
 * The file formats a bundle's logs/ folder holds (contract section 1), written one event at a time:
 * `aws logs filter-log-events` / `get-log-events` output (AWS CLI v2: 4-space indent, or minified as
 * `jq -c` and SDK dumps write it), JSON Lines, `aws logs tail` text and `aws logs get-query-results`.
 * Shapes: events/incidents/rest-lambda-timeout (README "Where the shapes come from") and
 * awscli/customizations/logs/tail.py for tail's line prefix.
 */
import { FileOut } from './fileOut.ts';
import { Rng } from './rng.ts';

/** One log event as CloudWatch Logs stores it. */
export interface SimEvent {
  timestamp: number;
  message: string;
  logStream: string;
}

export interface LogWriter {
  readonly file: string;
  events: number;
  write(event: SimEvent): void;
  /** Ends the file; returns its size in bytes. */
  close(): number;
}

/** CloudWatch Logs delivers an event a fraction of a second to a few seconds after its time. */
function ingestionTime(rng: Rng, timestamp: number): number {
  return timestamp + rng.between(150, 2400);
}

/** filter-log-events eventIds are 56 decimal digits. */
function eventId(rng: Rng): string {
  return `3${rng.digits(55)}`;
}

export interface EventsJsonOptions {
  pretty: boolean;
  /** filter-log-events names each event's stream; get-log-events (one stream a call) does not. */
  command: 'filter-log-events' | 'get-log-events';
  seed: number;
}

/** `aws logs filter-log-events` / `get-log-events` output: {"events":[...], ...}. */
export class EventsJsonWriter implements LogWriter {
  events = 0;
  private readonly out: FileOut;
  private readonly rng: Rng;

  constructor(
    readonly file: string,
    private readonly options: EventsJsonOptions,
  ) {
    this.out = new FileOut(file);
    this.rng = new Rng(options.seed);
    this.out.write(options.pretty ? '{\n    "events": [' : '{"events":[');
  }

  write(event: SimEvent): void {
    const filter = this.options.command === 'filter-log-events';
    const message = JSON.stringify(event.message);
    const ingested = ingestionTime(this.rng, event.timestamp);
    const comma = this.events === 0 ? '' : ',';
    if (this.options.pretty) {
      const i = '            ';
      this.out.write(
        `${comma}\n        {\n` +
          (filter ? `${i}"logStreamName": ${JSON.stringify(event.logStream)},\n` : '') +
          `${i}"timestamp": ${event.timestamp},\n${i}"message": ${message},\n${i}"ingestionTime": ${ingested}` +
          (filter ? `,\n${i}"eventId": "${eventId(this.rng)}"` : '') +
          '\n        }',
      );
    } else {
      this.out.write(
        `${comma}{` +
          (filter ? `"logStreamName":${JSON.stringify(event.logStream)},` : '') +
          `"timestamp":${event.timestamp},"message":${message},"ingestionTime":${ingested}` +
          (filter ? `,"eventId":"${eventId(this.rng)}"` : '') +
          '}',
      );
    }
    this.events++;
  }

  close(): number {
    const pretty = this.options.pretty;
    if (this.options.command === 'filter-log-events') {
      this.out.write(pretty ? '\n    ],\n    "searchedLogStreams": []\n}\n' : '],"searchedLogStreams":[]}\n');
    } else {
      const forward = `f/${this.rng.digits(56)}/s`;
      const backward = `b/${this.rng.digits(56)}/s`;
      this.out.write(
        pretty
          ? `\n    ],\n    "nextForwardToken": "${forward}",\n    "nextBackwardToken": "${backward}"\n}\n`
          : `],"nextForwardToken":"${forward}","nextBackwardToken":"${backward}"}\n`,
      );
    }
    this.out.close();
    return this.out.bytes;
  }
}

/** JSON Lines: `jq -c '.events[]'` of filter-log-events output, one event object a line. */
export class JsonLinesWriter implements LogWriter {
  events = 0;
  private readonly out: FileOut;
  private readonly rng: Rng;

  constructor(
    readonly file: string,
    seed: number,
    /** With logStreamName/ingestionTime/eventId (jq of filter-log-events), or just {"timestamp","message"}. */
    private readonly full: boolean,
  ) {
    this.out = new FileOut(file);
    this.rng = new Rng(seed);
  }

  write(event: SimEvent): void {
    const message = JSON.stringify(event.message);
    this.out.write(
      this.full
        ? `{"logStreamName":${JSON.stringify(event.logStream)},"timestamp":${event.timestamp},"message":${message},"ingestionTime":${ingestionTime(this.rng, event.timestamp)},"eventId":"${eventId(this.rng)}"}\n`
        : `{"timestamp":${event.timestamp},"message":${message}}\n`,
    );
    this.events++;
  }

  close(): number {
    this.out.close();
    return this.out.bytes;
  }
}

/** 2026-03-10T14:04:37.296000+00:00, as `aws logs tail` prints times (isoformat, microseconds). */
function tailTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000+00:00`;
}

/**
 * `aws logs tail` (detailed format): `<time> <stream> <message>`, the message right-stripped, its
 * own line breaks printed as they are (so a stack trace or REPORT's XRAY line goes on over lines).
 */
export class TailWriter implements LogWriter {
  events = 0;
  private readonly out: FileOut;

  constructor(readonly file: string) {
    this.out = new FileOut(file);
  }

  write(event: SimEvent): void {
    this.out.write(`${tailTime(event.timestamp)} ${event.logStream} ${event.message.trimEnd()}\n`);
    this.events++;
  }

  close(): number {
    this.out.close();
    return this.out.bytes;
  }
}

/** Logs Insights prints times without a zone: 2026-03-10 14:02:11.123 (UTC). */
function insightsTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
}

/**
 * `aws logs get-query-results` of `fields @timestamp, @message, @logStream, @log | sort @timestamp desc
 * | limit 10000`: the newest rows only (Logs Insights returns at most 10,000), newest first.
 */
export class QueryResultsWriter implements LogWriter {
  events = 0;
  private readonly ring: SimEvent[] = [];
  private next = 0;
  private matched = 0;
  private readonly rng: Rng;

  constructor(
    readonly file: string,
    private readonly logGroupWithAccount: string,
    seed: number,
    private readonly limit = 10_000,
  ) {
    this.rng = new Rng(seed);
  }

  write(event: SimEvent): void {
    this.matched++;
    if (this.ring.length < this.limit) this.ring.push(event);
    else this.ring[this.next] = event;
    this.next = (this.next + 1) % this.limit;
  }

  close(): number {
    const out = new FileOut(this.file);
    const rows = this.ring.length < this.limit ? [...this.ring] : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    rows.reverse();
    out.write('{\n    "results": [');
    const cell = (field: string, value: string) =>
      `                {\n                    "field": "${field}",\n                    "value": ${JSON.stringify(value)}\n                }`;
    rows.forEach((row, index) => {
      const ptr = `Cm${this.rng.hex(8)}Ch${this.rng.hex(40)}EAEY${this.rng.hex(12)}`;
      out.write(
        `${index === 0 ? '' : ','}\n            [\n` +
          [
            cell('@timestamp', insightsTime(row.timestamp)),
            cell('@message', row.message),
            cell('@logStream', row.logStream),
            cell('@log', this.logGroupWithAccount),
            cell('@ptr', ptr),
          ].join(',\n') +
          '\n            ]',
      );
    });
    this.events = rows.length;
    const bytesScanned = this.matched * 160;
    out.write(
      `\n    ],\n    "statistics": {\n        "recordsMatched": ${this.matched}.0,\n        "recordsScanned": ${this.matched}.0,\n` +
        `        "bytesScanned": ${bytesScanned}.0\n    },\n    "status": "Complete"\n}\n`,
    );
    out.close();
    return out.bytes;
  }
}
