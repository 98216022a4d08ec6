/**
 * Reads one small JSON document of a bundle (alarm, stage, deployments, export, functions,
 * metrics, changes, traces): gzip, BOM and UTF-16 aware, problems instead of throws.
 */
import type { ReadProblem } from '../model/logEvent.ts';
import { decodedChunks } from './decodedStream.ts';
import { FileProblems, quoteExcerpt } from './fileProblems.ts';
import { MAX_DOCUMENT_BYTES } from './readLimits.ts';

/** Where each top-level JSON value of a text ends; stops at the first text that is not JSON. */
export function topLevelValueEnds(text: string, from = 0): { ends: number[]; stoppedAt: number } {
  const ends: number[] = [];
  let depth = 0;
  let inString = false;
  let i = from;
  let valueStarted = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) {
        inString = false;
        if (depth === 0) {
          ends.push(i + 1);
          valueStarted = false;
        }
      }
      continue;
    }
    if (c === 0x22) {
      inString = true;
      valueStarted = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      valueStarted = true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth < 0) break;
      if (depth === 0) {
        ends.push(i + 1);
        valueStarted = false;
      }
    } else if (depth === 0 && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      // Numbers and literals at top level are not documents.
      break;
    }
  }
  if (valueStarted || depth > 0) return { ends, stoppedAt: Math.min(i, text.length) };
  return { ends, stoppedAt: i };
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Pages of the same AWS CLI output written one after the other: the list members (Events,
 * MetricDataResults, Traces, ...) are concatenated, the rest comes from the first page.
 */
export function mergePages(pages: JsonObject[]): JsonObject {
  const first = pages[0] ?? {};
  const merged: JsonObject = { ...first };
  for (const [key, value] of Object.entries(first)) {
    if (!Array.isArray(value)) continue;
    const all: unknown[] = [];
    for (const page of pages) {
      const part = page[key];
      if (Array.isArray(part)) all.push(...part);
    }
    merged[key] = all;
  }
  return merged;
}

function notJsonHint(text: string): string {
  const firstLine = text.trimStart().split('\n', 1)[0] ?? '';
  if (/^[A-Za-z][\w-]*:(\s|$)/.test(firstLine)) return ' (it looks like YAML: save the command\'s output with --output json)';
  if (/^[A-Z][A-Z_]+\t/.test(firstLine)) return ' (it looks like --output text: save the command\'s output with --output json)';
  if (/^<\?xml|^<[A-Za-z]/.test(firstLine)) return ' (it looks like XML)';
  return '';
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The parsed document, or undefined with a problem pushed: file missing or unreadable, larger
 * than maxBytes (after decompression), empty, not JSON, truncated. Several documents one after
 * the other (pages appended with >>) are merged; text before the JSON (a warning line) is skipped.
 */
export async function readJsonDocument(
  absPath: string,
  file: string,
  problems: ReadProblem[],
  maxBytes = MAX_DOCUMENT_BYTES,
): Promise<unknown | undefined> {
  const fileProblems = new FileProblems(file, problems);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of decodedChunks(absPath, fileProblems)) {
    size += chunk.length;
    if (size > maxBytes) {
      fileProblems.report(`larger than ${sizeText(maxBytes)} — skipped`);
      return undefined;
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks, size).toString('utf8');
  if (text.trim().length === 0) {
    if (fileProblems.count === 0) fileProblems.report('empty file — skipped');
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    return recover(text, err, fileProblems);
  }
}

function recover(text: string, err: unknown, problems: FileProblems): unknown {
  // Text before the JSON, such as a warning the CLI printed to the same file.
  let start = 0;
  const first = text.search(/\S/);
  const c = text.charCodeAt(first);
  if (c !== 0x7b && c !== 0x5b) {
    const m = /^[ \t]*[{[]/m.exec(text);
    if (!m) {
      problems.report(`not JSON (starts with ${quoteExcerpt(text.trimStart(), 40)})${notJsonHint(text)} — skipped`);
      return undefined;
    }
    start = m.index;
  } else {
    start = first;
  }
  const { ends, stoppedAt } = topLevelValueEnds(text, start);
  const values: unknown[] = [];
  let from = start;
  for (const end of ends) {
    const value = parseOrUndefined(text.slice(from, end));
    if (value === undefined) break;
    values.push(value);
    from = end;
  }
  const skippedBefore = start > first ? ` (${start - first} characters of text before it skipped)` : '';
  const rest = text.slice(from).trim();
  if (values.length === 0) {
    const message = err instanceof Error ? err.message : String(err);
    const truncated = stoppedAt >= text.length || /end of (JSON )?input|Unterminated/i.test(message);
    problems.report(
      truncated
        ? `truncated JSON (it ends after ${Buffer.byteLength(text)} bytes without closing)${skippedBefore} — skipped`
        : `not valid JSON (${message})${skippedBefore} — skipped`,
    );
    return undefined;
  }
  if (rest.length > 0) {
    problems.report(`JSON followed by ${rest.length} characters that are not JSON (${quoteExcerpt(rest, 30)}) — ignored`);
  }
  if (skippedBefore) problems.report(`read the JSON that follows some text${skippedBefore}`);
  if (values.length === 1) return values[0];
  if (values.every(isObject)) {
    problems.report(`holds ${values.length} JSON documents one after another: read as pages of one output`);
    return mergePages(values);
  }
  problems.report(`holds ${values.length} JSON documents one after another: only the first was read`);
  return values[0];
}
