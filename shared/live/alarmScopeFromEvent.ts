import type { AlarmInfo } from '../model/context.ts';
import { parseAlarm } from '../context/alarm.ts';
import { computeWindow } from '../context/diagnosisWindow.ts';
import { isParseProblem } from '../context/problem.ts';
import { UsageError } from '../errors.ts';

/**
 * What an alarm says to diagnose: the API (REST alarms name it by ApiName, HTTP alarms by ApiId), the stage
 * and the window (contract §3: the evaluation range and 15 minutes before the state change, to 5 minutes after).
 */
export interface AlarmScope {
  alarm: AlarmInfo;
  /** alarm.json of the bundle: the event or message as it came, or the SNS message the alarm would have sent. */
  document: unknown;
  /** API id (HTTP) or name (REST), for resolveApiScope. */
  api: string;
  apiType: 'REST' | 'HTTP';
  /** Undefined when the alarm watches the API as a whole (no Stage dimension) and no --stage was given. */
  stage?: string;
  window: { start: number; end: number };
}

/** The alarm does not exist, or says nothing about an API stage: the user must name the API (exit 2). */
export class AlarmScopeError extends UsageError {
  override name = 'AlarmScopeError';
}

/**
 * From an alarm event as it arrives (EventBridge "CloudWatch Alarm State Change", the SNS message, or either in
 * its SNS/SQS/Lambda envelopes): parseAlarm reads it. `stage` overrides a missing Stage dimension.
 */
export function alarmScopeFromEvent(json: unknown, overrides: { stage?: string } = {}): AlarmScope {
  const alarm = parseAlarm(json, 'alarm.json');
  if (isParseProblem(alarm)) throw new AlarmScopeError(alarm.problem);
  return scopeOf(alarm, json, overrides);
}

function scopeOf(alarm: AlarmInfo, document: unknown, overrides: { stage?: string }): AlarmScope {
  const dims = alarm.dimensions;
  const stage = overrides.stage ?? dims['Stage'];
  const what = `The alarm "${alarm.name}" (${alarm.namespace ?? '?'}/${alarm.metricName ?? '?'}, dimensions ${describeDimensions(dims)})`;
  let api: string | undefined;
  let apiType: 'REST' | 'HTTP' | undefined;
  if (dims['ApiName']) {
    api = dims['ApiName'];
    apiType = 'REST';
  } else if (dims['ApiId']) {
    api = dims['ApiId'];
    apiType = 'HTTP';
  }
  if (api === undefined || apiType === undefined || (alarm.namespace !== undefined && alarm.namespace !== 'AWS/ApiGateway')) {
    throw new AlarmScopeError(`${what} watches no API Gateway API (REST alarms have an ApiName dimension, HTTP alarms ApiId); pass --api and --stage`);
  }
  const window = computeWindow(alarm);
  if (!window) throw new AlarmScopeError(`${what} does not say when it changed state; pass --from and --to`);
  return { alarm, document, api, apiType, ...(stage ? { stage } : {}), window };
}

function describeDimensions(dims: Record<string, string>): string {
  const entries = Object.entries(dims);
  return entries.length === 0 ? 'none' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}
