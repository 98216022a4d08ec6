/**
 * The progress of a live diagnosis on a terminal's stderr: one line, rewritten in place, saying which step runs,
 * how many Logs Insights queries are running and started, and the time elapsed — so that a diagnosis that waits
 * on queries for a minute does not look hung. Only for a TTY; a pipe gets nothing.
 */
export interface ProgressSnapshot {
  step: string;
  queriesRunning: number;
  queriesStarted: number;
  elapsedMs: number;
}

export interface ProgressLineOptions {
  write: (text: string) => void;
  now?: () => number;
  /** Re-draws the elapsed time this often (ms); 0 turns the timer off (tests). */
  tickMs?: number;
  columns?: number;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class ProgressLine {
  private last?: { snapshot: ProgressSnapshot; at: number };
  private frame = 0;
  private readonly timer?: ReturnType<typeof setInterval>;
  private readonly now: () => number;

  constructor(private readonly options: ProgressLineOptions) {
    this.now = options.now ?? Date.now;
    const tick = options.tickMs ?? 1000;
    if (tick > 0) {
      this.timer = setInterval(() => this.draw(), tick);
      this.timer.unref();
    }
  }

  update(snapshot: ProgressSnapshot): void {
    this.last = { snapshot, at: this.now() };
    this.draw();
  }

  /** Clears the line (the report follows on stdout, errors on stderr). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.last) this.options.write('\r\u001b[K');
  }

  /** The line as drawn, without the control characters. */
  render(): string {
    if (!this.last) return '';
    const { snapshot, at } = this.last;
    const elapsed = snapshot.elapsedMs + (this.now() - at);
    const queries = snapshot.queriesRunning > 0 ? `${snapshot.queriesRunning} ${snapshot.queriesRunning === 1 ? 'query' : 'queries'} running, ` : '';
    const line = `${FRAMES[this.frame % FRAMES.length] ?? ''} ${snapshot.step} — ${queries}${snapshot.queriesStarted} Logs Insights ${snapshot.queriesStarted === 1 ? 'query' : 'queries'} so far — ${formatElapsed(elapsed)}`;
    const width = this.options.columns && this.options.columns > 10 ? this.options.columns - 1 : 119;
    return line.length > width ? `${line.slice(0, width - 1)}…` : line;
  }

  private draw(): void {
    if (!this.last) return;
    this.frame++;
    this.options.write(`\r\u001b[K${this.render()}`);
  }
}

export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}
