/** The time formats AWS tools print, each in one place. All times are UTC epoch milliseconds. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** 2026-03-10T14:04:37.296Z */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** 2026-03-10T14:04:37Z (CloudTrail eventTime inside CloudTrailEvent). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** 2026-03-10T14:04:37+00:00 (how the AWS CLI v2 prints timestamp fields such as EventTime, createdDate). */
export function cliTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** 2026-03-10T14:04:37.296+0000 (alarm StateChangeTime, EventBridge detail.state.timestamp). */
export function alarmTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** 2026-03-10T13:52:07.000+0000 (Lambda LastModified). */
export function lambdaLastModified(ms: number): string {
  return alarmTimestamp(ms);
}

/** 10/Mar/2026:14:04:37 +0000 ($context.requestTime). */
export function requestTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** 2026-03-10 14:04:37.296 (Logs Insights @timestamp, no zone). */
export function insightsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** 2026-03-10T14:04:37.296000+00:00 (`aws logs tail`, default detailed format). */
export function tailLongTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

/** 2026-03-10T14:04:37 (`aws logs tail --format short`). */
export function tailShortTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '');
}

/** Tue Mar 10 14:04:37 UTC 2026 (API Gateway test-invoke log prefix). */
export function testInvokeTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Date, 10 Mar 2026 14:04:37 GMT (HTTP Date header). */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
}

/** 20260310T140437Z (X-Amz-Date). */
export function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** 10/03/26 14:04:00 (the date inside an alarm's NewStateReason). */
export function alarmReasonDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${String(d.getUTCFullYear()).slice(2)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function utc(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad time ${iso}`);
  return ms;
}
