import { describe, it, expect, beforeEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { notify, type NotifyInput } from './notify.ts';
import { MemoryEvidenceStore } from '../store/MemoryEvidenceStore.ts';
import { sampleDiagnosis } from '../render/sampleDiagnosis.ts';
import type { Diagnosis } from '../model/diagnosis.ts';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:apigw-doctor-diagnoses';
const ID = 'd-20261124-1007-7hq2';

function input(): NotifyInput {
  return {
    incident: { diagnosisId: ID, proceed: true, target: { kind: 'api', api: 'a1b2c3d4e5', stage: 'prod', since: 900_000 }, requestedAt: Date.parse('2026-11-24T10:07:00Z') },
    diagnosis: { diagnosisId: ID, ref: `${ID}/diagnosis.json`, rootCause: 'lambda-timeout', confidence: 0.93, failingRequests: 412, apiId: 'a1b2c3d4e5', stage: 'prod' },
  };
}

function published(): { Subject?: string; byProtocol: Record<string, string> } {
  const call = sns.commandCalls(PublishCommand)[0]?.args[0].input;
  return { Subject: call?.Subject, byProtocol: JSON.parse(call?.Message ?? '{}') as Record<string, string> };
}

beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e' });
});

describe('notify', () => {
  it('reads diagnosis.json by its ref and publishes it', async () => {
    const store = new MemoryEvidenceStore();
    await store.putJson(`${ID}/diagnosis.json`, sampleDiagnosis());
    const result = await notify(input(), { store, sns: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC });
    expect(result).toEqual({ snsMessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e' });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    const { Subject, byProtocol } = published();
    expect(Subject).toBe('5xx on orders-api/prod: Lambda function timed out (93%, 412 requests)');
    expect(JSON.parse(byProtocol['sqs'] ?? '')).toEqual(sampleDiagnosis());
    expect(byProtocol['email']).toContain(`Full diagnosis (JSON): memory:${ID}/diagnosis.json`);
  });

  it('still notifies from the summary when diagnosis.json is missing, and says why', async () => {
    const result = await notify(input(), { store: new MemoryEvidenceStore(), sns: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC });
    expect(result.snsMessageId).toBeDefined();
    const { Subject, byProtocol } = published();
    expect(Subject).toBe('5xx on a1b2c3d4e5/prod: Lambda function timed out (93%, 412 requests)');
    const json = JSON.parse(byProtocol['lambda'] ?? '') as Diagnosis;
    expect(json.rootCause).toMatchObject({ id: 'lambda-timeout', confidence: 0.93 });
    expect(json.gaps[0]).toMatch(/^diagnosis.json could not be read: EvidenceNotFound: No evidence document at memory:/);
    expect(byProtocol['email']).toContain('The full diagnosis could not be read');
  });

  it('treats a stored document that is not a diagnosis the same way', async () => {
    const store = new MemoryEvidenceStore();
    await store.putJson(`${ID}/diagnosis.json`, { hello: 'world' });
    await notify(input(), { store, sns: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC });
    const json = JSON.parse(published().byProtocol['sqs'] ?? '') as Diagnosis;
    expect(json.gaps).toEqual([`diagnosis.json could not be read: ${ID}/diagnosis.json is not a diagnosis`]);
  });

  it('renders a diagnosis.json with parts missing instead of failing', async () => {
    const store = new MemoryEvidenceStore();
    const partial: Partial<Diagnosis> = { ...sampleDiagnosis() };
    delete partial.findings;
    delete partial.suspectChanges;
    delete partial.stats;
    await store.putJson(`${ID}/diagnosis.json`, partial);
    await notify(input(), { store, sns: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC });
    expect(published().byProtocol['default']).toContain('No finding stood up');
  });

  it('fails the step when SNS refuses the publish (so Step Functions retries it)', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const store = new MemoryEvidenceStore();
    await store.putJson(`${ID}/diagnosis.json`, sampleDiagnosis());
    await expect(notify(input(), { store, sns: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC })).rejects.toMatchObject({ name: 'ThrottlingException' });
  });
});
