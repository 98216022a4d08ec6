import type { AnyBlock, KnownBlock } from '@slack/types';
import type { SlackMessage } from './SlackClient.ts';

const MAX_BLOCKS = 50;

/** "less than a minute", "14 min", "2 h 5 min", "1 d 3 h" (an incident's length, said the way people say it). */
export function incidentDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 30_000) return 'less than a minute';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** "2026-03-10 14:21 UTC". */
export function utcMinute(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The line that says the incident is over: "Resolved after 14 min: the alarm returned to OK at … UTC." */
export function resolvedLine(durationMs: number | undefined, resolvedAt: string): string {
  const after = durationMs === undefined ? '' : ` after ${incidentDuration(durationMs)}`;
  return `:white_check_mark: *Resolved${after}*: the alarm returned to OK at ${utcMinute(resolvedAt)}.`;
}

/**
 * The root message marked resolved: the line above as a section right after the header (or first), the rest of the
 * message as it was (trimmed to Slack's 50 blocks), and the fallback text prefixed so that notifications say it too.
 */
export function resolvedRootMessage(root: SlackMessage | undefined, line: string): SlackMessage {
  const plain = line.replace(/:white_check_mark: /, '').replace(/\*/g, '');
  const banner: KnownBlock = { type: 'section', text: { type: 'mrkdwn', text: line } };
  const blocks: AnyBlock[] = [...(root?.blocks ?? [])];
  const at = blocks[0]?.type === 'header' ? 1 : 0;
  blocks.splice(at, 0, banner);
  return { text: root === undefined ? plain : `${plain} ${root.text}`.slice(0, 3000), blocks: blocks.slice(0, MAX_BLOCKS) };
}
