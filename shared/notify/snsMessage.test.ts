import { describe, it, expect } from 'vitest';
import { snsMessageOf, SNS_MAX_BYTES, type SnsDiagnosisMessage } from './snsMessage.ts';
import { sampleDiagnosis } from '../render/sampleDiagnosis.ts';
import type { Diagnosis } from '../model/diagnosis.ts';
import { hugeDiagnosis } from './testing/hugeDiagnosis.ts';
import type { DiagnosisSummary } from '../workflow/stepPayloads.ts';

const SUMMARY: DiagnosisSummary = {
  diagnosisId: 'alarm-orders-api-prod-5xx-20261124T100700-5d1e2f3a',
  ref: 'alarm-orders-api-prod-5xx-20261124T100700-5d1e2f3a/diagnosis.json',
  rootCause: 'lambda-timeout',
  confidence: 0.93,
  failingRequests: 412,
  apiId: 'a1b2c3d4e5',
  stage: 'prod',
};
const WHERE = 's3://apigw-doctor-evidence-123456789012-us-east-1/alarm-orders-api-prod-5xx-20261124T100700-5d1e2f3a/diagnosis.json';

/** The per-protocol messages as SNS reads them from a MessageStructure "json" Message. */
function protocols(message: SnsDiagnosisMessage): Record<string, string> {
  expect(message.MessageStructure).toBe('json');
  return JSON.parse(message.Message) as Record<string, string>;
}

/** What SNS counts against its 256 KiB: the message, and the attributes' names, types and values (the subject too, to be safe). */
function publishedBytes(message: SnsDiagnosisMessage): number {
  const attributes = Object.entries(message.MessageAttributes).reduce((n, [name, v]) => n + Buffer.byteLength(name) + Buffer.byteLength(v.DataType ?? '') + Buffer.byteLength(v.StringValue ?? ''), 0);
  return Buffer.byteLength(message.Message) + Buffer.byteLength(message.Subject) + attributes;
}

describe('snsMessageOf', () => {
  it('sends people the plain-text report and programs the diagnosis JSON', () => {
    const d = sampleDiagnosis();
    const message = snsMessageOf(d, SUMMARY, { fullDiagnosisAt: WHERE });
    expect(message.Subject).toBe('5xx on orders-api/prod: Lambda function timed out (93%, 412 requests)');
    const byProtocol = protocols(message);
    expect(Object.keys(byProtocol).sort()).toEqual(['default', 'email', 'http', 'https', 'lambda', 'sqs']);
    expect(byProtocol['email']).toBe(byProtocol['default']);
    for (const machine of ['sqs', 'lambda', 'http', 'https']) expect(JSON.parse(byProtocol[machine] ?? '')).toEqual(d);

    const text = byProtocol['email'] ?? '';
    expect(text).not.toMatch(/\u001b\[/);
    expect(text).toMatch(/^Lambda function timed out \[lambda-timeout\]\nAPI a1b2c3d4e5 \(orders-api\) · stage prod/);
    expect(text).toContain('Task timed out after 6.01 seconds');
    expect(text).toContain(`Diagnosis ${SUMMARY.diagnosisId}\nFull diagnosis (JSON): ${WHERE}\n`);
    expect(Math.max(...text.split('\n').filter((l) => !l.includes('://')).map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('carries api, apiId, stage, rootCause, severity and diagnosisId as String attributes', () => {
    expect(snsMessageOf(sampleDiagnosis(), SUMMARY).MessageAttributes).toEqual({
      api: { DataType: 'String', StringValue: 'orders-api' },
      apiId: { DataType: 'String', StringValue: 'a1b2c3d4e5' },
      stage: { DataType: 'String', StringValue: 'prod' },
      rootCause: { DataType: 'String', StringValue: 'lambda-timeout' },
      severity: { DataType: 'String', StringValue: 'high' },
      diagnosisId: { DataType: 'String', StringValue: SUMMARY.diagnosisId },
    });
    const unnamed = sampleDiagnosis();
    delete unnamed.api.name;
    unnamed.api.stage = '';
    const attributes = snsMessageOf(unnamed, SUMMARY).MessageAttributes;
    expect(attributes['api']?.StringValue).toBe('a1b2c3d4e5');
    expect(attributes['stage']?.StringValue).toBe('unknown');
  });

  it('fits a huge diagnosis under 256 KiB by trimming, and says where the full one is', () => {
    const d = hugeDiagnosis();
    expect(Buffer.byteLength(JSON.stringify(d))).toBeGreaterThan(SNS_MAX_BYTES * 4);
    const message = snsMessageOf(d, SUMMARY, { fullDiagnosisAt: WHERE });
    expect(publishedBytes(message)).toBeLessThanOrEqual(SNS_MAX_BYTES);
    const byProtocol = protocols(message);
    const json = JSON.parse(byProtocol['sqs'] ?? '') as Diagnosis & { trimmed?: string };
    expect(json.trimmed).toBe(`(trimmed, full diagnosis at ${WHERE})`);
    expect(json.rootCause).toEqual(d.rootCause);
    expect(json.failingRequests.total).toBe(250_000);
    expect(json.findings.length).toBeGreaterThan(0);
    expect(byProtocol['email']).toContain(WHERE);
    expect(message.MessageAttributes['severity']?.StringValue).toBe('critical');
  });

  it('trims only as far as needed: a budget just under the full message keeps the findings and cuts the excerpts', () => {
    const d = sampleDiagnosis();
    const full = snsMessageOf(d, SUMMARY, { fullDiagnosisAt: WHERE });
    const message = snsMessageOf(d, SUMMARY, { fullDiagnosisAt: WHERE, maxBytes: publishedBytes(full) + 4096 - 200 });
    const json = JSON.parse(protocols(message)['lambda'] ?? '') as Diagnosis & { trimmed?: string };
    expect(json.trimmed).toMatch(/^\(trimmed, full diagnosis at s3:\/\//);
    expect(json.findings.map((f) => f.id)).toEqual(['lambda-timeout', 'downstream-dependency-failure']);
    expect(publishedBytes(message)).toBeLessThanOrEqual(publishedBytes(full) - 200);
  });

  it('never fails on size, even when nothing but the notice fits', () => {
    const d = sampleDiagnosis();
    const message = snsMessageOf(d, SUMMARY, { fullDiagnosisAt: WHERE, maxBytes: 4096 + 1200 });
    expect(publishedBytes(message)).toBeLessThanOrEqual(4096 + 1200 + 600);
    expect(protocols(message)['default']).toContain(`(trimmed, full diagnosis at ${WHERE})`);
  });

  it('names the summary ref as the full diagnosis when no location is given', () => {
    const message = snsMessageOf(sampleDiagnosis(), SUMMARY);
    expect(protocols(message)['default']).toContain(`Full diagnosis (JSON): ${SUMMARY.ref}`);
  });
});
