import { describeSlackError } from './SlackApiError.ts';
import { rateKeyOf } from './deliverToSlack.ts';
import { incidentThreadKey } from './IncidentThreads.ts';
import { resolvedLine, resolvedRootMessage } from './resolvedMessage.ts';
import type { SlackDeliveryDeps } from './slackTarget.ts';

export interface ResolveInput {
  apiId: string;
  stage: string;
  /** ISO time the alarm returned to OK. */
  resolvedAt: string;
}

export interface ResolveOutcome {
  resolved: boolean;
  /** Why nothing was done, or what failed. */
  reason?: string;
  /** "14 min" from the alarm's start (or the root's post) to resolvedAt. */
  after?: string;
}

/**
 * When the alarm returns to OK: chat.update of the incident's root message to say "Resolved after 14 min" (from the
 * alarm's start, else from the root's post, to `resolvedAt`), a short reply in the thread so that its followers are
 * told, and the record marked resolved so that the next alarm starts a new root. Nothing to do in webhook mode (no
 * message to update), without a root, or when it is already resolved. Never throws for Slack's refusals.
 */
export async function resolveIncident(input: ResolveInput, deps: Pick<SlackDeliveryDeps, 'target' | 'threads' | 'limiter'>): Promise<ResolveOutcome> {
  const { target } = deps;
  if (target.kind === 'webhook') return { resolved: false, reason: 'webhook mode: there is no message to update' };
  const key = incidentThreadKey(input.apiId, input.stage);
  const thread = await deps.threads.get(key);
  if (thread === undefined) return { resolved: false, reason: 'no incident message for this API and stage' };
  if (thread.resolvedAt !== undefined) return { resolved: false, reason: `already resolved at ${thread.resolvedAt}` };

  const start = Date.parse(thread.alarmSince ?? thread.postedAt);
  const end = Date.parse(input.resolvedAt);
  const durationMs = Number.isNaN(start) || Number.isNaN(end) ? undefined : Math.max(0, end - start);
  const line = resolvedLine(durationMs, input.resolvedAt);
  const after = /after (.+?)\*/.exec(line)?.[1];
  const problems: string[] = [];

  try {
    await deps.limiter.acquire(rateKeyOf(deps));
    await target.client.update({ channel: thread.channel, ts: thread.ts, ...resolvedRootMessage(thread.rootMessage, line) });
  } catch (error) {
    problems.push(`the root message was not updated: ${describeSlackError(error)}`);
  }
  try {
    await deps.limiter.acquire(rateKeyOf(deps));
    await target.client.postMessage({ channel: thread.channel, thread_ts: thread.ts, text: line.replace(/\*/g, '') });
  } catch (error) {
    problems.push(`the thread was not told: ${describeSlackError(error)}`);
  }
  await deps.threads.put(key, { ...thread, resolvedAt: input.resolvedAt });
  return { resolved: problems.length < 2, ...(after === undefined ? {} : { after }), ...(problems.length === 0 ? {} : { reason: problems.join('; ') }) };
}
