/**
 * A byte-level scanner for CloudWatch Logs JSON of any size: it finds each element of the
 * "events" array of `aws logs filter-log-events` / `get-log-events` output (and of the "results"
 * array of `get-query-results`) and parses that element alone, so a file of gigabytes, pretty or
 * minified, is read in bounded memory. It also reads several such documents one after another
 * (pages), a top-level array of events, and event objects one after another (`jq '.events[]'`).
 *
 * It tracks only what it must: string and escape state, nesting depth, the role of each open
 * container, and the keys of document-level objects. Broken input never throws: the handler
 * hears about it and scanning goes on where it can (a raw line break inside a string, which JSON
 * forbids, is where it picks up again).
 */
import { MAX_JSON_ELEMENT_BYTES } from './readLimits.ts';

export type ScanIssue =
  /** An element of "events"/"results" that is not an object/array (a number, a string...). */
  | 'not-an-element'
  /** An element whose text is not valid JSON. */
  | 'invalid-json'
  /** An element longer than the limit. */
  | 'oversize'
  /** A document-level object longer than the limit that held no "events"/"results" array. */
  | 'oversize-document'
  /** Text between documents that is not JSON. */
  | 'junk'
  /** A line break inside a string or a misplaced bracket: the scanner dropped what it was in and resumed. */
  | 'resync';

export interface JsonScanHandler {
  /** An element of an "events" array (parsed). */
  event(value: unknown): void;
  /** An element of a "results" array (parsed). */
  row(value: unknown): void;
  /** A document-level object that was read whole: an event of a JSON stream, or a document of another shape. */
  document(value: unknown): void;
  /** The "status" of a get-query-results document. */
  status(value: string): void;
  issue(kind: ScanIssue, excerpt: string): void;
}

// Container roles.
const DOC = 0; // an array at document level: its elements are documents
const PAGE = 1; // an object at document level: its "events"/"results" arrays stream
const EVENTS = 2;
const ROWS = 3;
const OPAQUE = 4;

// Keys of a page that matter.
const KEY_NONE = 0;
const KEY_EVENTS = 1;
const KEY_RESULTS = 2;
const KEY_STATUS = 3;

// Where a page object is: expecting a key, a colon, a value, or a comma/end after a value.
const P_KEY = 0;
const P_COLON = 1;
const P_VALUE = 2;
const P_AFTER_VALUE = 3;

// Captures.
const CAP_NONE = 0;
const CAP_DOCUMENT = 1;
const CAP_EVENT = 2;
const CAP_ROW = 3;

// String kinds.
const STR_PLAIN = 0;
const STR_KEY = 1;
const STR_STATUS = 2;

// Byte classes.
const C_OTHER = 0;
const C_QUOTE = 1;
const C_OPEN_OBJECT = 2;
const C_OPEN_ARRAY = 3;
const C_CLOSE = 4;
const C_COMMA = 5;
const C_COLON = 6;
const C_SPACE = 7;
const BYTE_CLASS = new Uint8Array(256);
BYTE_CLASS[0x22] = C_QUOTE;
BYTE_CLASS[0x7b] = C_OPEN_OBJECT;
BYTE_CLASS[0x5b] = C_OPEN_ARRAY;
BYTE_CLASS[0x7d] = C_CLOSE;
BYTE_CLASS[0x5d] = C_CLOSE;
BYTE_CLASS[0x2c] = C_COMMA;
BYTE_CLASS[0x3a] = C_COLON;
for (const b of [0x20, 0x09, 0x0a, 0x0d]) BYTE_CLASS[b] = C_SPACE;

// Byte classes inside an element: only strings and brackets matter.
const E_QUOTE = 1;
const E_OPEN = 2;
const E_CLOSE = 3;
const ELEMENT_CLASS = new Uint8Array(256);
ELEMENT_CLASS[0x22] = E_QUOTE;
ELEMENT_CLASS[0x7b] = E_OPEN;
ELEMENT_CLASS[0x5b] = E_OPEN;
ELEMENT_CLASS[0x7d] = E_CLOSE;
ELEMENT_CLASS[0x5d] = E_CLOSE;

// Byte classes inside a string.
const S_QUOTE = 1;
const S_BACKSLASH = 2;
const S_LF = 3;
const STRING_CLASS = new Uint8Array(256);
STRING_CLASS[0x22] = S_QUOTE;
STRING_CLASS[0x5c] = S_BACKSLASH;
STRING_CLASS[0x0a] = S_LF;
/** Strings up to this many bytes are scanned in JavaScript, longer ones with Buffer.indexOf. */
const SHORT_STRING = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;
/** Roles are remembered this deep; anything deeper is opaque (and never interesting). */
const ROLE_DEPTH = 64;
const EMPTY = Buffer.alloc(0);
const INVALID = Symbol('invalid JSON');
/** Events parsed together; small enough for V8's fast paths for short strings. */
const BATCH_BYTES = 16 * 1024;
/** A run of events shorter than this is left to the byte scanner (see fastEvents). */
const FAST_RUN_MIN_BYTES = 4 * 1024;
/**
 * Longest run parsed at once. Its text must stay a young-generation string: V8 puts strings over
 * 128 KiB in large-object space, a fresh mapping each, which costs more than the parse.
 */
const FAST_RUN_MAX_BYTES = 32 * 1024;
/** "}" bytes looked at, from the end of the input, for the last boundary between two events. */
const FAST_BOUNDARY_TRIES = 64;
const KEY_BYTES = {
  events: Buffer.from('events'),
  results: Buffer.from('results'),
  status: Buffer.from('status'),
};

function skipSpace(buf: Buffer, from: number, n: number): number {
  let j = from;
  while (j < n && BYTE_CLASS[buf[j] as number] === C_SPACE) j++;
  return j;
}

/**
 * Index just after the last "}" in buf[from, n) that is followed by "," then "{" then a quote
 * (white space allowed between): where one element ends and the next one, an object, begins.
 * -1 when none is found. Inside a JSON string a quote would be escaped, so the pattern rarely
 * matches there; when it does, the caller's JSON.parse fails and nothing is lost.
 */
function lastElementBoundary(buf: Buffer, from: number, n: number): number {
  let k = n;
  for (let tries = 0; tries < FAST_BOUNDARY_TRIES && k - 1 >= from; tries++) {
    k = buf.lastIndexOf(0x7d, k - 1);
    if (k < from) return -1;
    let j = skipSpace(buf, k + 1, n);
    if (buf[j] !== 0x2c) continue;
    j = skipSpace(buf, j + 1, n);
    if (buf[j] !== 0x7b) continue;
    j = skipSpace(buf, j + 1, n);
    if (buf[j] === QUOTE) return k + 1;
  }
  return -1;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keyAt(buf: Buffer, start: number, end: number): number {
  const len = end - start;
  if (len === 6) {
    if (buf.compare(KEY_BYTES.events, 0, 6, start, end) === 0) return KEY_EVENTS;
    if (buf.compare(KEY_BYTES.status, 0, 6, start, end) === 0) return KEY_STATUS;
  } else if (len === 7 && buf.compare(KEY_BYTES.results, 0, 7, start, end) === 0) {
    return KEY_RESULTS;
  }
  return KEY_NONE;
}

export class JsonEventScanner {
  private buf: Buffer = EMPTY;
  private pos = 0;
  private depth = 0;
  private readonly roles = new Uint8Array(ROLE_DEPTH + 1);
  private inString = false;
  private escaped = false;
  private strKind = STR_PLAIN;
  private strStart = -1;
  /** Depth of the open page object, -1 when none. */
  private pageDepth = -1;
  /** Where the open page is in its key/value grammar. */
  private pageState = P_KEY;
  private pendingKey = KEY_NONE;
  private pageStreamed = false;
  private pageOversize = false;
  /** True right after "[" or "," of an array whose elements matter. */
  private expectElement = false;
  private capKind = CAP_NONE;
  private capStart = -1;
  private capDepth = -1;
  private capOversize = false;
  /** First line feed at or after some earlier position; only valid while >= the position asked about. */
  private nextLf = -1;
  /** Set by stringEnd when the string was broken by a raw line feed. */
  private lfInString = false;
  /** Events found but not yet parsed: [start, end) pairs in buf, parsed together in one JSON.parse. */
  private readonly batch: number[] = [];
  private junkBytes = 0;
  private junkExcerpt = '';
  private ended = false;
  /** The fast path failed on this input: leave the rest of it to the byte scanner. */
  private fastBlocked = false;

  constructor(
    private readonly handler: JsonScanHandler,
    private readonly maxElementBytes = MAX_JSON_ELEMENT_BYTES,
    /** Shortest run of events for the fast path (tests lower it to reach it with small inputs, or disable it with Infinity). */
    private readonly fastRunMinBytes = FAST_RUN_MIN_BYTES,
  ) {}

  push(chunk: Buffer): void {
    if (this.ended || chunk.length === 0) return;
    if (this.buf.length === 0) {
      this.buf = chunk;
      this.pos = 0;
    } else {
      this.pos = this.buf.length;
      this.buf = Buffer.concat([this.buf, chunk]);
    }
    this.nextLf = -1;
    this.fastBlocked = false;
    this.run();
    this.compact();
  }

  /** Ends the input. Returns a description of what was left open when the input was cut short, else undefined. */
  end(): string | undefined {
    if (this.ended) return undefined;
    this.ended = true;
    this.flushBatch();
    this.flushJunk();
    if (this.depth === 0 && !this.inString) return undefined;
    const inside = this.inString ? 'inside a string' : `${this.depth} level${this.depth === 1 ? '' : 's'} deep`;
    if (this.capKind !== CAP_NONE && this.capStart >= 0) {
      const cut = this.buf.toString('utf8', this.capStart, Math.min(this.buf.length, this.capStart + 80));
      return `${inside}, in ${JSON.stringify(cut)}`;
    }
    return inside;
  }

  private roleAt(depth: number): number {
    return depth <= ROLE_DEPTH ? (this.roles[depth] ?? OPAQUE) : OPAQUE;
  }

  private setRole(depth: number, role: number): void {
    if (depth <= ROLE_DEPTH) this.roles[depth] = role;
  }

  /** Drops whatever was open: back to document level. */
  private resync(excerpt: string): void {
    this.flushBatch();
    this.handler.issue('resync', excerpt);
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.strKind = STR_PLAIN;
    this.pageDepth = -1;
    this.pageState = P_KEY;
    this.pendingKey = KEY_NONE;
    this.expectElement = false;
    this.capKind = CAP_NONE;
    this.capStart = -1;
    this.capOversize = false;
  }

  private excerptAt(at: number): string {
    const from = this.capStart >= 0 && this.capStart <= at ? this.capStart : Math.max(0, at - 40);
    return this.buf.toString('utf8', from, Math.min(this.buf.length, from + 80));
  }

  private flushJunk(): void {
    if (this.junkBytes > 0) {
      this.handler.issue('junk', `${this.junkBytes} byte${this.junkBytes === 1 ? '' : 's'}: ${this.junkExcerpt}`);
      this.junkBytes = 0;
      this.junkExcerpt = '';
    }
  }

  private junk(at: number, length: number): void {
    if (this.junkBytes === 0) this.junkExcerpt = this.buf.toString('utf8', at, Math.min(this.buf.length, at + 40));
    this.junkBytes += length;
  }

  private startCapture(kind: number, at: number): void {
    this.capKind = kind;
    this.capStart = at;
    this.capDepth = this.depth;
    this.capOversize = false;
  }

  private finishCapture(end: number): void {
    const kind = this.capKind;
    const start = this.capStart;
    const oversize = this.capOversize || end - start > this.maxElementBytes;
    this.capKind = CAP_NONE;
    this.capStart = -1;
    this.capOversize = false;
    if (oversize) {
      if (kind === CAP_DOCUMENT) this.pageOversize = true;
      else {
        this.flushBatch();
        this.handler.issue('oversize', start >= 0 ? this.buf.toString('utf8', start, start + 60) : '');
      }
      return;
    }
    if (kind === CAP_EVENT) {
      // Consecutive events are parsed together: one JSON.parse per chunk instead of one per event.
      this.batch.push(start, end);
      if (end - (this.batch[0] ?? end) > BATCH_BYTES) this.flushBatch();
      return;
    }
    this.flushBatch();
    const value = this.parseElement(start, end);
    if (value === INVALID) return;
    if (kind === CAP_ROW) this.handler.row(value);
    else this.handler.document(value);
  }

  private parseElement(start: number, end: number): unknown {
    const text = this.buf.toString('utf8', start, end);
    try {
      return JSON.parse(text);
    } catch {
      this.handler.issue('invalid-json', text.slice(0, 80));
      return INVALID;
    }
  }

  /** Parses and hands over the batched events. Must run before buf changes. */
  private flushBatch(): void {
    const batch = this.batch;
    const count = batch.length / 2;
    if (count === 0) return;
    const first = batch[0] ?? 0;
    const last = batch[batch.length - 1] ?? 0;
    let values: unknown;
    if (count > 1) {
      // Between the events there are only commas and white space, so the span is an array's content.
      try {
        values = JSON.parse(`[${this.buf.toString('utf8', first, last)}]`);
      } catch {
        values = undefined;
      }
    }
    if (Array.isArray(values) && values.length === count) {
      for (const value of values) this.handler.event(value);
    } else {
      for (let k = 0; k < batch.length; k += 2) {
        const value = this.parseElement(batch[k] ?? 0, batch[k + 1] ?? 0);
        if (value !== INVALID) this.handler.event(value);
      }
    }
    batch.length = 0;
  }

  /**
   * The fast path for the common case, a long run of well-formed events: from the event that starts
   * at `start` up to the last boundary between two events in the input, everything is parsed with
   * one JSON.parse and no byte of it is scanned here. A successful parse of "[" + run + "]" that
   * begins at an element is proof that the run also ends at an element's end, so the boundaries are
   * right even when the boundary search was fooled by text inside a string. Anything else (a run
   * that is not valid JSON, an element that is not an object) goes to the byte scanner, which then
   * finds and reports exactly what it always did. Returns where to go on, or -1.
   */
  private fastEvents(buf: Buffer, start: number, n: number): number {
    if (this.fastBlocked || n - start < this.fastRunMinBytes) return -1;
    const cut = lastElementBoundary(buf, start, Math.min(n, start + FAST_RUN_MAX_BYTES));
    // Every element of a run no longer than the element limit is under the limit too.
    if (cut < 0 || cut - start < this.fastRunMinBytes || cut - start > this.maxElementBytes) return -1;
    let values: unknown;
    try {
      values = JSON.parse(`[${buf.toString('utf8', start, cut)}]`);
    } catch {
      values = undefined;
    }
    if (!Array.isArray(values) || !values.every(isPlainObject)) {
      this.fastBlocked = true;
      return -1;
    }
    this.flushBatch();
    for (const value of values) this.handler.event(value);
    return cut;
  }

  /** The page object closes. */
  private finishPage(): void {
    if (!this.pageStreamed && this.pageOversize) this.handler.issue('oversize-document', '');
    this.pageDepth = -1;
    this.pageStreamed = false;
    this.pageOversize = false;
    this.pageState = P_KEY;
    this.pendingKey = KEY_NONE;
  }

  /**
   * Index of the quote that closes the string being read from `from`, or -1 when the chunk ends
   * first (escape state kept). When a raw line feed comes first, its index, with lfInString set.
   */
  private stringEnd(buf: Buffer, from: number, n: number): number {
    let j = from;
    if (this.escaped) {
      if (j >= n) return -1;
      this.escaped = false;
      j++;
    }
    // Short strings (keys, stream names, ids): a plain loop beats a native call.
    const shortEnd = j + SHORT_STRING < n ? j + SHORT_STRING : n;
    while (j < shortEnd) {
      const c = STRING_CLASS[buf[j]!]!;
      if (c === 0) {
        j++;
        continue;
      }
      if (c === S_QUOTE) return j;
      if (c === S_BACKSLASH) {
        j += 2;
        continue;
      }
      this.lfInString = true;
      return j;
    }
    if (j >= n) {
      if (j > n) this.escaped = true; // the chunk ended right after a backslash
      return -1;
    }
    // Long strings (messages): jump from quote to quote.
    const start = j;
    for (;;) {
      const q = buf.indexOf(QUOTE, j);
      if (q < 0) {
        let run = 0;
        for (let k = n - 1; k >= j && buf[k] === BACKSLASH; k--) run++;
        this.escaped = run % 2 === 1;
        if (this.nextLf < start) {
          const lf = buf.indexOf(LF, start);
          this.nextLf = lf < 0 ? n : lf;
        }
        if (this.nextLf < n) {
          this.lfInString = true;
          return this.nextLf;
        }
        return -1;
      }
      let run = 0;
      for (let k = q - 1; k >= j && buf[k] === BACKSLASH; k--) run++;
      if (run % 2 === 0) {
        if (this.nextLf < start) {
          const lf = buf.indexOf(LF, start);
          this.nextLf = lf < 0 ? n : lf;
        }
        if (this.nextLf < q) {
          this.lfInString = true;
          return this.nextLf;
        }
        return q;
      }
      j = q + 1;
    }
  }

  private run(): void {
    const buf = this.buf;
    const n = buf.length;
    let i = this.pos;
    while (i < n) {
      if (this.capKind === CAP_EVENT || this.capKind === CAP_ROW) {
        i = this.scanElement(buf, i, n);
        continue;
      }
      if (this.inString) {
        const close = this.stringEnd(buf, i, n);
        if (close < 0) {
          i = n;
          break;
        }
        if (this.lfInString) {
          // JSON strings cannot hold a raw line break: this value is broken; resume on the next line.
          this.lfInString = false;
          this.resync(this.excerptAt(close));
          i = close + 1;
          continue;
        }
        this.inString = false;
        if (this.strKind === STR_KEY) this.pendingKey = keyAt(buf, this.strStart + 1, close);
        else if (this.strKind === STR_STATUS) this.handler.status(buf.toString('utf8', this.strStart + 1, Math.min(close, this.strStart + 101)));
        this.strKind = STR_PLAIN;
        i = close + 1;
        continue;
      }

      const cls = BYTE_CLASS[buf[i] ?? 0] ?? C_OTHER;
      if (cls === C_SPACE) {
        i++;
        continue;
      }
      const depth = this.depth;

      if (cls === C_OTHER) {
        // A number or literal (or junk at document level).
        if (depth === 0) {
          let j = i + 1;
          while (j < n && (BYTE_CLASS[buf[j] ?? 0] ?? 0) === C_OTHER) j++;
          this.junk(i, j - i);
          i = j;
          continue;
        }
        if (this.expectElement) this.notAnElement(i);
        else if (depth === this.pageDepth) this.pageState = P_AFTER_VALUE;
        i++;
        while (i < n && BYTE_CLASS[buf[i] ?? 0] === C_OTHER) i++;
        continue;
      }

      if (cls === C_QUOTE) {
        if (depth === this.pageDepth) {
          if (this.pageState === P_VALUE) {
            if (this.pendingKey === KEY_STATUS) {
              this.strKind = STR_STATUS;
              this.strStart = i;
            }
            this.pendingKey = KEY_NONE;
            this.pageState = P_AFTER_VALUE;
          } else {
            // A key (also where a comma was missing: be lenient).
            this.strKind = STR_KEY;
            this.strStart = i;
            this.pageState = P_COLON;
          }
        } else if (depth === 0) {
          this.junk(i, 1);
        } else if (this.expectElement) {
          this.notAnElement(i);
        }
        this.inString = true;
        i++;
        continue;
      }

      if (cls === C_OPEN_OBJECT || cls === C_OPEN_ARRAY) {
        const isArray = cls === C_OPEN_ARRAY;
        let childRole = OPAQUE;
        if (depth === this.pageDepth) {
          if (this.pageState !== P_VALUE) {
            // A bracket where no value belongs: the page was cut short and a new document starts.
            this.resync(this.excerptAt(i));
            continue; // read this bracket again at document level
          }
          if (isArray && (this.pendingKey === KEY_EVENTS || this.pendingKey === KEY_RESULTS)) {
            childRole = this.pendingKey === KEY_EVENTS ? EVENTS : ROWS;
            if (this.capKind === CAP_DOCUMENT) {
              this.capKind = CAP_NONE;
              this.capStart = -1;
            }
            this.pageStreamed = true;
          }
          this.pendingKey = KEY_NONE;
          this.pageState = P_AFTER_VALUE;
        } else {
          const parentRole = depth === 0 ? DOC : this.roleAt(depth);
          if (parentRole === DOC) {
            this.flushJunk();
            if (isArray) childRole = DOC;
            else {
              childRole = PAGE;
              this.startCapture(CAP_DOCUMENT, i);
              this.pageDepth = depth + 1;
              this.pageState = P_KEY;
              this.pendingKey = KEY_NONE;
              this.pageStreamed = false;
              this.pageOversize = false;
            }
          } else if (parentRole === EVENTS && !isArray && this.capKind === CAP_NONE) {
            const after = this.fastEvents(buf, i, n);
            if (after > i) {
              // A run of whole events was handed over; the byte after it is the "," before the next one.
              this.expectElement = false;
              i = after;
              continue;
            }
            this.startCapture(CAP_EVENT, i);
          } else if (parentRole === ROWS && isArray && this.capKind === CAP_NONE) {
            this.startCapture(CAP_ROW, i);
          } else if (this.expectElement && (parentRole === EVENTS || parentRole === ROWS)) {
            this.notAnElement(i);
          }
        }
        this.depth = depth + 1;
        this.setRole(depth + 1, childRole);
        this.expectElement = childRole === EVENTS || childRole === ROWS || childRole === DOC;
        i++;
        continue;
      }

      if (cls === C_CLOSE) {
        if (depth === 0) {
          this.junk(i, 1);
          i++;
          continue;
        }
        const closingPage = depth === this.pageDepth;
        this.depth = depth - 1;
        if (this.capKind !== CAP_NONE && this.depth === this.capDepth) this.finishCapture(i + 1);
        if (closingPage) this.finishPage();
        this.expectElement = false;
        i++;
        continue;
      }

      if (cls === C_COMMA) {
        if (depth === this.pageDepth) {
          this.pageState = P_KEY;
          this.pendingKey = KEY_NONE;
        } else if (depth > 0) {
          const role = this.roleAt(depth);
          if (role === EVENTS || role === ROWS || role === DOC) this.expectElement = true;
        }
        i++;
        continue;
      }

      // C_COLON
      if (depth === this.pageDepth) this.pageState = P_VALUE;
      else if (depth === 0) this.junk(i, 1);
      i++;
    }
    this.pos = i;
  }

  /**
   * Inside an event or row only strings and nesting matter: a tight loop to its end.
   * Returns where to go on (n when the chunk ended inside the element).
   */
  private scanElement(buf: Buffer, from: number, n: number): number {
    let depth = this.depth;
    const base = this.capDepth;
    let i = from;
    if (this.inString) {
      const close = this.stringEnd(buf, i, n);
      if (close < 0) return n;
      this.inString = false;
      if (this.lfInString) {
        this.lfInString = false;
        this.resync(this.excerptAt(close));
        return close + 1;
      }
      i = close + 1;
    }
    while (i < n) {
      const c = ELEMENT_CLASS[buf[i]!]!;
      if (c === 0) {
        i++;
        continue;
      }
      if (c === E_QUOTE) {
        const close = this.stringEnd(buf, i + 1, n);
        if (close < 0) {
          this.inString = true;
          this.depth = depth;
          return n;
        }
        if (this.lfInString) {
          this.lfInString = false;
          this.resync(this.excerptAt(close));
          return close + 1;
        }
        i = close + 1;
        continue;
      }
      if (c === E_OPEN) depth++;
      else {
        depth--;
        if (depth === base) {
          this.depth = depth;
          this.finishCapture(i + 1);
          this.expectElement = false;
          return i + 1;
        }
      }
      i++;
    }
    this.depth = depth;
    return n;
  }

  private notAnElement(at: number): void {
    this.flushBatch();
    this.expectElement = false;
    this.handler.issue('not-an-element', this.buf.toString('utf8', at, Math.min(this.buf.length, at + 40)));
  }

  /** Keeps only the bytes still needed (the element being captured, a key being read). */
  private compact(): void {
    this.flushBatch();
    const n = this.buf.length;
    if (this.capKind !== CAP_NONE && this.capStart >= 0 && n - this.capStart > this.maxElementBytes) {
      // Too long to keep: skip to its end, then report it.
      if (this.capKind === CAP_DOCUMENT) {
        this.pageOversize = true;
        this.capKind = CAP_NONE;
      } else {
        this.capOversize = true;
      }
      this.capStart = -1;
    }
    if (this.inString && this.strKind !== STR_PLAIN && n - this.strStart > 4096) this.strKind = STR_PLAIN;
    let keepFrom = n;
    if (this.capStart >= 0) keepFrom = this.capStart;
    if (this.inString && this.strKind !== STR_PLAIN && this.strStart < keepFrom) keepFrom = this.strStart;
    if (keepFrom >= n) {
      this.buf = EMPTY;
    } else {
      this.buf = this.buf.subarray(keepFrom);
    }
    if (this.capStart >= 0) this.capStart -= keepFrom;
    if (this.strKind !== STR_PLAIN) this.strStart -= keepFrom;
    this.pos = this.buf.length;
    this.nextLf = -1;
  }
}
