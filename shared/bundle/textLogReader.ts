/**
 * Line-oriented log files: JSON Lines, `aws logs tail` output and plain text, one message per line.
 *
 * `aws logs tail` (awscli/customizations/logs/tail.py) prints each event as
 *   detailed (default): `<timestamp.isoformat(timespec='microseconds')> <logStreamName> <message>`,
 *                       e.g. `2026-03-10T14:04:37.296000+00:00 2026/03/10/[$LATEST]abcdef0123 START RequestId: ...`
 *   json:               the same with `isoformat()` (no fraction when it is zero) and a JSON message
 *                       pretty-printed on the lines that follow
 *   short:              `<%Y-%m-%dT%H:%M:%S> <message>`
 * each message right-stripped, so a message with line breaks (a traceback, REPORT and its XRAY
 * line) goes on over lines that do not start with a time: they continue the event before them.
 *
 * Plain text has no such prefix: every line is a message, its time the one the message starts with
 * (Lambda's `2026-03-10T14:04:37.296Z\t<id>\tINFO\t...`, Python's `[ERROR]\t2026-...Z\t<id>\t...`)
 * or else the previous event's; lines that are obviously the rest of a message (indented, stack
 * frames, "Caused by", the XRAY line after REPORT, a Python exception line ending a traceback)
 * continue the message before them.
 */
import type { EventFields } from './logEventShape.ts';
import { fieldsFromApiEvent, isEventWrapper, isJsonObject, timeOfStructuredMessage } from './logEventShape.ts';
import type { FileProblems } from './fileProblems.ts';
import { quoteExcerpt, plural } from './fileProblems.ts';
import { MAX_LINE_BYTES, MAX_MESSAGE_CHARS } from './readLimits.ts';
import { leadingTime, parseTimeValue } from './timestamps.ts';

export type TextMode = 'jsonl' | 'tail' | 'plain';

const LF = 0x0a;
const TAIL_DETAILED = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?[+-]\d{2}:\d{2}) (\S+)(?: (.*))?$/;
const TAIL_SHORT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?: (.*))?$/;
const ANSI_ESCAPE = /\x1b\[[0-9;]*[A-Za-z]/g;
const CONTINUATION_START =
  /^(?:Traceback \(most recent call last\)|at |Caused by|XRAY TraceId|\.\.\. \d+ (?:more|common frames omitted)|During handling of the above exception|The above exception was the direct cause|Suppressed: |Exception in thread)/;
const CLOSING_BRACKETS = /^(?:[\]})]+|\{\}|\[\])[,;]?$/;
// A Java exception line printed under a log line: "com.amazonaws.services.dynamodbv2.model.FooException: ..."
const JAVA_EXCEPTION_LINE = /^(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable)(?::\s|$)/;
// The exception line that ends a Python traceback: "KeyError: 'x'", "botocore.exceptions.ClientError: An error occurred ..."
const PYTHON_EXCEPTION_LINE = /^[A-Za-z_][\w.]*(?::\s|:$|$)/;
/** Lines held back to decide the mode. */
const LOOKAHEAD_LINES = 20;

interface OpenEvent {
  timestamp: number | undefined;
  logStream: string | undefined;
  parts: string[];
  chars: number;
  inTraceback: boolean;
  lastIndented: boolean;
  cut: boolean;
}

/** Decides how to read a file from its first lines. */
export function detectTextMode(lines: readonly string[]): TextMode {
  const first = lines.find((l) => l.trim().length > 0);
  if (first === undefined) return 'plain';
  if (first.trimStart().startsWith('{')) {
    const parsed = tryParse(first);
    if (isJsonObject(parsed) && isEventWrapper(parsed)) return 'jsonl';
  }
  for (const line of lines) {
    if (TAIL_DETAILED.test(line) || TAIL_SHORT.test(line)) return 'tail';
    if (leadingTime(line) !== undefined) return 'plain';
  }
  return 'plain';
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Indented by spaces, tabs, or the no-break spaces Lambda's Python runtime puts before traceback lines. */
function startsIndented(line: string): boolean {
  const c = line.charCodeAt(0);
  return c === 0x20 || c === 0x09 || c === 0xa0;
}

export class TextLogReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private skippingLine = false;
  private lookahead: { text: string; number: number }[] | undefined = [];
  private lookaheadNonEmpty = 0;
  private mode: TextMode | undefined;
  private current: OpenEvent | undefined;
  private blankLines = 0;
  private lineNumber = 0;
  /** Time of the last event opened, when it had one. */
  private lastTime: number | undefined;

  constructor(
    private readonly emit: (fields: EventFields) => void,
    private readonly problems: FileProblems,
    mode?: TextMode,
  ) {
    this.mode = mode;
    if (mode !== undefined) this.lookahead = undefined;
  }

  get detectedMode(): TextMode | undefined {
    return this.mode;
  }

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const lf = chunk.indexOf(LF, start);
      if (lf < 0) break;
      if (this.skippingLine) {
        this.skippingLine = false;
      } else if (this.pendingBytes + (lf - start) > MAX_LINE_BYTES) {
        this.longLine();
      } else if (this.pendingBytes > 0) {
        this.pending.push(chunk.subarray(start, lf));
        const line = Buffer.concat(this.pending).toString('utf8');
        this.pending = [];
        this.pendingBytes = 0;
        this.line(line);
      } else {
        this.line(chunk.toString('utf8', start, lf));
      }
      start = lf + 1;
    }
    if (start < chunk.length && !this.skippingLine) {
      const rest = chunk.length - start;
      if (this.pendingBytes + rest > MAX_LINE_BYTES) {
        this.longLine();
        this.skippingLine = true;
      } else {
        // Copy: the chunk may be large and only this tail is needed.
        this.pending.push(Buffer.from(chunk.subarray(start)));
        this.pendingBytes += rest;
      }
    }
  }

  end(): void {
    if (this.pendingBytes > 0) {
      const line = Buffer.concat(this.pending).toString('utf8');
      this.pending = [];
      this.pendingBytes = 0;
      this.line(line);
    }
    this.decide();
    this.flush();
  }

  private longLine(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.lineNumber++;
    const line = this.lineNumber;
    this.problems.tally('long-line', (n) => `${plural(n, 'line')} longer than 1 MiB skipped`, `line ${line}`);
  }

  private line(raw: string): void {
    this.lineNumber++;
    let text = raw.charCodeAt(raw.length - 1) === 0x0d ? raw.slice(0, -1) : raw;
    if (text.includes('\x1b')) text = text.replace(ANSI_ESCAPE, '');
    if (this.lookahead !== undefined) {
      this.lookahead.push({ text, number: this.lineNumber });
      if (text.trim().length > 0) this.lookaheadNonEmpty++;
      if (this.lookaheadNonEmpty >= LOOKAHEAD_LINES) this.decide();
      return;
    }
    this.handle(text, this.lineNumber);
  }

  private decide(): void {
    const held = this.lookahead;
    if (held === undefined) return;
    this.lookahead = undefined;
    this.mode ??= detectTextMode(held.map((l) => l.text));
    const first = held.find((l) => l.text.trim().length > 0)?.text ?? '';
    if (/^(?:EVENTS|RESULTS|SEARCHEDLOGSTREAMS|NEXTTOKEN)\t/.test(first)) {
      this.problems.report('looks like `--output text` of an aws logs command: read as plain lines, without times (save it with --output json)');
    }
    for (const line of held) this.handle(line.text, line.number);
  }

  private handle(line: string, lineNumber: number): void {
    if (this.mode === 'jsonl') this.jsonLine(line, lineNumber);
    else if (this.mode === 'tail') this.tailLine(line);
    else this.plainLine(line);
  }

  private jsonLine(line: string, lineNumber: number): void {
    if (line.trim().length === 0) return;
    const parsed = tryParse(line);
    if (isJsonObject(parsed)) {
      if (isEventWrapper(parsed)) {
        const fields = fieldsFromApiEvent(parsed);
        if (fields) {
          this.emit(fields);
          return;
        }
      }
      this.emit({ timestamp: timeOfStructuredMessage(parsed), message: line });
      return;
    }
    this.problems.tally(
      'bad-json-line',
      (n) => `${plural(n, 'line')} of this JSON Lines file ${n === 1 ? 'is' : 'are'} not a JSON object — skipped`,
      `line ${lineNumber}: ${quoteExcerpt(line)}`,
    );
  }

  private tailLine(line: string): void {
    const detailed = TAIL_DETAILED.exec(line);
    if (detailed) {
      this.open(parseTimeValue(detailed[1]), detailed[2], detailed[3] ?? '');
      return;
    }
    const short = TAIL_SHORT.exec(line);
    if (short) {
      const message = short[2] ?? '';
      this.open(this.shortFormatTime(parseTimeValue(short[1]), message), undefined, message);
      return;
    }
    if (line.length === 0) {
      if (this.current) this.blankLines++;
      return;
    }
    if (this.current) this.append(line);
    else this.open(undefined, undefined, line);
  }

  /**
   * The short format keeps whole seconds. Within that second, the message's own time is more
   * precise when it has one; else the previous event's time keeps the file in order.
   */
  private shortFormatTime(second: number | undefined, message: string): number | undefined {
    if (second === undefined) return undefined;
    const own = leadingTime(message);
    if (own !== undefined && own >= second && own - second < 1000) return own;
    const previous = this.lastTime;
    return previous !== undefined && previous > second && previous - second < 1000 ? previous : second;
  }

  private plainLine(line: string): void {
    if (line.trim().length === 0) {
      if (this.current) this.blankLines++;
      return;
    }
    const current = this.current;
    if (current && this.continues(line, current)) {
      this.append(line);
      return;
    }
    if (line.charCodeAt(0) === 0x7b /* { */) {
      const parsed = tryParse(line);
      if (isJsonObject(parsed)) {
        if (isEventWrapper(parsed)) {
          const fields = fieldsFromApiEvent(parsed);
          if (fields) {
            this.flush();
            this.emit(fields);
            return;
          }
        }
        this.open(timeOfStructuredMessage(parsed), undefined, line);
        return;
      }
    }
    this.open(leadingTime(line), undefined, line);
  }

  private continues(line: string, current: OpenEvent): boolean {
    if (startsIndented(line)) return true;
    if (CONTINUATION_START.test(line) || CLOSING_BRACKETS.test(line) || JAVA_EXCEPTION_LINE.test(line)) return true;
    return current.inTraceback && current.lastIndented && PYTHON_EXCEPTION_LINE.test(line);
  }

  private open(timestamp: number | undefined, logStream: string | undefined, firstLine: string): void {
    this.flush();
    if (timestamp !== undefined) this.lastTime = timestamp;
    this.current = {
      timestamp,
      logStream,
      parts: [firstLine],
      chars: firstLine.length,
      inTraceback: firstLine.includes('Traceback (most recent call last)'),
      lastIndented: false,
      cut: false,
    };
  }

  private append(line: string): void {
    const current = this.current;
    if (!current || current.cut) return;
    if (current.chars + line.length + this.blankLines + 1 > MAX_MESSAGE_CHARS) {
      this.blankLines = 0;
      current.cut = true;
      this.problems.tally('long-message', (n) => `${plural(n, 'message')} cut at 1 MiB (too many continuation lines)`);
      return;
    }
    for (; this.blankLines > 0; this.blankLines--) current.parts.push('');
    current.parts.push(line);
    current.chars += line.length + 1;
    if (line.startsWith('Traceback (most recent call last)')) current.inTraceback = true;
    current.lastIndented = startsIndented(line);
  }

  private flush(): void {
    this.blankLines = 0;
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    const parts = current.parts;
    // `aws logs tail --format json` puts a JSON message on the lines after the prefix.
    if (parts.length > 1 && parts[0] === '') parts.shift();
    const fields: EventFields = { timestamp: current.timestamp, message: parts.length === 1 ? (parts[0] ?? '') : parts.join('\n') };
    if (current.logStream !== undefined) fields.logStream = current.logStream;
    this.emit(fields);
  }
}
