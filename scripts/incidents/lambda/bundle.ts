import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RootCauseId } from '../../../shared/model/rootCauses.ts';

/** A bundle being assembled in memory: bundle-relative path -> file content. */
export interface Expected {
  rootCause: RootCauseId;
  findings: RootCauseId[];
  failingRequests: number;
  api: { id: string; stage: string; type: 'REST' | 'HTTP' };
  notes: string;
}

export class Bundle {
  readonly files = new Map<string, string>();
  constructor(readonly name: string) {}

  json(path: string, value: unknown): void {
    this.files.set(path, `${JSON.stringify(value, null, 4)}\n`);
  }

  text(path: string, content: string): void {
    this.files.set(path, content);
  }

  expected(value: Expected): void {
    this.files.set('expected.json', `${JSON.stringify(value, null, 2)}\n`);
  }

  readme(markdown: string): void {
    this.files.set('README.md', `${markdown.trim()}\n`);
  }

  size(): number {
    let total = 0;
    for (const content of this.files.values()) total += Buffer.byteLength(content, 'utf8');
    return total;
  }

  /** Replaces the bundle's folder under `root` with this content. */
  write(root: string): void {
    const dir = join(root, this.name);
    rmSync(dir, { recursive: true, force: true });
    for (const [path, content] of this.files) {
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
}

/** logs/<group without leading slash>.<ext>: the path names the log group (contract section 1). */
export function logPath(logGroup: string, ext: string, stream?: string): string {
  const group = logGroup.replace(/^\//, '');
  return stream === undefined ? `logs/${group}.${ext}` : `logs/${group}/${stream.replace(/[/[\]$]/g, '_')}.${ext}`;
}
