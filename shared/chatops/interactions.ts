import { parseInstant } from '../api/requestTime.ts';
import { API_ID_PATTERN, MAX_AGE_DAYS, STAGE_PATTERN } from '../api/parseDiagnosisRequest.ts';
import { asArray, asRecord, asString } from '../context/json.ts';

/**
 * The buttons on a diagnosis message, as Slack reports a press: a form body with one field, `payload`, holding a
 * JSON `block_actions` payload (type, user {id, username, team_id}, team, channel, container {message_ts,
 * channel_id, is_ephemeral, thread_ts}, message {ts, thread_ts}, response_url, trigger_id, actions [{action_id,
 * block_id, value, type, action_ts}], "Reference: block_actions payloads",
 * https://api.slack.com/reference/interaction-payloads/block-actions). The action ids are shared with the message
 * renderer: "rerun" and "widen" carry {apiId, stage, from, to}, "show_evidence" {diagnosisId}, "mute" {apiId, stage}.
 */

export const ACTION_IDS = { rerun: 'rerun', widen: 'widen', showEvidence: 'show_evidence', mute: 'mute' } as const;

export interface PressedAction {
  actionId: string;
  value?: string;
  blockId?: string;
  actionTs?: string;
}

export interface BlockActionsInteraction {
  userId: string;
  userName?: string;
  teamId?: string;
  enterpriseId?: string;
  channelId?: string;
  /** The message the button is on. */
  messageTs?: string;
  /** The thread it is in, when it is a reply. */
  threadTs?: string;
  /** The message was ephemeral (then it cannot be threaded on). */
  isEphemeral?: boolean;
  responseUrl?: string;
  triggerId?: string;
  actions: PressedAction[];
}

export type InteractionRead =
  | { kind: 'block_actions'; interaction: BlockActionsInteraction }
  /** Another payload type (view_submission, shortcut, …): acknowledged and ignored. */
  | { kind: 'other'; type: string }
  | { kind: 'invalid'; problem: string };

/** Reads the `payload=` form field. Never throws. */
export function readInteractionPayload(body: string): InteractionRead {
  let payloadText: string | null;
  try {
    payloadText = new URLSearchParams(body).get('payload');
  } catch {
    return { kind: 'invalid', problem: 'the body is not form-encoded' };
  }
  if (payloadText === null || payloadText === '') return { kind: 'invalid', problem: 'the body has no payload field' };
  let json: unknown;
  try {
    json = JSON.parse(payloadText);
  } catch {
    return { kind: 'invalid', problem: 'the payload field is not JSON' };
  }
  const payload = asRecord(json);
  if (payload === undefined) return { kind: 'invalid', problem: 'the payload is not a JSON object' };
  const type = asString(payload['type']) ?? 'unknown';
  if (type !== 'block_actions') return { kind: 'other', type };

  const user = asRecord(payload['user']);
  const userId = asString(user?.['id']);
  if (userId === undefined) return { kind: 'invalid', problem: 'the block_actions payload has no user.id' };
  const team = asRecord(payload['team']);
  const enterprise = asRecord(payload['enterprise']);
  const channel = asRecord(payload['channel']);
  const container = asRecord(payload['container']);
  const message = asRecord(payload['message']);
  const actions: PressedAction[] = [];
  for (const item of asArray(payload['actions']) ?? []) {
    const action = asRecord(item);
    const actionId = asString(action?.['action_id']);
    if (action === undefined || actionId === undefined) continue;
    actions.push({
      actionId,
      ...optional('value', asString(action['value'])),
      ...optional('blockId', asString(action['block_id'])),
      ...optional('actionTs', asString(action['action_ts'])),
    });
  }
  const isEphemeral = container?.['is_ephemeral'];
  return {
    kind: 'block_actions',
    interaction: {
      userId,
      actions,
      ...optional('userName', asString(user?.['username']) ?? asString(user?.['name'])),
      ...optional('teamId', asString(team?.['id']) ?? asString(user?.['team_id'])),
      ...optional('enterpriseId', asString(enterprise?.['id']) ?? asString(team?.['enterprise_id'])),
      ...optional('channelId', asString(channel?.['id']) ?? asString(container?.['channel_id'])),
      ...optional('messageTs', asString(container?.['message_ts']) ?? asString(message?.['ts'])),
      ...optional('threadTs', asString(container?.['thread_ts']) ?? asString(message?.['thread_ts'])),
      ...(typeof isEphemeral === 'boolean' ? { isEphemeral } : {}),
      ...optional('responseUrl', asString(payload['response_url'])),
      ...optional('triggerId', asString(payload['trigger_id'])),
    },
  };
}

/** A diagnosis to run again over a window (epoch ms); without one (the message had none) the last hour is meant. */
export interface WindowTarget {
  apiId: string;
  stage: string;
  from?: number;
  to?: number;
}

export type ChatAction =
  | ({ kind: 'rerun' } & WindowTarget)
  | ({ kind: 'widen' } & WindowTarget)
  | { kind: 'show_evidence'; diagnosisId: string }
  | { kind: 'mute'; apiId: string; stage: string };

export type ChatActionRead = { action: ChatAction } | { problem: string } | { unknownActionId: string };

/** Diagnosis ids are execution names and store folders: 1-80 letters, digits, ".", "_" and "-". */
const DIAGNOSIS_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/** Reads a pressed button by its action id and JSON value. */
export function readChatAction(pressed: PressedAction): ChatActionRead {
  const known = Object.values(ACTION_IDS) as string[];
  if (!known.includes(pressed.actionId)) return { unknownActionId: pressed.actionId };
  let value: Record<string, unknown> | undefined;
  try {
    value = asRecord(JSON.parse(pressed.value ?? ''));
  } catch {
    value = undefined;
  }
  if (value === undefined) return { problem: `the "${pressed.actionId}" button carries no JSON value` };

  if (pressed.actionId === ACTION_IDS.showEvidence) {
    const diagnosisId = asString(value['diagnosisId']);
    if (diagnosisId === undefined || !DIAGNOSIS_ID.test(diagnosisId)) return { problem: 'the button names no valid diagnosis id' };
    return { action: { kind: 'show_evidence', diagnosisId } };
  }
  const apiId = asString(value['apiId']);
  const stage = asString(value['stage']);
  if (apiId === undefined || !API_ID_PATTERN.test(apiId)) return { problem: 'the button names no valid API id' };
  if (stage === undefined || !STAGE_PATTERN.test(stage)) return { problem: 'the button names no valid stage' };
  if (pressed.actionId === ACTION_IDS.mute) return { action: { kind: 'mute', apiId, stage } };

  // from/to as the renderer wrote them: epoch ms (number or digits) or ISO 8601; both absent when it knew no window.
  const kind = pressed.actionId === ACTION_IDS.rerun ? 'rerun' : 'widen';
  const absent = (v: unknown) => v === undefined || v === null;
  if (absent(value['from']) && absent(value['to'])) return { action: { kind, apiId, stage } };
  const from = parseInstant(value['from']);
  const to = parseInstant(value['to']);
  if (!('value' in from) || !('value' in to)) return { problem: 'the button carries no readable window (from, to)' };
  if (from.value >= to.value) return { problem: 'the button\'s window ends before it starts' };
  return { action: { kind, apiId, stage, from: from.value, to: to.value } };
}

export const DEFAULT_WIDEN_FACTOR = 4;

export interface WindowChoice {
  from: number;
  to: number;
  /** The window asked for was longer than the maximum (then it is the maximum, ending at the same time). */
  capped: boolean;
  /** The length asked for before capping. */
  requestedMs: number;
}

/** The window ×factor ending at the same time, at most `maxMs` long. */
export function widenedWindow(window: { from: number; to: number }, maxMs: number, factor = DEFAULT_WIDEN_FACTOR): WindowChoice {
  const requestedMs = (window.to - window.from) * factor;
  const length = Math.min(requestedMs, maxMs);
  return { from: window.to - length, to: window.to, capped: requestedMs > maxMs, requestedMs };
}

/** The same window, capped to `maxMs` (keeping its end) should a button carry a longer one. */
export function sameWindow(window: { from: number; to: number }, maxMs: number): WindowChoice {
  return widenedWindow(window, maxMs, 1);
}

/** Why a window cannot be diagnosed any more (its evidence has expired), or undefined. */
export function windowTooOld(window: { from: number }, now: number): string | undefined {
  return window.from < now - MAX_AGE_DAYS * 86_400_000
    ? `That window starts more than ${MAX_AGE_DAYS} days ago: X-Ray keeps traces and CloudWatch keeps alarm history for ${MAX_AGE_DAYS} days, so its evidence is gone`
    : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
