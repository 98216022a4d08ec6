/**
 * Small text helpers for what goes to and comes from Slack: mrkdwn escaping, durations and times as a person reads
 * them in a reply.
 */

/** Slack asks apps to escape exactly these three in mrkdwn text ("Formatting text for app surfaces", Escaping text). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The reverse, for text Slack sends (a slash command's `text` arrives with &, < and > escaped). */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** "1 h", "15 min", "1 h 30 min", "2 d": a window length as the replies say it. */
export function spokenDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return `${Math.max(0, Math.round(ms / 1000))} s`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} d`);
  if (hours > 0) parts.push(`${hours} h`);
  if (rest > 0) parts.push(`${rest} min`);
  return parts.join(' ');
}

/** "14:05 UTC" */
export function utcClock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

/** "2026-11-24 14:05 UTC" */
export function utcDateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** "10:00–11:00 UTC" on one day, else both dates. */
export function utcRange(startMs: number, endMs: number): string {
  const start = new Date(startMs).toISOString();
  const end = new Date(endMs).toISOString();
  if (start.slice(0, 10) === end.slice(0, 10)) return `${start.slice(0, 10)} ${start.slice(11, 16)}–${end.slice(11, 16)} UTC`;
  return `${utcDateTime(startMs)} – ${utcDateTime(endMs)}`;
}

/** A user's mention (`<@U123>`), which Slack renders as their name. */
export function mentionUser(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}
