import type { ReadProblem } from '../model/logEvent.ts';

interface Tally {
  count: number;
  describe: (count: number) => string;
  example?: string;
}

/**
 * The problems met in one bundle file. One-off problems are reported at once; problems that can
 * repeat thousands of times (bad elements, long lines) are counted and reported once, with their
 * count and first example, when the file is done.
 */
export class FileProblems {
  private readonly tallies = new Map<string, Tally>();
  private reportedCount = 0;

  constructor(
    readonly file: string,
    private readonly sink: ReadProblem[],
  ) {}

  /** Problems reported so far, tallies included once flushed. */
  get count(): number {
    return this.reportedCount + this.tallies.size;
  }

  report(text: string): void {
    this.sink.push({ file: this.file, message: `${this.file}: ${text}` });
    this.reportedCount++;
  }

  tally(key: string, describe: (count: number) => string, example?: string): void {
    const known = this.tallies.get(key);
    if (known) {
      known.count++;
      return;
    }
    this.tallies.set(key, example === undefined ? { count: 1, describe } : { count: 1, describe, example });
  }

  flush(): void {
    for (const t of this.tallies.values()) {
      const example = t.example === undefined ? '' : ` (first: ${t.example})`;
      this.report(`${t.describe(t.count)}${example}`);
    }
    this.tallies.clear();
  }
}

/** A short, printable quote of some input for a problem message. */
export function quoteExcerpt(text: string, maxChars = 60): string {
  const cut = text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
  // Escape control characters so that a binary excerpt cannot garble the message.
  return JSON.stringify(cut);
}

/** "1 event" / "3 events". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
