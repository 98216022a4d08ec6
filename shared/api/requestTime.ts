import { MS_PER_UNIT } from '../time/durationUnits.ts';
/**
 * Times and durations as a person types them into a manual diagnosis request. Each parser returns the value in
 * epoch ms / ms, or a sentence saying what was wrong and what to send instead; none throws.
 */

export type Parsed<T> = { value: T } | { problem: string };

/** Below this an epoch number is almost certainly seconds (1e11 ms is March 1973; 1e11 s is the year 5138). */
const EPOCH_SECONDS_BELOW = 100_000_000_000;

// ISO 8601 date-time with a zone: 2026-11-24T10:00:00Z, 2026-11-24T10:00Z, 2026-11-24T10:00:00.123+02:00,
// +0200 and a space instead of T are accepted (people paste both forms).
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const EXAMPLE_INSTANT = 'an ISO 8601 time with a zone such as "2026-11-24T10:00:00Z" or epoch milliseconds such as 1795600800000';

/** An instant: ISO 8601 with a zone, epoch ms as a number, or epoch ms as a string of digits. */
export function parseInstant(value: unknown): Parsed<number> {
  if (typeof value === 'number') return fromEpochNumber(value, String(value));
  if (typeof value !== 'string') return { problem: `must be ${EXAMPLE_INSTANT}, not ${describeType(value)}` };
  const text = value.trim();
  if (/^\d+$/.test(text)) return fromEpochNumber(Number(text), text);
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return { problem: `${JSON.stringify(cut(text))} is not a time; send ${EXAMPLE_INSTANT}` };
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  if (zone === undefined) {
    return {
      problem: `${JSON.stringify(cut(text))} has no time zone, so it could mean any of 24 hours; add "Z" for UTC or an offset such as "+02:00"`,
    };
  }
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const offset = zoneOffsetMinutes(zone);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 || offset === undefined) {
    return { problem: `${JSON.stringify(cut(text))} is not a valid date and time; send ${EXAMPLE_INSTANT}` };
  }
  return { value: Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000 };
}

function fromEpochNumber(n: number, text: string): Parsed<number> {
  if (!Number.isFinite(n) || !Number.isInteger(n) || n < 0) return { problem: `${cut(text)} is not a time; send ${EXAMPLE_INSTANT}` };
  if (n < EPOCH_SECONDS_BELOW) {
    return { problem: `${cut(text)} looks like epoch seconds; send epoch milliseconds (${cut(text)}000) or an ISO 8601 time such as "2026-11-24T10:00:00Z"` };
  }
  if (n > 8_640_000_000_000_000) return { problem: `${cut(text)} is too far in the future to be a time` };
  return { value: n };
}

function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (hours > 23 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}


const EXAMPLE_DURATION = 'a duration such as "30m", "2h", "90s", "1d" or "1h30m", or milliseconds such as 1800000';

/**
 * A duration: "30m", "2h", "90s", "1d", combinations ("1h30m"), ISO 8601 ("PT30M", "P1D"), or a number of ms.
 * A string of digits alone is refused: "30" could be seconds or minutes.
 */
export function parseDuration(value: unknown): Parsed<number> {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || !Number.isInteger(value) || value <= 0) return { problem: `must be a positive whole number of milliseconds or ${EXAMPLE_DURATION}` };
    return { value };
  }
  if (typeof value !== 'string') return { problem: `must be ${EXAMPLE_DURATION}, not ${describeType(value)}` };
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    return { problem: `${JSON.stringify(cut(text))} has no unit; write "${text}m" for minutes, "${text}s" for seconds, or send the number ${text} (without quotes) for milliseconds` };
  }
  const total = parseUnitDuration(text) ?? parseIsoDuration(text);
  if (total === undefined) return { problem: `${JSON.stringify(cut(text))} is not a duration; send ${EXAMPLE_DURATION}` };
  if (total <= 0) return { problem: `${JSON.stringify(cut(text))} is zero; send ${EXAMPLE_DURATION}` };
  return { value: total };
}

function parseUnitDuration(text: string): number | undefined {
  const part = /(\d+(?:\.\d+)?)\s*([a-z]+)\s*/giy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = part.exec(text)) !== null) {
    const unit = MS_PER_UNIT[(m[2] ?? '').toLowerCase()];
    if (unit === undefined) return undefined;
    total += Number(m[1]) * unit;
    matched = part.lastIndex;
  }
  return matched === text.length && matched > 0 ? Math.round(total) : undefined;
}

function parseIsoDuration(text: string): number | undefined {
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text);
  if (!m || text.length <= 1 || /T$/i.test(text)) return undefined;
  const [, d, h, mi, s] = m;
  return Math.round(Number(d ?? 0) * 86_400_000 + Number(h ?? 0) * 3_600_000 + Number(mi ?? 0) * 60_000 + Number(s ?? 0) * 1000);
}

/** "2h", "90m", "45s": a duration as a person reads it, for messages. */
export function formatDuration(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  return `a ${typeof value}`;
}

function cut(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
