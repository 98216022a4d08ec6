import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DIAGNOSIS_ID_MAX_LENGTH, STAGE_PART_MAX_LENGTH, isDiagnosisId, newDiagnosisId } from './diagnosisId.ts';

const NOW = Date.parse('2026-11-24T10:15:32.514Z');
// Step Functions execution names: at most 80 characters; only these for CloudWatch logging (API reference, StartExecution "name").
const EXECUTION_NAME = /^[A-Za-z0-9_-]{1,80}$/;

describe('newDiagnosisId', () => {
  it('is manual-<apiId>-<stage>-<UTC time>-<random 6>', () => {
    expect(newDiagnosisId('a1b2c3d4e5', 'prod', NOW, () => 'k3v9x2')).toBe('manual-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2');
  });

  it('drops the $ of $default and cuts a long stage so the id stays a valid execution name', () => {
    const def = newDiagnosisId('k3v9x2m7qp', '$default', NOW, () => 'aaaaaa');
    expect(def).toBe('manual-k3v9x2m7qp-default-20261124T101532Z-aaaaaa');
    const long = newDiagnosisId('k3v9x2m7qp', 's'.repeat(128), NOW);
    expect(long).toHaveLength(DIAGNOSIS_ID_MAX_LENGTH);
    expect(long).toContain(`-${'s'.repeat(STAGE_PART_MAX_LENGTH)}-`);
    expect(EXECUTION_NAME.test(long)).toBe(true);
  });

  it('gives different ids to two requests in the same second', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newDiagnosisId('a1b2c3d4e5', 'prod', NOW)));
    expect(ids.size).toBe(50);
  });

  it('always makes a valid execution name that isDiagnosisId accepts (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9]{10}$/),
        fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/), fc.constant('$default')),
        fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2099-12-31T23:59:59Z') }),
        (apiId, stage, now) => {
          const id = newDiagnosisId(apiId, stage, now);
          expect(id.length).toBeLessThanOrEqual(80);
          expect(EXECUTION_NAME.test(id)).toBe(true);
          expect(isDiagnosisId(id)).toBe(true);
        },
      ),
    );
  });
});

describe('isDiagnosisId', () => {
  it.each([
    '',
    'manual-a1b2c3d4e5-prod-20261124T101532Z',
    'manual-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2/../x',
    'manual-A1B2C3D4E5-prod-20261124T101532Z-k3v9x2',
    'manual-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2:other',
    'arn:aws:states:eu-west-1:111122223333:execution:m:x',
    'alarm-orders-api-prod-5xx-20261124T101532Z',
    'manual-a1b2c3d4e5-pr od-20261124T101532Z-k3v9x2',
    `manual-a1b2c3d4e5-${'s'.repeat(39)}-20261124T101532Z-k3v9x2`,
  ])('refuses %j', (text) => {
    expect(isDiagnosisId(text)).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(isDiagnosisId(undefined)).toBe(false);
    expect(isDiagnosisId(42)).toBe(false);
  });

  it('refuses anything with a character outside [A-Za-z0-9-_] (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (text) => {
        if (isDiagnosisId(text)) expect(EXECUTION_NAME.test(text)).toBe(true);
      }),
    );
  });
});
