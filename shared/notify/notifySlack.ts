import type { MuteList } from '../chatops/MuteList.ts';
import type { ResponsePoster } from '../chatops/responsePoster.ts';
import { alarmScopeFromEvent } from '../live/alarmScopeFromEvent.ts';
import type { Diagnosis } from '../model/diagnosis.ts';
import type { ChartInputs } from '../slack/message/chartInputs.ts';
import { evidenceFile, renderEvidenceThread } from '../slack/message/renderEvidenceThread.ts';
import { renderSlackMessage } from '../slack/message/renderSlackMessage.ts';
import { deliverToSlack } from '../slack/delivery/deliverToSlack.ts';
import type { SlackDeliveryDeps } from '../slack/delivery/slackTarget.ts';
import type { Incident } from '../workflow/stepPayloads.ts';

export interface SlackNotifyDeps {
  delivery: SlackDeliveryDeps;
  /** The slash command's response_url answers. */
  responses: ResponsePoster;
  /** APIs muted from the message's button: their alarms still go to SNS, not to Slack. */
  mutes?: MuteList;
  /** The cool-down of an API ("<api>/<stage>", as ClaimIncident keys it); default: the delivery's. */
  cooldownFor?: (apiKey: string) => number;
}

export interface SlackNotifyOutcome {
  /** Where the diagnosis went. */
  posted: 'incident-thread' | 'incident-root' | 'webhook' | 'response-url' | 'reply-channel' | 'muted';
  problems: string[];
}

/** Slack keeps a response_url for 30 minutes. */
const RESPONSE_URL_MS = 30 * 60_000;
/** Evidence replies in the thread before the rest goes only into the uploaded file. */
const MAX_EVIDENCE_REPLIES = 5;

/**
 * The diagnosis to Slack. A diagnosis someone asked for with /diagnose goes back where they asked (its response_url,
 * in the channel; after Slack's 30 minutes, the channel itself); an alarm's goes to the incident channel, one root
 * message per incident with repeats and the full evidence in its thread (deliverToSlack), unless the API is muted.
 * Throws only when the diagnosis itself could not be posted.
 */
export async function notifySlack(diagnosis: Diagnosis, incident: Incident, chart: ChartInputs | undefined, deps: SlackNotifyDeps, options: { evidenceLocation?: string } = {}): Promise<SlackNotifyOutcome> {
  const now = deps.delivery.now();
  const message = renderSlackMessage(diagnosis, {
    diagnosisId: incident.diagnosisId,
    ...(chart?.metricSeries ? { metricSeries: chart.metricSeries } : {}),
    ...(chart ? { deployments: chart.deployments } : {}),
    ...(options.evidenceLocation !== undefined ? { evidenceLocation: options.evidenceLocation } : {}),
  });
  const problems: string[] = [];

  const reply = incident.reply;
  if (reply) {
    if (reply.responseUrl && now - incident.requestedAt < RESPONSE_URL_MS) {
      const outcome = await deps.responses.post(reply.responseUrl, { response_type: 'in_channel', ...message });
      if (outcome.ok) return { posted: 'response-url', problems };
      problems.push(`the slash command's response_url refused the result (${outcome.error}); posting in the channel instead`);
    }
    const target = deps.delivery.target;
    if (reply.channelId && target.kind === 'bot') {
      await deps.delivery.limiter.acquire(`channel:${reply.channelId}`);
      await target.client.postMessage({ channel: reply.channelId, ...(reply.threadTs ? { thread_ts: reply.threadTs } : {}), ...message });
      return { posted: 'reply-channel', problems };
    }
  }

  const alarmDriven = incident.target.kind === 'alarm-event';
  if (alarmDriven && deps.mutes) {
    const mute = await deps.mutes.isMuted(diagnosis.api.id, diagnosis.api.stage, now).catch((error: unknown) => {
      problems.push(`the mute list could not be read (${error instanceof Error ? error.message : String(error)}): posting anyway`);
      return undefined;
    });
    if (mute) return { posted: 'muted', problems };
  }

  // Threads are keyed as the alarm names the API (ApiName for REST, ApiId for HTTP): all the OK transition carries,
  // and the same key for a manual diagnosis of that API.
  const threadApi = alarmApiOf(incident) ?? (diagnosis.api.type === 'REST' && diagnosis.api.name ? diagnosis.api.name : diagnosis.api.id);
  const outcome = await deliverToSlack(
    {
      apiId: threadApi,
      stage: diagnosis.api.stage,
      diagnosisId: incident.diagnosisId,
      ...(alarmDriven ? { alarmSince: new Date(incident.requestedAt).toISOString() } : {}),
      message,
      evidence: {
        replies: renderEvidenceThread(diagnosis, { maxReplies: MAX_EVIDENCE_REPLIES }),
        file: { ...evidenceFile(diagnosis), title: `Evidence of ${incident.diagnosisId}` },
      },
    },
    deps.cooldownFor ? { ...deps.delivery, cooldownMs: deps.cooldownFor(`${threadApi}/${diagnosis.api.stage}`) } : deps.delivery,
  );
  problems.push(...outcome.problems);
  return { posted: outcome.mode === 'thread' ? 'incident-thread' : outcome.mode === 'webhook' ? 'webhook' : 'incident-root', problems };
}

/** The alarm's ApiName (REST) or ApiId (HTTP) dimension. */
function alarmApiOf(incident: Incident): string | undefined {
  if (incident.target.kind !== 'alarm-event') return undefined;
  try {
    return alarmScopeFromEvent(incident.target.event).api;
  } catch {
    return undefined;
  }
}
