import { describeSlackError, GONE_MESSAGE_ERRORS, SlackApiError } from './SlackApiError.ts';
import type { PostedMessage, SlackMessage } from './SlackClient.ts';
import { incidentThreadKey, type IncidentThread } from './IncidentThreads.ts';
import type { SlackDeliveryDeps } from './slackTarget.ts';

/** One diagnosis to deliver: the rendered message and what goes into the thread. */
export interface SlackDelivery {
  apiId: string;
  stage: string;
  diagnosisId: string;
  /** ISO time the alarm went into ALARM (for "resolved after 14 min"); absent for manual runs. */
  alarmSince?: string;
  /** The diagnosis message (root, or reply on a repeat). */
  message: SlackMessage;
  /** The full evidence (every sampled request, its log lines and trace): thread replies, or one uploaded file. */
  evidence?: { replies?: SlackMessage[]; file?: { filename: string; content: string; title?: string } };
}

export interface SlackDeliveryOutcome {
  mode: 'new-root' | 'thread' | 'webhook';
  channel?: string;
  /** The incident's root message. */
  rootTs?: string;
  /** The reply that carries this diagnosis, on a repeat. */
  replyTs?: string;
  evidenceReplies: number;
  evidenceFileId?: string;
  /** What went wrong after the diagnosis itself was delivered (evidence, the root's update). */
  problems: string[];
}

/**
 * The delivery policy. Bot mode: the first diagnosis of an incident (API and stage) posts a root message and keeps
 * its ts in IncidentThreads; a repeat within the cool-down of the incident's last message, before it was resolved,
 * posts into the thread (thread_ts) and updates the root to the latest diagnosis instead of posting anew; the
 * evidence always goes into the thread (replies, then the file). A root that is gone (deleted, "message_not_found")
 * makes the repeat a new root. Every post waits for the channel's rate limit (queued, not dropped).
 * Webhook mode: a single post, no thread, no update and no evidence (a webhook gives no ts to thread on).
 * A failure to post the diagnosis throws; failures after it (evidence, the root's update) are returned as problems.
 */
export async function deliverToSlack(delivery: SlackDelivery, deps: SlackDeliveryDeps): Promise<SlackDeliveryOutcome> {
  const { target } = deps;
  if (target.kind === 'webhook') {
    await deps.limiter.acquire(rateKeyOf(deps));
    await target.client.postWebhook(target.url, delivery.message);
    const skipped = (delivery.evidence?.replies?.length ?? 0) > 0 || delivery.evidence?.file !== undefined;
    return { mode: 'webhook', evidenceReplies: 0, problems: skipped ? ['webhook mode: the evidence was not posted (a webhook cannot reply in a thread); configure a bot token for threads'] : [] };
  }

  const key = incidentThreadKey(delivery.apiId, delivery.stage);
  const nowIso = new Date(deps.now()).toISOString();
  const existing = await deps.threads.get(key);
  const problems: string[] = [];

  if (existing !== undefined && isOngoing(existing, target.channel, deps.now(), deps.cooldownMs)) {
    const repeat = await replyAndUpdate(existing, delivery, deps, problems);
    if (repeat !== undefined) {
      await deps.threads.put(key, {
        ...existing,
        diagnosisId: delivery.diagnosisId,
        updatedAt: nowIso,
        alarmSince: existing.alarmSince ?? delivery.alarmSince,
        rootMessage: repeat.rootUpdated ? delivery.message : existing.rootMessage,
      });
      const evidence = await postEvidence(existing.channel, existing.ts, delivery, deps, problems);
      return { mode: 'thread', channel: existing.channel, rootTs: existing.ts, replyTs: repeat.replyTs, ...evidence, problems };
    }
  }

  await deps.limiter.acquire(rateKeyOf(deps));
  const root = await target.client.postMessage({ channel: target.channel, ...delivery.message });
  await deps.threads.put(key, {
    channel: root.channel,
    ts: root.ts,
    diagnosisId: delivery.diagnosisId,
    postedAt: nowIso,
    ...(delivery.alarmSince === undefined ? {} : { alarmSince: delivery.alarmSince }),
    rootMessage: delivery.message,
  });
  const evidence = await postEvidence(root.channel, root.ts, delivery, deps, problems);
  return { mode: 'new-root', channel: root.channel, rootTs: root.ts, ...evidence, problems };
}

/** Same channel, not resolved, and the last message of the incident within the cool-down. */
function isOngoing(thread: IncidentThread, channel: string, now: number, cooldownMs: number): boolean {
  if (thread.resolvedAt !== undefined) return false;
  // A configured channel id that differs means the messages now go elsewhere; a name cannot be compared.
  if (/^[CGD][A-Z0-9]{8,}$/.test(channel) && channel !== thread.channel) return false;
  const times = [thread.postedAt, thread.updatedAt].map((t) => (t === undefined ? NaN : Date.parse(t))).filter(Number.isFinite);
  return times.length > 0 && now - Math.max(...times) < cooldownMs;
}

/** The repeat: a reply in the thread, then the root updated. Undefined when the root is gone (post a new one). */
async function replyAndUpdate(thread: IncidentThread, delivery: SlackDelivery, deps: SlackDeliveryDeps, problems: string[]): Promise<{ replyTs: string; rootUpdated: boolean } | undefined> {
  const { client } = deps.target;
  let reply: PostedMessage;
  try {
    await deps.limiter.acquire(rateKeyOf(deps));
    reply = await client.postMessage({ channel: thread.channel, thread_ts: thread.ts, ...delivery.message });
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
  try {
    await deps.limiter.acquire(rateKeyOf(deps));
    await client.update({ channel: thread.channel, ts: thread.ts, ...delivery.message });
    return { replyTs: reply.ts, rootUpdated: true };
  } catch (error) {
    problems.push(`the incident's root message was not updated: ${describeSlackError(error)}`);
    return { replyTs: reply.ts, rootUpdated: false };
  }
}

async function postEvidence(channel: string, rootTs: string, delivery: SlackDelivery, deps: SlackDeliveryDeps, problems: string[]): Promise<{ evidenceReplies: number; evidenceFileId?: string }> {
  const { client } = deps.target;
  let evidenceReplies = 0;
  for (const reply of delivery.evidence?.replies ?? []) {
    try {
      await deps.limiter.acquire(rateKeyOf(deps));
      await client.postMessage({ channel, thread_ts: rootTs, ...reply });
      evidenceReplies += 1;
    } catch (error) {
      problems.push(`an evidence reply was not posted: ${describeSlackError(error)}`);
    }
  }
  const file = delivery.evidence?.file;
  if (file === undefined) return { evidenceReplies };
  try {
    await deps.limiter.acquire(rateKeyOf(deps));
    const { fileId } = await client.uploadFile({ channel, thread_ts: rootTs, filename: file.filename, content: file.content, title: file.title ?? file.filename });
    return { evidenceReplies, evidenceFileId: fileId };
  } catch (error) {
    problems.push(`the evidence file was not uploaded: ${describeSlackError(error)}`);
    return { evidenceReplies };
  }
}

/** One bucket per configured channel: its name and the id Slack answers are the same channel. */
export function rateKeyOf(deps: Pick<SlackDeliveryDeps, 'target'>): string {
  return deps.target.kind === 'bot' ? `channel:${deps.target.channel}` : 'webhook';
}

function isGone(error: unknown): boolean {
  return error instanceof SlackApiError && GONE_MESSAGE_ERRORS.has(error.error);
}
