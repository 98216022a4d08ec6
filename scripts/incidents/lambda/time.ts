/** Time formats as the AWS services and the CLI print them. All UTC. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** 2026-03-10T14:02:11.123Z (Lambda runtimes, Node's toISOString). */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** 2026-03-10T14:02:11Z (CloudTrail eventTime). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** 2026-03-10T14:02:11+00:00 (AWS CLI v2 timestamps). */
export function cliTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** 2026-03-10T14:02:11.123+0000 (alarm state timestamps, Lambda LastModified). */
export function isoPlus0000(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '+0000');
}

/** 10/Mar/2026:14:02:11 +0000 ($context.requestTime). */
export function requestTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** 2026-03-10 14:02:11.123 (Logs Insights @timestamp). */
export function insightsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** 2026-03-10T14:02:11.123000+00:00 (aws logs tail, detailed format). */
export function tailLongTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

/** 2026-03-10T14:02:11 (aws logs tail --format short). */
export function tailShortTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '');
}

/** Tue, 10 Mar 2026 14:02:11 GMT (HTTP Date header). */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
}

/** 20260310T140211Z (X-Amz-Date). */
export function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** dd/MM/yy HH:mm:ss as alarm reasons print datapoint times. */
export function alarmDatapointTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
}

/** Epoch seconds with fraction, as X-Ray documents carry them. */
export function epochSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

export const MINUTE = 60_000;
export const SECOND = 1_000;
