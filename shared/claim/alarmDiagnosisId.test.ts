import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { alarmDiagnosisId, compactUtc, slugOf } from './alarmDiagnosisId.ts';

const ARN = 'arn:aws:cloudwatch:us-east-1:384756102938:alarm:orders-api-prod-5xx';
const AT = Date.parse('2026-03-10T13:56:52.616Z');

describe('alarmDiagnosisId', () => {
  it('is alarm-<slug>-<UTC stamp>-<8 hex of sha256(ARN \\n epoch ms)>', () => {
    // The hex computed independently: python3 hashlib.sha256(b"<ARN>\n1773151012616").hexdigest()[:8].
    expect(alarmDiagnosisId(ARN, 'orders-api-prod-5xx', AT)).toBe('alarm-orders-api-prod-5xx-20260310T135652-b346246d');
  });

  it('differs for the same name in another account, and for another transition in the same second', () => {
    const base = alarmDiagnosisId(ARN, 'orders-api-prod-5xx', AT);
    expect(alarmDiagnosisId(ARN.replace('384756102938', '123456789012'), 'orders-api-prod-5xx', AT)).not.toBe(base);
    expect(alarmDiagnosisId(ARN, 'orders-api-prod-5xx', AT + 1)).not.toBe(base);
    expect(alarmDiagnosisId(ARN, 'orders-api-prod-5xx', AT + 1).slice(0, -9)).toBe(base.slice(0, -9));
  });

  it('slugs any alarm name to lowercase letters, digits and single dashes, at most 40', () => {
    expect(slugOf('Orders API (prod) — 5XXError ≥ 5/min')).toBe('orders-api-prod-5xxerror-5-min');
    expect(slugOf('Café-Bestellungen/Prod')).toBe('cafe-bestellungen-prod');
    expect(slugOf('a'.repeat(39) + '-bcd')).toBe('a'.repeat(39));
    expect(alarmDiagnosisId(ARN, '🔥🔥', AT)).toMatch(/^alarm-unnamed-20260310T135652-[0-9a-f]{8}$/);
    expect(compactUtc(Date.parse('2026-12-31T23:59:59.999Z'))).toBe('20261231T235959');
  });

  it('is always a valid S3 key segment and execution name', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string(), fc.integer({ min: 0, max: 4102444800000 }), (name, arn, at) => {
        const id = alarmDiagnosisId(arn, name, at);
        expect(id).toMatch(/^alarm-[a-z0-9]+(-[a-z0-9]+)*-\d{8}T\d{6}-[0-9a-f]{8}$/);
        expect(id.length).toBeLessThanOrEqual(71);
      }),
    );
  });
});
