/** Collects a bundle's files in memory and writes them under events/incidents/<name>/. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { extensionOf, renderLogFile, type LogFileShape, type LogLine } from './logFiles.ts';
import { seededRandom, seedOf, type Random } from './random.ts';

export interface Expected {
  rootCause: string;
  findings: string[];
  failingRequests: number;
  api: { id: string; stage: string; type: 'REST' | 'HTTP' };
  notes: string;
}

export class Bundle {
  readonly files = new Map<string, string | Uint8Array>();
  readonly rng: Random;

  constructor(readonly name: string) {
    this.rng = seededRandom(seedOf(name));
  }

  /** JSON the way the AWS CLI prints it: 4-space indentation. */
  json(path: string, value: unknown): void {
    this.files.set(path, `${JSON.stringify(value, null, 4)}\n`);
  }

  text(path: string, content: string): void {
    this.files.set(path, content);
  }

  bytes(path: string, content: Uint8Array): void {
    this.files.set(path, content);
  }

  /** Log file for a group: logs/<group without leading slash><ext>, or an explicit path below logs/. */
  logs(shape: LogFileShape, lines: readonly LogLine[], path?: string): string {
    const first = lines[0];
    const base = path ?? `logs/${(first?.group ?? 'unknown').replace(/^\//, '')}`;
    const full = `${base}${extensionOf(shape)}`;
    this.files.set(full, renderLogFile(shape, lines, this.rng));
    return full;
  }

  expected(expected: Expected): void {
    this.json('expected.json', expected);
  }

  readme(markdown: string): void {
    this.files.set('README.md', `${markdown.trim()}\n`);
  }

  write(root: string): { name: string; bytes: number; files: number } {
    const dir = join(root, this.name);
    rmSync(dir, { recursive: true, force: true });
    let bytes = 0;
    for (const [path, content] of [...this.files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
      bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
    }
    return { name: this.name, bytes, files: this.files.size };
  }
}
