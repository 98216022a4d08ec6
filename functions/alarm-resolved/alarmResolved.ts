import { parseAlarm } from '../../shared/context/alarm.ts';
import { isParseProblem } from '../../shared/context/problem.ts';
import { cooldownApiKey } from '../../shared/claim/cooldownKey.ts';
import type { IncidentLedger } from '../../shared/claim/IncidentLedger.ts';
import type { ChannelRateLimiter } from '../../shared/slack/delivery/ChannelRateLimiter.ts';
import type { IncidentThreads } from '../../shared/slack/delivery/IncidentThreads.ts';
import { resolveIncident } from '../../shared/slack/delivery/resolveIncident.ts';
import type { SlackTarget } from '../../shared/slack/delivery/slackTarget.ts';

/** After an OK, an alarm within this long is the same flapping incident (still cooling down). */
export const FLAP_GUARD_MS = 5 * 60_000;

/** The Slack target to update, or why there is none (Slack not configured, a secret without token or webhook). */
export type SlackTargetSource = () => Promise<SlackTarget | { off: string }>;

export interface AlarmResolvedDeps {
  slack: SlackTargetSource;
  /** The claims ledger: the API's cool-down ends shortly after the alarm returns to OK. */
  ledger?: IncidentLedger;
  threads: IncidentThreads;
  limiter: ChannelRateLimiter;
  /** Epoch ms (the resolution time when the event carries none). */
  now: () => number;
}

/**
 * What was done with one event:
 * - ignored: not a watched API alarm returning from ALARM to OK (another state, no API dimension, no stage);
 * - no-slack: Slack is not configured or not usable, so there is no message to update;
 * - resolved: the incident's root message now says "Resolved after N min";
 * - not-resolved: nothing to update (webhook mode, no message for this API and stage, already resolved) or Slack
 *   refused both the update and the thread reply.
 */
export interface AlarmResolvedOutcome {
  outcome: 'ignored' | 'no-slack' | 'resolved' | 'not-resolved';
  reason?: string;
  alarmName?: string;
  /** The alarm's API dimension: ApiName (REST) or ApiId (HTTP), as Notify keys alarm-driven threads. */
  apiId?: string;
  stage?: string;
  resolvedAt?: string;
  /** "26 min". */
  after?: string;
}

/**
 * An alarm of a watched API went from ALARM back to OK (the EventBridge "CloudWatch Alarm State Change" event, or the
 * SNS message of the same change): the Slack message of its incident is marked resolved. The thread is found by the
 * alarm's API dimension and Stage, the key Notify stored it under for the alarm that started the diagnosis.
 */
export async function alarmResolved(event: unknown, deps: AlarmResolvedDeps): Promise<AlarmResolvedOutcome> {
  const alarm = parseAlarm(event, 'event');
  if (isParseProblem(alarm)) return { outcome: 'ignored', reason: `not an alarm state change: ${alarm.problem}` };
  const alarmName = alarm.name;
  if (alarm.state !== 'OK') return { outcome: 'ignored', alarmName, reason: `the alarm went to ${alarm.state ?? 'an unknown state'}, not OK` };
  const previous = previousStateOf(event);
  if (previous !== undefined && previous !== 'ALARM') return { outcome: 'ignored', alarmName, reason: `the alarm went to OK from ${previous}, not from ALARM` };

  const dims = alarm.dimensions;
  const apiId = dims['ApiName'] ?? dims['ApiId'];
  if (apiId === undefined || (alarm.namespace !== undefined && alarm.namespace !== 'AWS/ApiGateway')) {
    return { outcome: 'ignored', alarmName, reason: 'the alarm watches no API Gateway API (no ApiName or ApiId dimension in AWS/ApiGateway)' };
  }
  const stage = dims['Stage'];
  if (stage === undefined) return { outcome: 'ignored', alarmName, apiId, reason: 'the alarm has no Stage dimension, so no incident message can be found for it' };

  const resolvedMs = alarm.stateChangeTime ?? eventTime(event) ?? deps.now();
  const resolvedAt = new Date(resolvedMs).toISOString();
  const scope = { alarmName, apiId, stage, resolvedAt };
  // The incident is over: an alarm again after a short flap guard is a new incident and gets its diagnosis (the
  // message says "resolved", so suppressing it for the rest of the cool-down would leave the channel wrong).
  await deps.ledger?.shortenCooldown(`cooldown#${cooldownApiKey(alarm)}`, resolvedMs + FLAP_GUARD_MS);
  const slack = await deps.slack();
  if ('off' in slack) return { outcome: 'no-slack', reason: slack.off, ...scope };

  const result = await resolveIncident({ apiId, stage, resolvedAt }, { target: slack, threads: deps.threads, limiter: deps.limiter });
  return {
    outcome: result.resolved ? 'resolved' : 'not-resolved',
    ...scope,
    ...(result.after === undefined ? {} : { after: result.after }),
    ...(result.reason === undefined ? {} : { reason: result.reason }),
  };
}

/** detail.previousState.value (EventBridge) or OldStateValue (the SNS message); undefined when neither is there. */
function previousStateOf(event: unknown): string | undefined {
  const record = asRecord(event);
  const fromDetail = asRecord(asRecord(record?.['detail'])?.['previousState'])?.['value'];
  if (typeof fromDetail === 'string') return fromDetail;
  const fromSns = record?.['OldStateValue'];
  return typeof fromSns === 'string' ? fromSns : undefined;
}

/** The envelope's "time" (EventBridge), epoch ms. */
function eventTime(event: unknown): number | undefined {
  const time = asRecord(event)?.['time'];
  const ms = typeof time === 'string' ? Date.parse(time) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
