/**
 * Reads the timestamps AWS documents carry, to epoch milliseconds (UTC):
 * - epoch seconds (apigateway get-stage/get-deployments with CLI v1: 1466802961) or milliseconds;
 * - ISO 8601 with "Z", "+00:00" (CLI v2), "-08:00" (lookup-events EventTime), or "+0000" without a colon
 *   (alarm StateChangeTime "2026-11-24T10:15:32.123+0000", Lambda LastModified), any number of fraction digits;
 * - no zone at all ("2026-03-10 14:04:37.296", Logs Insights), which is UTC.
 */

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Epoch seconds below this are read as seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_LIMIT = 1e11;

export function parseAwsTime(value: unknown): number | undefined {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return fromEpoch(Number(text));

  const m = ISO_TIME.exec(text);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
    const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms);
    if (!Number.isFinite(base) || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) {
      return undefined;
    }
    return base - zoneOffsetMs(zone);
  }

  // Anything else Date understands ("Apr 17, 2024 10:40:57 AM" in CloudTrail responseElements, RFC 1123).
  const parsed = Date.parse(text);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function fromEpoch(n: number): number | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined;
  return n < SECONDS_LIMIT ? Math.round(n * 1000) : Math.round(n);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || /^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}
