import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Bytes gathered before one write: keeps the generator's memory flat whatever the bundle's size. */
const FLUSH_CHARS = 1 << 20;

/** A file written front to back in 1 MiB writes. */
export class FileOut {
  private readonly fd: number;
  private parts: string[] = [];
  private chars = 0;
  bytes = 0;

  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, 'w');
  }

  write(text: string): void {
    this.parts.push(text);
    this.chars += text.length;
    if (this.chars >= FLUSH_CHARS) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    const data = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.fd, data);
    this.bytes += data.length;
    this.parts = [];
    this.chars = 0;
  }
}
