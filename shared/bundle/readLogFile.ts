/**
 * Reads one log file of a bundle (contract section 1, logs/**) as a stream of LogEvents, whatever
 * its format: filter-log-events / get-log-events / get-query-results output (JSON, any size, pretty
 * or minified, pages one after another), JSON Lines, `aws logs tail` output or plain text, any of
 * them gzipped, with a BOM, or in UTF-16. The format is decided by the content, not the name.
 * Bad input never throws: problems go to `problems` and reading goes on where it can.
 */
import type { LogEvent, ReadProblem } from '../model/logEvent.ts';
import { decodedChunks } from './decodedStream.ts';
import { FileProblems, plural } from './fileProblems.ts';
import { JsonEventScanner } from './jsonEventScanner.ts';
import { JsonLogHandler } from './jsonLogHandler.ts';
import { LogEventAssembler } from './logEventAssembler.ts';
import { isEventWrapper, isJsonObject, timeOfStructuredMessage } from './logEventShape.ts';
import { MAX_LINE_BYTES } from './readLimits.ts';
import { TextLogReader } from './textLogReader.ts';

type Route = 'json' | 'text' | 'empty';

function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x0b;
}

function nextNonSpace(bytes: Buffer, from: number): number {
  let i = from;
  while (i < bytes.length && isSpace(bytes[i])) i++;
  return i;
}

/**
 * Which reader a file needs, from its first bytes; undefined while more bytes are needed.
 * JSON that starts with a document ("{" then a key, "[" then a value) goes to the scanner, unless
 * its first line is a complete event or structured log line: then it is JSON Lines / text.
 */
export function routeFor(bytes: Buffer, final: boolean): Route | undefined {
  const i = nextNonSpace(bytes, 0);
  if (i >= bytes.length) return final ? 'empty' : undefined;
  const first = bytes[i];
  if (first !== 0x7b && first !== 0x5b) return 'text';
  const j = nextNonSpace(bytes, i + 1);
  if (j >= bytes.length) return final ? 'json' : undefined;
  const second = bytes[j];
  if (first === 0x5b) {
    // "[{", "[[", "[]", '["' are JSON; "[ERROR]", "[INFO]" are text.
    return second === 0x7b || second === 0x5b || second === 0x5d || second === 0x22 ? 'json' : 'text';
  }
  if (second !== 0x22 && second !== 0x7d) return 'text';
  const lf = bytes.indexOf(0x0a, i);
  if (lf < 0 && !final) return bytes.length - i > MAX_LINE_BYTES ? 'json' : undefined;
  if (lf - i > MAX_LINE_BYTES) return 'json';
  let firstLine: unknown;
  try {
    firstLine = JSON.parse(bytes.toString('utf8', i, lf < 0 ? bytes.length : lf));
  } catch {
    return 'json'; // pretty-printed, or cut short: the scanner copes with both
  }
  if (!isJsonObject(firstLine)) return 'json';
  if ('events' in firstLine || 'results' in firstLine) return 'json';
  if (isEventWrapper(firstLine)) return 'text';
  // A structured log line (Lambda's JSON log format, Powertools...) saved one per line.
  const structured = timeOfStructuredMessage(firstLine) !== undefined || 'message' in firstLine || 'msg' in firstLine || 'level' in firstLine;
  return structured ? 'text' : 'json';
}

interface LogReader {
  push(chunk: Buffer): void;
  /** Ends the input; returns what the file lacked when it was cut short. */
  end(): string | undefined;
}

function jsonReader(assembler: LogEventAssembler, problems: FileProblems): LogReader {
  const handler = new JsonLogHandler(assembler, problems);
  const scanner = new JsonEventScanner(handler);
  return {
    push: (chunk) => scanner.push(chunk),
    end: () => {
      const cut = scanner.end();
      handler.finish();
      return cut;
    },
  };
}

function textReader(assembler: LogEventAssembler, problems: FileProblems): LogReader {
  const reader = new TextLogReader((fields) => assembler.add(fields), problems);
  return {
    push: (chunk) => reader.push(chunk),
    end: () => {
      reader.end();
      return undefined;
    },
  };
}

/**
 * The events of one log file in batches (one per chunk read): the cheaper way to consume a
 * large file. Each file's events come in file order, except Logs Insights rows, which come
 * sorted ascending by time at the end of the file.
 */
export async function* readLogFileBatches(
  absPath: string,
  file: string,
  groupHint: string | undefined,
  problems: ReadProblem[],
): AsyncGenerator<LogEvent[], void, undefined> {
  const fileProblems = new FileProblems(file, problems);
  const assembler = new LogEventAssembler(file, groupHint);
  let reader: LogReader | undefined;
  let head: Buffer[] = [];
  let headBytes = 0;
  let empty = false;
  let completed = false;
  try {
    for await (const chunk of decodedChunks(absPath, fileProblems)) {
      if (reader === undefined) {
        head.push(chunk);
        headBytes += chunk.length;
        const start = head.length === 1 ? chunk : Buffer.concat(head, headBytes);
        const route = routeFor(start, false);
        if (route === undefined) continue;
        head = [];
        reader = route === 'json' ? jsonReader(assembler, fileProblems) : textReader(assembler, fileProblems);
        reader.push(start);
      } else {
        reader.push(chunk);
      }
      const batch = assembler.take();
      if (batch.length > 0) yield batch;
    }
    if (reader === undefined) {
      const start = Buffer.concat(head, headBytes);
      const route = routeFor(start, true);
      if (route === undefined || route === 'empty') empty = true;
      else {
        reader = route === 'json' ? jsonReader(assembler, fileProblems) : textReader(assembler, fileProblems);
        reader.push(start);
      }
    }
    const cut = reader?.end();
    assembler.finish();
    const batch = assembler.take();
    if (batch.length > 0) yield batch;
    if (cut !== undefined) {
      fileProblems.report(`truncated after ${plural(assembler.count, 'event')} (the JSON ends ${cut}) — read what was complete`);
    }
    completed = true;
  } catch (err) {
    // Nothing in the data should get here; a bug in a reader must not stop the diagnosis either.
    fileProblems.report(`could not be read (${err instanceof Error ? err.message : String(err)}) — ${plural(assembler.count, 'event')} read before that`);
  } finally {
    fileProblems.flush();
    if (completed && assembler.count === 0 && fileProblems.count === 0) {
      fileProblems.report(empty ? 'empty file — skipped' : 'holds no log events');
    }
  }
}

/** The events of one log file, one by one (see readLogFileBatches). */
export async function* readLogFile(
  absPath: string,
  file: string,
  groupHint: string | undefined,
  problems: ReadProblem[],
): AsyncGenerator<LogEvent, void, undefined> {
  for await (const batch of readLogFileBatches(absPath, file, groupHint, problems)) {
    yield* batch;
  }
}
