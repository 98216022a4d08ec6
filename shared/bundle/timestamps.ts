/**
 * Reading the times that appear in bundle files. A time without a zone is UTC (Logs Insights
 * prints `2026-03-10 14:04:37.296`, `aws logs tail --format short` prints `2026-03-10T14:04:37`);
 * Date.parse would read those as local time, so the common forms are parsed here by hand.
 */

// YYYY-MM-DD, then optionally [T ]HH:MM[:SS[.fff]] and a zone (Z, UTC/GMT, +HH[:MM]).
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z|z)|\s?(UTC|GMT)|([+-])(\d{2})(?::?(\d{2}))?)?)?/;
// The API Gateway / Apache access log form: 10/Mar/2026:14:04:37 +0000
const CLF_TIME = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\s?([+-])(\d{2}):?(\d{2}))?$/;
const MONTHS: Record<string, number> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};
const EPOCH_DIGITS = /^\d{9,19}(?:\.\d+)?$/;
const RFC_1123 = /^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} (?:GMT|UTC|[+-]\d{4})$/;

/** Epoch ms from a number that may be seconds, milliseconds, microseconds or nanoseconds. */
export function epochMsFromNumber(value: number): number | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  if (value >= 1e17) return Math.round(value / 1e6); // nanoseconds
  if (value >= 1e14) return Math.round(value / 1e3); // microseconds
  if (value >= 1e11) return Math.round(value); // milliseconds (after 1973)
  if (value >= 1e9) return Math.round(value * 1000); // seconds (2001 onwards)
  return Math.round(value); // small values: milliseconds, as CloudWatch writes them
}

function fractionMs(fraction: string | undefined): number {
  if (fraction === undefined) return 0;
  return Number((fraction + '00').slice(0, 3));
}

function utcMs(
  year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return Number.isFinite(t) ? t : undefined;
}

interface IsoMatch {
  ms: number;
  /** Characters of the input the time took. */
  length: number;
  hasClock: boolean;
}

function matchIso(text: string): IsoMatch | undefined {
  const m = ISO_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, z, named, sign, oh, om] = m;
  let t = utcMs(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), fractionMs(frac));
  if (t === undefined) return undefined;
  if (sign !== undefined && z === undefined && named === undefined) {
    const offsetMinutes = Number(oh) * 60 + Number(om ?? 0);
    t -= (sign === '+' ? 1 : -1) * offsetMinutes * 60_000;
  }
  return { ms: t, length: m[0].length, hasClock: h !== undefined };
}

/**
 * Epoch ms from a time value as bundle files hold it: epoch seconds/ms (number or digits),
 * ISO-8601 with or without zone, Logs Insights `YYYY-MM-DD HH:MM:SS.fff`, `10/Mar/2026:14:04:37 +0000`,
 * RFC 1123. Undefined when it is none of those.
 */
export function parseTimeValue(value: unknown): number | undefined {
  if (typeof value === 'number') return epochMsFromNumber(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.length === 0 || text.length > 64) return undefined;
  if (EPOCH_DIGITS.test(text)) return epochMsFromNumber(Number(text));
  const iso = matchIso(text);
  if (iso && iso.length === text.length) return iso.ms;
  const clf = CLF_TIME.exec(text);
  if (clf) {
    const [, d, mon, y, h, mi, s, sign, oh, om] = clf;
    const month = mon === undefined ? undefined : MONTHS[mon];
    if (month === undefined) return undefined;
    const t = utcMs(Number(y), month + 1, Number(d), Number(h), Number(mi), Number(s), 0);
    if (t === undefined) return undefined;
    const offset = sign === undefined ? 0 : (sign === '+' ? 1 : -1) * (Number(oh) * 60 + Number(om)) * 60_000;
    return t - offset;
  }
  if (RFC_1123.test(text)) {
    const t = Date.parse(text);
    return Number.isFinite(t) ? t : undefined;
  }
  return undefined;
}

const PYTHON_LAMBDA_PREFIX = /^\[(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL)\][\t ]/;
const GO_LOG_TIME = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?=\s|$)/;
const RUBY_LOGGER = /^[DIWEFA], \[/;

function isoAtStart(text: string): number | undefined {
  const iso = matchIso(text);
  if (!iso || !iso.hasClock) return undefined;
  const next = text.charCodeAt(iso.length);
  // The time must stand alone: followed by whitespace, the end, or a separator some runtimes use.
  if (Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x5d /* ] */ || next === 0x7c /* | */) return iso.ms;
  return undefined;
}

/**
 * The time a log message starts with, when it starts with one: Lambda's Node/.NET/Java format
 * (`2026-03-10T14:04:37.296Z\t<id>\tINFO\t...`), Python's (`[ERROR]\t2026-03-10T14:04:37.296Z\t<id>\t...`),
 * Go's log package (`2026/03/10 14:04:37 ...`), Ruby's Logger (`E, [2026-03-10T14:04:37.296521 #8] ERROR -- : ...`)
 * and any ISO-8601 or Insights-style time followed by whitespace.
 */
export function leadingTime(line: string): number | undefined {
  const first = line.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) {
    const iso = isoAtStart(line);
    if (iso !== undefined) return iso;
    const go = GO_LOG_TIME.exec(line);
    if (go) {
      const [, y, mo, d, h, mi, s, frac] = go;
      return utcMs(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), fractionMs(frac));
    }
    return undefined;
  }
  if (first === 0x5b /* [ */) {
    const python = PYTHON_LAMBDA_PREFIX.exec(line);
    if (python) return isoAtStart(line.slice(python[0].length));
    return undefined;
  }
  if (RUBY_LOGGER.test(line)) return isoAtStart(line.slice(4));
  return undefined;
}
