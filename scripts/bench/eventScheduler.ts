import type { LogWriter, SimEvent } from './logWriters.ts';

interface Scheduled {
  event: SimEvent;
  writer: LogWriter;
  seq: number;
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.event.timestamp < b.event.timestamp || (a.event.timestamp === b.event.timestamp && a.seq < b.seq);
}

/**
 * Puts the events of overlapping requests into time order before they reach their files, as
 * CloudWatch Logs returns them: a min-heap by (time, order of emission). Requests are simulated in
 * arrival order, so once the simulation reaches time T nothing earlier than T can still come, and
 * the heap only holds the events of requests still running (a few seconds of traffic).
 */
export class EventScheduler {
  private readonly heap: Scheduled[] = [];
  private seq = 0;

  schedule(writer: LogWriter, event: SimEvent): void {
    const heap = this.heap;
    const item: Scheduled = { event, writer, seq: this.seq++ };
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Scheduled;
      if (!before(item, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = item;
  }

  /** Writes every event earlier than `time`. */
  releaseBefore(time: number): void {
    const heap = this.heap;
    while (heap.length > 0 && (heap[0] as Scheduled).event.timestamp < time) {
      const top = this.pop();
      top.writer.write(top.event);
    }
  }

  /** Writes everything left. */
  drain(): void {
    this.releaseBefore(Number.POSITIVE_INFINITY);
  }

  get pending(): number {
    return this.heap.length;
  }

  private pop(): Scheduled {
    const heap = this.heap;
    const top = heap[0] as Scheduled;
    const last = heap.pop() as Scheduled;
    if (heap.length > 0) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && before(heap[r] as Scheduled, heap[l] as Scheduled) ? r : l;
        if (!before(heap[child] as Scheduled, last)) break;
        heap[i] = heap[child] as Scheduled;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}
