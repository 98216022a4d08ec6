import type { AlarmInfo } from '../model/context.ts';
import type { ManualExecutionInput, ManualReply } from '../workflow/stepPayloads.ts';
import { parseAlarm } from '../context/alarm.ts';
import { asArray, asNumber, asRecord, asString, isRecord } from '../context/json.ts';
import { InvalidExecutionInput } from './InvalidExecutionInput.ts';

/** What started the execution, read from ClaimIncident's payload `{event, executionName}`. */
export type ExecutionRequest =
  | {
      kind: 'alarm';
      /** The event as delivered, passed on to ResolveScope. */
      event: unknown;
      alarm: AlarmInfo & { stateChangeTime: number };
      /** The alarm's ARN, or account:region:name when the event names no ARN. */
      alarmArn: string;
    }
  | { kind: 'manual'; manual: ManualExecutionInput['manual'] };

const STATE_CHANGE = 'CloudWatch Alarm State Change';
/** A manual id names the diagnosis' folder in the evidence store and the execution: keep it to what both accept. */
const MANUAL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/**
 * Reads the payload: `{event, executionName}` as the state machine passes it (a bare event is accepted too). The
 * event is a "CloudWatch Alarm State Change" event (or another shape parseAlarm reads: the SNS alarm message, bare
 * or in its envelopes) or a ManualExecutionInput. Anything else throws InvalidExecutionInput saying what was expected.
 */
export function readExecutionInput(input: unknown, fallbackExecutionName?: string): ExecutionRequest & { executionName?: string } {
  const wrapped = isRecord(input) && 'event' in input;
  const event = wrapped ? input['event'] : input;
  const executionName = (wrapped ? asString(input['executionName']) : undefined) ?? fallbackExecutionName;
  const named = executionName === undefined ? {} : { executionName };

  if (isRecord(event) && 'manual' in event) return { ...readManual(event['manual'], executionName), ...named };

  const detailType = isRecord(event) ? event['detail-type'] : undefined;
  if (detailType !== undefined && detailType !== STATE_CHANGE) {
    throw new InvalidExecutionInput(
      `The execution input is an EventBridge "${String(detailType)}" event; only "${STATE_CHANGE}" events (or {"manual": {...}} requests) start a diagnosis. Check the rule's event pattern.`,
    );
  }
  const alarm = parseAlarm(event, 'execution input');
  if ('problem' in alarm) {
    throw new InvalidExecutionInput(`The execution input is neither an alarm state-change event nor a manual request {"manual": {"apiId", "stage", ...}}: ${alarm.problem}`);
  }
  if (alarm.stateChangeTime === undefined) {
    throw new InvalidExecutionInput(`The alarm event for "${alarm.name}" has no transition time (detail.state.timestamp or time), so it cannot be told from a redelivery`);
  }
  return { kind: 'alarm', event, alarm: { ...alarm, stateChangeTime: alarm.stateChangeTime }, alarmArn: alarmArnOf(event, alarm.name), ...named };
}

function readManual(value: unknown, executionName: string | undefined): ExecutionRequest {
  const manual = asRecord(value);
  if (manual === undefined) throw new InvalidExecutionInput('The manual request is not an object: expected {"manual": {"id", "apiId", "stage", "from"?, "to"?, "since"?}}');
  const problems: string[] = [];
  const id = asString(manual['id']) ?? executionName;
  if (id === undefined) problems.push('it has no id (and the execution has no name)');
  else if (!MANUAL_ID.test(id)) problems.push(`its id ${JSON.stringify(id)} is not 1-80 letters, digits, ".", "_" or "-"`);
  const apiId = nonEmptyString(manual['apiId']);
  if (apiId === undefined) problems.push('apiId is missing or empty');
  const stage = nonEmptyString(manual['stage']);
  if (stage === undefined) problems.push('stage is missing or empty');
  const times: Partial<Record<'from' | 'to' | 'since', number>> = {};
  for (const field of ['from', 'to', 'since'] as const) {
    if (manual[field] === undefined || manual[field] === null) continue;
    const n = asNumber(manual[field]);
    if (n === undefined || !Number.isFinite(n) || n < 0) problems.push(`${field} is not a time in epoch milliseconds`);
    else times[field] = n;
  }
  if (times.from !== undefined && times.to !== undefined && times.from >= times.to) problems.push('from is not before to');
  if (problems.length > 0 || id === undefined || apiId === undefined || stage === undefined) {
    throw new InvalidExecutionInput(`The manual request is not valid: ${problems.join('; ')}`);
  }
  const requestedBy = asString(manual['requestedBy']);
  const reply = replyOf(manual['reply']);
  return { kind: 'manual', manual: { id, apiId, stage, ...times, ...(requestedBy === undefined ? {} : { requestedBy }), ...(reply === undefined ? {} : { reply }) } };
}

/** Where chat-ops wants the result (the slash command's response_url, its channel and user); only strings kept. */
function replyOf(value: unknown): ManualReply | undefined {
  const record = asRecord(value);
  if (record === undefined) return undefined;
  const reply: ManualReply = {};
  for (const field of ['responseUrl', 'channelId', 'userId', 'threadTs'] as const) {
    const text = asString(record[field]);
    if (text !== undefined) reply[field] = text;
  }
  return Object.keys(reply).length > 0 ? reply : undefined;
}

/** resources[0] of the EventBridge event, AlarmArn of the SNS message, else account:region:name. */
function alarmArnOf(event: unknown, name: string): string {
  if (!isRecord(event)) return `alarm:${name}`;
  const fromResources = asArray(event['resources'])?.map(asString).find((r) => r !== undefined && r.includes(':alarm:'));
  const arn = fromResources ?? asString(event['AlarmArn']);
  if (arn !== undefined) return arn;
  const account = asString(event['account']) ?? asString(event['AWSAccountId']) ?? '';
  const region = asString(event['region']) ?? asString(event['Region']) ?? '';
  return `${account}:${region}:${name}`;
}

function nonEmptyString(value: unknown): string | undefined {
  const text = asString(value)?.trim();
  return text === undefined || text === '' ? undefined : text;
}
