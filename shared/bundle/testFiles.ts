/** Helpers for the bundle reader tests: temporary files and reading a whole log file. */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LogEvent, ReadProblem } from '../model/logEvent.ts';
import { readLogFile } from './readLogFile.ts';

export const READER_FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/readers');

export interface TempDir {
  dir: string;
  write(relPath: string, content: string | Buffer): string;
  remove(): void;
}

export function makeTempDir(prefix = 'apigw-doctor-bundle-'): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    write(relPath, content) {
      const abs = path.join(dir, relPath);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, content);
      return abs;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function readAll(
  absPath: string,
  file = 'logs/test.json',
  groupHint: string | undefined = undefined,
): Promise<{ events: LogEvent[]; problems: ReadProblem[] }> {
  const problems: ReadProblem[] = [];
  const events: LogEvent[] = [];
  for await (const event of readLogFile(absPath, file, groupHint, problems)) events.push(event);
  return { events, problems };
}
