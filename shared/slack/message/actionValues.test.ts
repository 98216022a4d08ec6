import { describe, expect, it } from 'vitest';
import { readChatAction } from '../../chatops/interactions.ts';
import { ACTION_IDS, muteValue, showEvidenceValue, windowActionValue } from './actionValues.ts';

/** Epoch ms of a real window (the handler reads small numbers as nothing it would write). */
const T0 = Date.parse('2026-11-24T10:00:00Z');

describe('button values', () => {
  it('are read back by the interactivity handler as written', () => {
    expect(readChatAction({ actionId: ACTION_IDS.rerun, value: windowActionValue('a1b2c3d4e5', 'prod', T0, T0 + 900_000) })).toEqual({ action: { kind: 'rerun', apiId: 'a1b2c3d4e5', stage: 'prod', from: T0, to: T0 + 900_000 } });
    expect(readChatAction({ actionId: ACTION_IDS.widen, value: windowActionValue('a1b2c3d4e5', '$default', undefined, T0) })).toEqual({ action: { kind: 'widen', apiId: 'a1b2c3d4e5', stage: '$default' } });
    expect(readChatAction({ actionId: ACTION_IDS.showEvidence, value: showEvidenceValue('diag-1') })).toEqual({ action: { kind: 'show_evidence', diagnosisId: 'diag-1' } });
    expect(readChatAction({ actionId: ACTION_IDS.mute, value: muteValue('a1b2c3d4e5', 'prod') })).toEqual({ action: { kind: 'mute', apiId: 'a1b2c3d4e5', stage: 'prod' } });
  });

  it('drop a window that ends before it starts, keeping the API', () => {
    expect(readChatAction({ actionId: ACTION_IDS.rerun, value: windowActionValue('a1b2c3d4e5', 'prod', T0 + 5, T0) })).toEqual({ action: { kind: 'rerun', apiId: 'a1b2c3d4e5', stage: 'prod' } });
  });

  it("stay under Slack's 2,000 characters whatever the input", () => {
    expect(windowActionValue('i'.repeat(5_000), 's'.repeat(5_000), 1, 2).length).toBeLessThanOrEqual(2_000);
    expect(showEvidenceValue('d'.repeat(5_000)).length).toBeLessThanOrEqual(2_000);
  });
});
