import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Reads every logs/** file of a bundle back into plain events, whatever of our formats it was written in. */

export interface ReadEvent {
  timestamp?: number;
  message: string;
  file: string;
}

export interface ReadResult {
  events: ReadEvent[];
  problems: string[];
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

function insightsTime(value: string): number | undefined {
  const t = Date.parse(`${value.replace(' ', 'T')}Z`);
  return Number.isNaN(t) ? undefined : t;
}

const TAIL_LONG = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00) (\S+) (.*)$/;
const TAIL_SHORT = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d) (.*)$/;

function fieldValue(row: unknown, name: string): string | undefined {
  if (!Array.isArray(row)) return undefined;
  for (const cell of row) {
    if (typeof cell === 'object' && cell !== null && Reflect.get(cell, 'field') === name) {
      const v: unknown = Reflect.get(cell, 'value');
      return typeof v === 'string' ? v : undefined;
    }
  }
  return undefined;
}

export function readBundleLogs(bundleDir: string): ReadResult {
  const events: ReadEvent[] = [];
  const problems: string[] = [];
  const logsDir = join(bundleDir, 'logs');
  let files: string[] = [];
  try {
    files = walk(logsDir);
  } catch {
    return { events, problems: ['no logs/ folder'] };
  }
  for (const path of files) {
    const file = relative(bundleDir, path);
    const text = readFileSync(path, 'utf8');
    if (path.endsWith('.json')) {
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (e) {
        problems.push(`${file}: not JSON (${String(e)})`);
        continue;
      }
      const list: unknown = typeof doc === 'object' && doc !== null ? Reflect.get(doc, 'events') ?? Reflect.get(doc, 'results') : undefined;
      if (!Array.isArray(list)) {
        problems.push(`${file}: neither events nor results`);
        continue;
      }
      for (const item of list) {
        if (Array.isArray(item)) {
          const message = fieldValue(item, '@message');
          const ts = fieldValue(item, '@timestamp');
          if (message === undefined || ts === undefined) problems.push(`${file}: a result row without @message/@timestamp`);
          else events.push({ timestamp: insightsTime(ts), message, file });
        } else if (typeof item === 'object' && item !== null) {
          const message: unknown = Reflect.get(item, 'message');
          const timestamp: unknown = Reflect.get(item, 'timestamp');
          if (typeof message !== 'string' || typeof timestamp !== 'number') problems.push(`${file}: an event without message/timestamp`);
          else events.push({ timestamp, message, file });
        }
      }
    } else if (path.endsWith('.jsonl')) {
      for (const [i, line] of text.split('\n').entries()) {
        if (line.trim() === '') continue;
        let doc: unknown;
        try {
          doc = JSON.parse(line);
        } catch {
          problems.push(`${file}:${i + 1}: not JSON`);
          continue;
        }
        if (typeof doc !== 'object' || doc === null) continue;
        const m: unknown = Reflect.get(doc, 'message') ?? Reflect.get(doc, '@message');
        const t: unknown = Reflect.get(doc, 'timestamp') ?? Reflect.get(doc, '@timestamp');
        if (typeof m !== 'string') {
          problems.push(`${file}:${i + 1}: no message`);
          continue;
        }
        events.push({ timestamp: typeof t === 'number' ? t : typeof t === 'string' ? insightsTime(t) : undefined, message: m, file });
      }
    } else {
      // Plain text or `aws logs tail`: a line without a leading time continues the event before it.
      let current: ReadEvent | undefined;
      for (const line of text.split('\n')) {
        if (line === '') continue;
        const long = TAIL_LONG.exec(line);
        const short = long ? null : TAIL_SHORT.exec(line);
        if (long) {
          current = { timestamp: Date.parse(long[1] ?? ''), message: long[3] ?? '', file };
          events.push(current);
        } else if (short) {
          current = { timestamp: Date.parse(`${short[1] ?? ''}Z`), message: short[2] ?? '', file };
          events.push(current);
        } else if (current && (file.endsWith('.txt') || /^(\s|\u00a0|Traceback|Runtime\.|XRAY|java\.|\tat |Require stack|- \/var)/.test(line))) {
          current.message += `\n${line}`;
        } else {
          current = { message: line, file };
          events.push(current);
        }
      }
    }
  }
  return { events, problems };
}
