import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { notify } from './notify.ts';
import { S3EvidenceStore } from '../store/S3EvidenceStore.ts';
import { sampleDiagnosis } from '../render/sampleDiagnosis.ts';
import { hugeDiagnosis } from './testing/hugeDiagnosis.ts';
import type { Diagnosis } from '../model/diagnosis.ts';
import { MOTO_CREDENTIALS, motoInstalled, startMotoServer, type MotoServer } from '../store/testing/motoServer.ts';

/**
 * Notify over the wire against moto_server: diagnosis.json in an S3 bucket, a topic with an HTTP subscription to a
 * local server, so the test sees what an "http" subscriber receives: the SNS Notification envelope whose Message is
 * the "http" entry of the structured message (moto applies MessageStructure json per protocol and refuses messages
 * over 262,144 characters).
 */
const hasMoto = motoInstalled();
if (!hasMoto) console.log('notify.moto.test: moto is not installed (pip install "moto[server]"); the over-the-wire test is skipped');

const BUCKET = 'apigw-doctor-evidence-notify-test';
let moto: MotoServer | undefined;
let receiver: Server | undefined;
let receiverUrl = '';
const received: unknown[] = [];

describe.skipIf(!hasMoto)('notify against moto_server', () => {
  beforeAll(async () => {
    moto = await startMotoServer();
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push(JSON.parse(body) as unknown);
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/sns`;
  }, 40_000);

  afterAll(async () => {
    moto?.stop();
    await new Promise<void>((resolve) => (receiver === undefined ? resolve() : receiver.close(() => resolve())));
  });

  it('publishes the stored diagnosis; an http subscriber gets its JSON under the subject', async () => {
    const endpoint = moto?.endpoint ?? '';
    const s3 = new S3Client({ region: 'us-east-1', endpoint, credentials: MOTO_CREDENTIALS, forcePathStyle: true });
    const sns = new SNSClient({ region: 'us-east-1', endpoint, credentials: MOTO_CREDENTIALS });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const topic = await sns.send(new CreateTopicCommand({ Name: 'apigw-doctor-diagnoses' }));
    const topicArn = topic.TopicArn ?? '';
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: receiverUrl }));

    const store = new S3EvidenceStore(s3, BUCKET);
    const id = 'd-20261124-1007-7hq2';
    const ref = await store.putJson(`${id}/diagnosis.json`, sampleDiagnosis());
    const result = await notify(
      {
        incident: { diagnosisId: id, proceed: true, target: { kind: 'api', api: 'a1b2c3d4e5', stage: 'prod' }, requestedAt: 0 },
        diagnosis: { diagnosisId: id, ref, rootCause: 'lambda-timeout', confidence: 0.93, failingRequests: 412, apiId: 'a1b2c3d4e5', stage: 'prod' },
      },
      { store, sns, topicArn },
    );
    expect(result.snsMessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(received).toHaveLength(1);
    const envelope = received[0] as { Type: string; Subject: string; Message: string; MessageAttributes?: Record<string, { Type: string; Value: string }> };
    expect(envelope.Type).toBe('Notification');
    expect(envelope.Subject).toBe('5xx on orders-api/prod: Lambda function timed out (93%, 412 requests)');
    expect(JSON.parse(envelope.Message)).toEqual(sampleDiagnosis());

    // A diagnosis far over the limit is trimmed to fit and accepted.
    const bigRef = await store.putJson('d-huge/diagnosis.json', hugeDiagnosis());
    await notify(
      {
        incident: { diagnosisId: 'd-huge', proceed: true, target: { kind: 'api', api: 'a1b2c3d4e5', stage: 'prod' }, requestedAt: 0 },
        diagnosis: { diagnosisId: 'd-huge', ref: bigRef, rootCause: 'lambda-timeout', confidence: 0.93, failingRequests: 250_000 },
      },
      { store, sns, topicArn },
    );
    expect(received).toHaveLength(2);
    const big = JSON.parse((received[1] as { Message: string }).Message) as Diagnosis & { trimmed?: string };
    expect(big.trimmed).toBe(`(trimmed, full diagnosis at s3://${BUCKET}/d-huge/diagnosis.json)`);
    s3.destroy();
    sns.destroy();
  });
});
