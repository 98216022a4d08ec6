import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MAX_SUBJECT_LENGTH, printableAscii, subjectOf } from './snsSubject.ts';
import { sampleDiagnosis } from '../render/sampleDiagnosis.ts';
import type { Diagnosis } from '../model/diagnosis.ts';

const PRINTABLE_ASCII_LINE = /^[\x20-\x7e]*$/;

describe('subjectOf', () => {
  it('says where, what and how many', () => {
    expect(subjectOf(sampleDiagnosis())).toBe('5xx on orders-api/prod: Lambda function timed out (93%, 412 requests)');
  });

  it('uses the API id without a name, and drops the percentage when the evidence decided nothing', () => {
    const d = sampleDiagnosis();
    delete d.api.name;
    d.api.id = 'p9r4f1l6e3';
    d.api.stage = '$default';
    d.rootCause = { id: 'insufficient-evidence', title: 'Not enough evidence to decide', confidence: 0.2, summary: '' };
    d.failingRequests.total = 1;
    expect(subjectOf(d)).toBe('5xx on p9r4f1l6e3/$default: Not enough evidence to decide (1 request)');
  });

  it('stays printable ASCII and under 100 characters whatever the names hold, keeping the counts', () => {
    const d = sampleDiagnosis();
    d.api.name = 'Bestellungen – Café “Zürich”\nprod\u0007 🔥 ' + 'x'.repeat(120);
    d.rootCause.title = `Function's role lacks a permission it needs — dynamodb:PutItem on ${'t'.repeat(200)}`;
    d.failingRequests.total = 12_345;
    const subject = subjectOf(d);
    expect(subject).toMatch(PRINTABLE_ASCII_LINE);
    expect(subject.length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
    expect(subject.startsWith('5xx on Bestellungen - Cafe "Zurich" prod ? ')).toBe(true);
    expect(subject.endsWith('(93%, 12,345 requests)')).toBe(true);
  });

  it('holds for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 200 }), (name, title, stage) => {
        const d: Diagnosis = { ...sampleDiagnosis(), api: { id: 'a1b2c3d4e5', stage, type: 'REST', name } };
        d.rootCause = { ...d.rootCause, title };
        const subject = subjectOf(d);
        expect(subject).toMatch(PRINTABLE_ASCII_LINE);
        expect(subject.length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
        expect(subject).toMatch(/^5xx on /);
      }),
    );
  });
});

describe('printableAscii', () => {
  it('spells typography in ASCII and drops what it cannot', () => {
    expect(printableAscii('Timeout 30 → 6 · “quoted” ≥ 5… naïve ×2 日本')).toBe('Timeout 30 -> 6 - "quoted" >= 5... naive x2 ??');
  });
});
