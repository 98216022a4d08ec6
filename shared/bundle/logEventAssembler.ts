import type { LogEvent } from '../model/logEvent.ts';
import type { EventFields } from './logEventShape.ts';
import { LogGroupResolver } from './logGroupHint.ts';

/** Events without a time that are held, at the start of a file, until a time turns up. */
const MAX_HELD_UNTIMED = 10_000;

/**
 * Turns the event fields a reader found into LogEvents of one file. A missing time becomes the
 * previous event's; events before the first time of the file take that first time (they were
 * written just before it), or 0 when the file has no time at all. The group comes from the
 * content, else from the path hint.
 */
export class LogEventAssembler {
  private batch: LogEvent[] = [];
  private lastTime = 0;
  private held: EventFields[] | undefined = [];
  private readonly groups: LogGroupResolver;
  /** Events assembled so far, held ones included. */
  count = 0;

  constructor(
    private readonly file: string,
    groupHint: string | undefined,
  ) {
    this.groups = new LogGroupResolver(groupHint);
  }

  add(fields: EventFields): void {
    this.count++;
    const held = this.held;
    if (held !== undefined) {
      if (fields.timestamp === undefined && held.length < MAX_HELD_UNTIMED) {
        held.push(fields);
        return;
      }
      this.release(fields.timestamp ?? 0);
    }
    let timestamp = fields.timestamp;
    if (timestamp === undefined) timestamp = this.lastTime;
    else this.lastTime = timestamp;
    this.push(fields, timestamp);
  }

  /** Ends the file: events still waiting for a time get 0. */
  finish(): void {
    if (this.held !== undefined) this.release(0);
  }

  /** The events assembled since the last call. */
  take(): LogEvent[] {
    const out = this.batch;
    this.batch = [];
    return out;
  }

  private release(timestamp: number): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const fields of held) this.push(fields, timestamp);
  }

  private push(fields: EventFields, timestamp: number): void {
    // Same properties in the same order for every event: one object shape downstream.
    this.batch.push({
      timestamp,
      message: fields.message,
      logGroup: fields.logGroup ?? this.groups.groupFor(fields.logStream),
      logStream: fields.logStream,
      file: this.file,
    });
  }
}
