import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { FileProblems } from './fileProblems.ts';
import { READ_CHUNK_BYTES } from './readLimits.ts';

/** Bytes looked at before deciding that a file is not text. */
const SNIFF_BYTES = 8192;
const EMPTY = Buffer.alloc(0);

type Encoding = 'utf8' | 'utf16le' | 'utf16be';

function startsWith(head: Buffer, bytes: number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

/** What an archive or compressor other than gzip is called, from its magic bytes. */
function otherArchive(head: Buffer): string | undefined {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive (unzip it into the bundle)';
  if (startsWith(head, [0x42, 0x5a, 0x68])) return 'bzip2-compressed (only gzip is read)';
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz-compressed (only gzip is read)';
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd-compressed (only gzip is read)';
  return undefined;
}

/** UTF-16 without a byte order mark: ASCII text has a NUL in every other byte. */
function bomlessUtf16(sample: Buffer): Encoding | undefined {
  const pairs = Math.floor(Math.min(sample.length, 512) / 2);
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenNul++;
    if (sample[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.7 && evenNul === 0) return 'utf16le';
  if (evenNul >= pairs * 0.7 && oddNul === 0) return 'utf16be';
  return undefined;
}

/**
 * Why the first bytes of a file (as UTF-8) are not text, or undefined when they are text. A NUL
 * after some text is left to the caller: that is a text file with a zero-filled or corrupt end.
 */
export function binaryReason(sample: Buffer): string | undefined {
  const nul = sample.indexOf(0);
  if (nul >= 0 && nul < 16) return `binary content (a NUL byte at byte ${nul})`;
  const text = nul >= 0 ? sample.subarray(0, nul) : sample;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const b = text[i] ?? 0;
    // Tab, line feed, vertical tab, form feed, carriage return and ESC (colour codes) are text.
    if (b < 0x20 && (b < 0x09 || b > 0x0d) && b !== 0x1b) control++;
  }
  const decoded = text.toString('utf8');
  let invalid = 0;
  for (let i = decoded.indexOf('\ufffd'); i >= 0; i = decoded.indexOf('\ufffd', i + 1)) invalid++;
  if ((control + invalid) * 10 > Math.max(decoded.length, 1)) return 'binary content (mostly bytes that are not text)';
  return undefined;
}

/** Turns UTF-16 chunks into UTF-8 bytes, across chunk boundaries. */
class Utf16ToUtf8 {
  private readonly decoder = new TextDecoder('utf-16le');
  private carry: number | undefined;

  constructor(private readonly bigEndian: boolean) {}

  convert(chunk: Buffer, final: boolean): Buffer {
    let bytes = chunk;
    if (this.bigEndian) {
      // Swap to little endian, keeping an odd byte for the next chunk.
      const joined = this.carry === undefined ? chunk : Buffer.concat([Buffer.from([this.carry]), chunk]);
      const even = joined.length - (joined.length % 2);
      this.carry = even < joined.length ? joined[even] : undefined;
      bytes = Buffer.from(joined.subarray(0, even));
      bytes.swap16();
    }
    return Buffer.from(this.decoder.decode(bytes, { stream: !final }), 'utf8');
  }
}

function gzipFailure(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/unexpected end of file/i.test(message)) return 'the gzip data ends early (truncated .gz file)';
  return `the gzip data is corrupt (${message})`;
}

function readFailure(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
  const message = err instanceof Error ? err.message : String(err);
  return code ?? message;
}

/**
 * The content of a bundle file as UTF-8 chunks: gzip (by its magic bytes) decompressed, a UTF-8
 * BOM stripped, UTF-16 (BOM, or NULs in every other byte) converted. Binary content, other
 * archives and read errors become problems and end the stream; this generator never throws
 * for the file's sake.
 */
export async function* decodedChunks(
  absPath: string,
  problems: FileProblems,
  chunkBytes = READ_CHUNK_BYTES,
): AsyncGenerator<Buffer, void, undefined> {
  let head: Buffer;
  try {
    const handle = await open(absPath, 'r');
    try {
      head = Buffer.alloc(8);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (err) {
    problems.report(`could not be read (${readFailure(err)}) — skipped`);
    return;
  }
  if (head.length === 0) return;
  const archive = otherArchive(head);
  if (archive !== undefined) {
    problems.report(`is ${archive} — skipped`);
    return;
  }

  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  const raw = createReadStream(absPath, { highWaterMark: chunkBytes });
  let source: Readable = raw;
  if (gzipped) {
    const gunzip = createGunzip({ chunkSize: Math.min(chunkBytes, 256 * 1024) });
    raw.on('error', (err) => gunzip.destroy(err));
    raw.pipe(gunzip);
    source = gunzip;
  }

  let encoding: Encoding | undefined;
  let utf16: Utf16ToUtf8 | undefined;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let sniffed = false;
  let offset = 0;

  /** Converts and checks one chunk: the bytes to pass on, and whether reading stops here. */
  const accept = (chunk: Buffer, final: boolean): { bytes: Buffer; stop: boolean } => {
    const out = utf16 ? utf16.convert(chunk, final) : chunk;
    if (!sniffed) {
      sniffed = true;
      const reason = binaryReason(out.subarray(0, SNIFF_BYTES));
      if (reason !== undefined) {
        problems.report(`not text: ${reason} — skipped`);
        return { bytes: EMPTY, stop: true };
      }
    }
    const nul = out.indexOf(0);
    if (nul >= 0) {
      problems.report(`${gzipped ? 'decompressed content' : 'content'} turns binary at byte ${offset + nul} (NUL bytes, e.g. a zero-filled or corrupt end) — read up to there`);
      offset += nul;
      return { bytes: out.subarray(0, nul), stop: true };
    }
    offset += out.length;
    return { bytes: out, stop: false };
  };

  /** Decides the encoding from the first bytes, stripping a BOM; undefined for an encoding not read. */
  const decide = (first: Buffer): Buffer | undefined => {
    if (startsWith(first, [0xef, 0xbb, 0xbf])) {
      encoding = 'utf8';
      return first.subarray(3);
    }
    if (startsWith(first, [0xff, 0xfe, 0x00, 0x00]) || startsWith(first, [0x00, 0x00, 0xfe, 0xff])) {
      problems.report('is UTF-32 text (save it as UTF-8) — skipped');
      return undefined;
    }
    if (startsWith(first, [0xff, 0xfe])) {
      encoding = 'utf16le';
      utf16 = new Utf16ToUtf8(false);
      return first.subarray(2);
    }
    if (startsWith(first, [0xfe, 0xff])) {
      encoding = 'utf16be';
      utf16 = new Utf16ToUtf8(true);
      return first.subarray(2);
    }
    encoding = bomlessUtf16(first) ?? 'utf8';
    if (encoding !== 'utf8') utf16 = new Utf16ToUtf8(encoding === 'utf16be');
    return first;
  };

  let failure: unknown;
  try {
    try {
      for await (const piece of source) {
        let chunk: Buffer | undefined = piece as Buffer;
        if (encoding === undefined) {
          // Collect enough bytes to see a BOM and sniff the content.
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (pendingBytes < SNIFF_BYTES) continue;
          chunk = decide(Buffer.concat(pending));
          pending = [];
          if (chunk === undefined) return;
        }
        const { bytes, stop } = accept(chunk, false);
        if (bytes.length > 0) yield bytes;
        if (stop) return;
      }
    } catch (err) {
      // A read or gunzip error: what came before it is still good.
      failure = err;
    }
    if (encoding === undefined) {
      const first = pendingBytes > 0 ? decide(Buffer.concat(pending)) : undefined;
      if (first !== undefined) {
        const { bytes, stop } = accept(first, true);
        if (bytes.length > 0) yield bytes;
        if (stop) return;
      } else if (pendingBytes > 0) {
        return;
      }
    } else if (utf16) {
      const tail = utf16.convert(EMPTY, true);
      if (tail.length > 0) yield tail;
    }
    if (failure !== undefined) {
      if (gzipped) problems.report(`${gzipFailure(failure)} — read the ${offset} bytes before that`);
      else problems.report(`could not be read completely (${readFailure(failure)}) — read the ${offset} bytes before that`);
    }
  } finally {
    raw.destroy();
    if (source !== raw) source.destroy();
  }
}
