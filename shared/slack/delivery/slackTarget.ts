import type { ChannelRateLimiter } from './ChannelRateLimiter.ts';
import type { IncidentThreads } from './IncidentThreads.ts';
import type { SlackClient } from './SlackClient.ts';

/**
 * Where diagnoses go. As a bot (chat.postMessage with a bot token): one root message per incident, repeats and
 * evidence in its thread, the root updated and finally marked resolved. Through an incoming webhook (no token): one
 * post per diagnosis and nothing else, since a webhook answers "ok" and no ts, so there is no thread to reply in and
 * no message to update.
 */
export type SlackTarget = { kind: 'bot'; client: SlackClient; channel: string } | { kind: 'webhook'; client: SlackClient; url: string };

export interface SlackDeliveryDeps {
  target: SlackTarget;
  threads: IncidentThreads;
  limiter: ChannelRateLimiter;
  /** Epoch ms. */
  now: () => number;
  /** A diagnosis within this long of the incident's last message goes into its thread instead of a new root. */
  cooldownMs: number;
}
