import { MS_PER_UNIT } from '../shared/time/durationUnits.ts';

/** Times and durations as people type them on a command line. Return undefined for anything else; never throw. */


const DURATION = /^(?:\d+(?:\.\d+)?\s*[a-z]+\s*)+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)\s*([a-z]+)/g;

/** "30m", "2h", "1d", "1h30m", "90 minutes" → milliseconds; undefined when not a positive duration with units. */
export function parseDuration(text: string): number | undefined {
  const value = text.trim().toLowerCase();
  if (!DURATION.test(value)) return undefined;
  let total = 0;
  for (const [, amount, unit] of value.matchAll(DURATION_PART)) {
    const perUnit = unit === undefined ? undefined : MS_PER_UNIT[unit];
    if (perUnit === undefined || amount === undefined) return undefined;
    total += Number(amount) * perUnit;
  }
  return Number.isFinite(total) && total > 0 ? Math.round(total) : undefined;
}

// 2026-11-24, 2026-11-24T10:00, 2026-11-24 10:00:00.123, with Z, +01:00, +0100 or +01; no zone means UTC.
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/** An ISO-8601 date or date-time → epoch ms; a time without a zone is UTC, as Logs Insights prints them. */
export function parseIsoTime(text: string): number | undefined {
  const match = ISO_TIME.exec(text.trim());
  if (match === null) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', , sign, offsetHours, offsetMinutes = '00'] = match;
  const parts = [year, month, day, hour, minute, second].map(Number);
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = parts;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(utc);
  // Date.UTC rolls 2026-02-30 over to March; a date that does not survive the round trip is not a date.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return undefined;
  }
  if (sign === undefined || offsetHours === undefined) return utc;
  const offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  if (Number(offsetHours) > 14 || Number(offsetMinutes) > 59) return undefined;
  return sign === '+' ? utc - offset : utc + offset;
}
