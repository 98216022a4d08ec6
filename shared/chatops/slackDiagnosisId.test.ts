import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { newSlackDiagnosisId, SLACK_DIAGNOSIS_ID } from './slackDiagnosisId.ts';
import { readExecutionInput } from '../claim/executionInput.ts';

const NOW = Date.parse('2026-11-24T10:15:32.123Z');

describe('newSlackDiagnosisId', () => {
  it('is slack-<apiId>-<stage>-<time>-<random>', () => {
    expect(newSlackDiagnosisId('a1b2c3d4e5', 'prod', NOW, () => 'k3v9x2')).toBe('slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2');
    expect(newSlackDiagnosisId('a1b2c3d4e5', '$default', NOW, () => 'k3v9x2')).toBe('slack-a1b2c3d4e5-default-20261124T101532Z-k3v9x2');
  });

  it('is always a valid execution name (≤ 80 of [A-Za-z0-9-_]) that the workflow accepts as a manual id', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/), fc.integer({ min: 0, max: 4_102_444_800_000 }), (stage, now) => {
        const id = newSlackDiagnosisId('a1b2c3d4e5', stage, now);
        expect(id.length).toBeLessThanOrEqual(80);
        expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(id).toMatch(SLACK_DIAGNOSIS_ID);
      }),
    );
    const id = newSlackDiagnosisId('a1b2c3d4e5', 'prod', NOW);
    expect(readExecutionInput({ manual: { id, apiId: 'a1b2c3d4e5', stage: 'prod', since: 3_600_000 } })).toMatchObject({ kind: 'manual', manual: { id } });
  });
});
