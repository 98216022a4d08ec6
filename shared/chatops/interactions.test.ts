import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readChatAction, readInteractionPayload, sameWindow, widenedWindow, windowTooOld } from './interactions.ts';
import { ACTION_IDS as RENDERER_ACTION_IDS, muteValue, showEvidenceValue, windowActionValue } from '../slack/message/actionValues.ts';

/**
 * A block_actions payload in the shape Slack sends for a button on a message (fields and nesting as in
 * "Reference: block_actions payloads", https://api.slack.com/reference/interaction-payloads/block-actions, and in
 * payloads recorded from real workspaces: vercel/chat's Slack fixture — container {type, message_ts, channel_id,
 * is_ephemeral, thread_ts}, message {user, type, ts, thread_ts}, actions [{type, block_id "P0z+f", action_id, text
 * {type, text, emoji}, action_ts}] — and a Rust slack client's test body with team.enterprise_id, enterprise,
 * is_enterprise_install, state {values: {}}, response_url https://hooks.slack.com/actions/…).
 */
function pressPayload(action: { action_id: string; value: string; text: string }) {
  return {
    type: 'block_actions',
    user: { id: 'U2147483697', username: 'steve', name: 'steve', team_id: 'T0001' },
    api_app_id: 'A123456',
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    container: { type: 'message', message_ts: '1795600862.000300', channel_id: 'C2147483705', is_ephemeral: false, thread_ts: '1795600800.000100' },
    trigger_id: '13345224609.738474920.8ee1e77aa7',
    team: { id: 'T0001', domain: 'example', enterprise_id: 'E0001', enterprise_name: 'Globular Construct Inc' },
    enterprise: { id: 'E0001', name: 'Globular Construct Inc' },
    is_enterprise_install: false,
    channel: { id: 'C2147483705', name: 'ops-alerts' },
    message: { user: 'U0BOTUSER1', type: 'message', ts: '1795600862.000300', bot_id: 'B0BOTID01', thread_ts: '1795600800.000100', text: 'orders-api/prod: Lambda timeout', blocks: [] },
    state: { values: {} },
    response_url: 'https://hooks.slack.com/actions/T0001/6204672533/x7ZLaiVMoECAW50Gw1ZYAXEM',
    actions: [{ action_id: action.action_id, block_id: 'P0z+f', text: { type: 'plain_text', text: action.text, emoji: true }, value: action.value, type: 'button', action_ts: '1795600900.289415' }],
  };
}
const form = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
const FROM = Date.parse('2026-11-24T09:00:00Z');
const TO = Date.parse('2026-11-24T10:00:00Z');

describe('readInteractionPayload', () => {
  it('reads who pressed what where, from a form-encoded block_actions payload', () => {
    const body = form(pressPayload({ action_id: 'rerun', value: JSON.stringify({ apiId: 'a1b2c3d4e5', stage: 'prod', from: FROM, to: TO }), text: 'Re-run now' }));
    expect(body.startsWith('payload=%7B%22type%22%3A%22block_actions%22')).toBe(true);
    expect(readInteractionPayload(body)).toEqual({
      kind: 'block_actions',
      interaction: {
        userId: 'U2147483697',
        userName: 'steve',
        teamId: 'T0001',
        enterpriseId: 'E0001',
        channelId: 'C2147483705',
        messageTs: '1795600862.000300',
        threadTs: '1795600800.000100',
        isEphemeral: false,
        responseUrl: 'https://hooks.slack.com/actions/T0001/6204672533/x7ZLaiVMoECAW50Gw1ZYAXEM',
        triggerId: '13345224609.738474920.8ee1e77aa7',
        actions: [{ actionId: 'rerun', value: JSON.stringify({ apiId: 'a1b2c3d4e5', stage: 'prod', from: FROM, to: TO }), blockId: 'P0z+f', actionTs: '1795600900.289415' }],
      },
    });
  });

  it('reads a minimal payload (no team, channel only in container, no thread)', () => {
    const payload = { type: 'block_actions', user: { id: 'W012A3CDE', team_id: 'T0001' }, container: { type: 'message', message_ts: '1795600862.000300', channel_id: 'C2147483705' }, actions: [{ action_id: 'mute', value: '{}' }] };
    expect(readInteractionPayload(form(payload))).toEqual({
      kind: 'block_actions',
      interaction: { userId: 'W012A3CDE', teamId: 'T0001', channelId: 'C2147483705', messageTs: '1795600862.000300', actions: [{ actionId: 'mute', value: '{}' }] },
    });
  });

  it('sets aside other payload types and refuses what is not a payload', () => {
    expect(readInteractionPayload(form({ type: 'view_submission', user: { id: 'U1' } }))).toEqual({ kind: 'other', type: 'view_submission' });
    expect(readInteractionPayload('')).toEqual({ kind: 'invalid', problem: 'the body has no payload field' });
    expect(readInteractionPayload('payload=%7Bnot+json')).toEqual({ kind: 'invalid', problem: 'the payload field is not JSON' });
    expect(readInteractionPayload('payload=%5B1%5D')).toEqual({ kind: 'invalid', problem: 'the payload is not a JSON object' });
    expect(readInteractionPayload(form({ type: 'block_actions', actions: [] }))).toEqual({ kind: 'invalid', problem: 'the block_actions payload has no user.id' });
  });

  it('never throws on arbitrary bodies', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json().map((j) => form(JSON.parse(j)))), (body) => {
        expect(['block_actions', 'other', 'invalid']).toContain(readInteractionPayload(body).kind);
      }),
    );
  });
});

describe('readChatAction', () => {
  it('reads the four buttons of slack.md, with from/to as epoch ms or ISO 8601', () => {
    expect(readChatAction({ actionId: 'rerun', value: JSON.stringify({ apiId: 'a1b2c3d4e5', stage: 'prod', from: FROM, to: TO }) })).toEqual({ action: { kind: 'rerun', apiId: 'a1b2c3d4e5', stage: 'prod', from: FROM, to: TO } });
    expect(readChatAction({ actionId: 'widen', value: JSON.stringify({ apiId: 'a1b2c3d4e5', stage: '$default', from: '2026-11-24T09:00:00Z', to: '2026-11-24T10:00:00.000Z' }) })).toEqual({ action: { kind: 'widen', apiId: 'a1b2c3d4e5', stage: '$default', from: FROM, to: TO } });
    expect(readChatAction({ actionId: 'widen', value: JSON.stringify({ apiId: 'a1b2c3d4e5', stage: 'prod', from: String(FROM), to: String(TO) }) })).toMatchObject({ action: { from: FROM, to: TO } });
    expect(readChatAction({ actionId: 'show_evidence', value: '{"diagnosisId":"alarm-orders-api-prod-5xx-20260310T135652-b346246d"}' })).toEqual({ action: { kind: 'show_evidence', diagnosisId: 'alarm-orders-api-prod-5xx-20260310T135652-b346246d' } });
    expect(readChatAction({ actionId: 'mute', value: '{"apiId":"a1b2c3d4e5","stage":"prod"}' })).toEqual({ action: { kind: 'mute', apiId: 'a1b2c3d4e5', stage: 'prod' } });
  });

  it("reads the values the message renderer writes (shared/slack/message/actionValues.ts), with or without a window", () => {
    expect(readChatAction({ actionId: RENDERER_ACTION_IDS.rerun, value: windowActionValue('a1b2c3d4e5', 'prod', FROM, TO) })).toEqual({ action: { kind: 'rerun', apiId: 'a1b2c3d4e5', stage: 'prod', from: FROM, to: TO } });
    expect(readChatAction({ actionId: RENDERER_ACTION_IDS.widen, value: windowActionValue('a1b2c3d4e5', 'prod', undefined, undefined) })).toEqual({ action: { kind: 'widen', apiId: 'a1b2c3d4e5', stage: 'prod' } });
    expect(readChatAction({ actionId: RENDERER_ACTION_IDS.showEvidence, value: showEvidenceValue('slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2') })).toEqual({ action: { kind: 'show_evidence', diagnosisId: 'slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2' } });
    expect(readChatAction({ actionId: RENDERER_ACTION_IDS.mute, value: muteValue('a1b2c3d4e5', '$default') })).toEqual({ action: { kind: 'mute', apiId: 'a1b2c3d4e5', stage: '$default' } });
  });

  it('refuses bad values: path tricks in a diagnosis id, bad ids and stages, missing or reversed windows', () => {
    expect(readChatAction({ actionId: 'show_evidence', value: '{"diagnosisId":"../../etc/passwd"}' })).toEqual({ problem: 'the button names no valid diagnosis id' });
    expect(readChatAction({ actionId: 'show_evidence' })).toEqual({ problem: 'the "show_evidence" button carries no JSON value' });
    expect(readChatAction({ actionId: 'mute', value: '{"apiId":"orders-api","stage":"prod"}' })).toEqual({ problem: 'the button names no valid API id' });
    expect(readChatAction({ actionId: 'mute', value: '{"apiId":"a1b2c3d4e5","stage":"prod/v1"}' })).toEqual({ problem: 'the button names no valid stage' });
    expect(readChatAction({ actionId: 'rerun', value: '{"apiId":"a1b2c3d4e5","stage":"prod","from":"yesterday","to":"now"}' })).toEqual({ problem: 'the button carries no readable window (from, to)' });
    expect(readChatAction({ actionId: 'rerun', value: JSON.stringify({ apiId: 'a1b2c3d4e5', stage: 'prod', from: FROM }) })).toEqual({ problem: 'the button carries no readable window (from, to)' });
    expect(readChatAction({ actionId: 'rerun', value: JSON.stringify({ apiId: 'a1b2c3d4e5', stage: 'prod', from: TO, to: FROM }) })).toEqual({ problem: "the button's window ends before it starts" });
    expect(readChatAction({ actionId: 'open_console', value: 'x' })).toEqual({ unknownActionId: 'open_console' });
  });
});

describe('widenedWindow / sameWindow / windowTooOld', () => {
  const sixHours = 6 * 3_600_000;
  it('widens ×4 keeping the end', () => {
    expect(widenedWindow({ from: FROM, to: TO }, sixHours)).toEqual({ from: TO - 4 * 3_600_000, to: TO, capped: false, requestedMs: 4 * 3_600_000 });
  });
  it('caps at the maximum and says so', () => {
    expect(widenedWindow({ from: TO - 2 * 3_600_000, to: TO }, sixHours)).toEqual({ from: TO - sixHours, to: TO, capped: true, requestedMs: 8 * 3_600_000 });
    expect(sameWindow({ from: TO - 7 * 3_600_000, to: TO }, sixHours)).toMatchObject({ from: TO - sixHours, capped: true });
    expect(sameWindow({ from: FROM, to: TO }, sixHours)).toEqual({ from: FROM, to: TO, capped: false, requestedMs: 3_600_000 });
  });
  it('never produces a window longer than the maximum or ending elsewhere', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 * 86_400_000 }), fc.integer({ min: 60_000, max: 86_400_000 }), (length, max) => {
        const w = widenedWindow({ from: TO - length, to: TO }, max);
        expect(w.to).toBe(TO);
        expect(w.to - w.from).toBeLessThanOrEqual(max);
        expect(w.capped).toBe(length * 4 > max);
      }),
    );
  });
  it('refuses windows whose evidence has expired (30 days)', () => {
    expect(windowTooOld({ from: FROM }, FROM + 31 * 86_400_000)).toContain('more than 30 days ago');
    expect(windowTooOld({ from: FROM }, FROM + 29 * 86_400_000)).toBeUndefined();
  });
});
