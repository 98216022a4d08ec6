/** Times as a person reads them in an incident channel: UTC, said so, and without the date when it is today's. */

export function parseTime(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** "13:52:53 UTC" (or "13:52 UTC" without seconds). */
export function clockUtc(ms: number, seconds = true): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(11, seconds ? 19 : 16)} UTC`;
}

/** "2026-03-10 13:52:53 UTC". */
export function dateTimeUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** "13:52:53 UTC" when `ms` falls on `referenceMs`'s UTC day, else "Mar 9 13:52:53 UTC". */
export function timeNear(ms: number, referenceMs: number | undefined, seconds = true): string {
  const day = new Date(ms).toISOString().slice(0, 10);
  if (referenceMs !== undefined && new Date(referenceMs).toISOString().slice(0, 10) === day) return clockUtc(ms, seconds);
  const date = new Date(ms);
  const month = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${month} ${date.getUTCDate()} ${clockUtc(ms, seconds)}`;
}

// "2026-03-10 13:52:53Z", "2026-03-10T13:52:53.000Z", "2026-03-10T13:52:53+00:00": how the engine's summaries and
// AWS documents write times.
const TIMESTAMP = /\b(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:Z|[+-]00:?00)(?![\w:])/g;

/** Rewrites the timestamps in a sentence as `timeNear` says them. */
export function readableTimes(sentence: string, referenceMs: number | undefined): string {
  return sentence.replace(TIMESTAMP, (match, date: string, time: string) => {
    const ms = Date.parse(`${date}T${time}Z`);
    return Number.isNaN(ms) ? match : timeNear(ms, referenceMs);
  });
}
