import { describe, it, expect, beforeEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { sdkStreamMixin } from '@smithy/core/serde';
import { Readable } from 'node:stream';
import { S3EvidenceStore } from './S3EvidenceStore.ts';
import { EvidenceNotFound, EvidenceUnreadable } from './evidenceErrors.ts';

const s3 = mockClient(S3Client);
const BUCKET = 'apigw-doctor-evidence-384756102938-us-east-1';
const store = () => new S3EvidenceStore(new S3Client({ region: 'us-east-1' }), BUCKET);

/** A GetObject Body as the SDK hands it over in Node: an IncomingMessage-like stream with transformToString. */
function body(text: string) {
  return sdkStreamMixin(Readable.from([Buffer.from(text, 'utf8')]));
}

beforeEach(() => s3.reset());

describe('S3EvidenceStore', () => {
  it('puts compact JSON at the key as given, with the JSON content type and no encryption header', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"9b2cf535f27731c974343645a3985328"' });
    const ref = await store().putJson('d1/diagnosis.json', { rootCause: { id: 'lambda-timeout' } });
    expect(ref).toBe('d1/diagnosis.json');
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: BUCKET,
      Key: 'd1/diagnosis.json',
      Body: '{"rootCause":{"id":"lambda-timeout"}}',
      ContentType: 'application/json',
    });
    const input = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(input?.ServerSideEncryption).toBeUndefined();
    expect(input?.SSEKMSKeyId).toBeUndefined();
  });

  it('reads the object body back as JSON', async () => {
    s3.on(GetObjectCommand, { Bucket: BUCKET, Key: 'd1/diagnosis.json' }).resolves({ Body: body('{"rootCause":{"id":"lambda-timeout"},"note":"naïve ✓"}'), ContentType: 'application/json' });
    expect(await store().getJson('d1/diagnosis.json')).toEqual({ rootCause: { id: 'lambda-timeout' }, note: 'naïve ✓' });
  });

  it('turns NoSuchKey, as the SDK throws it, into EvidenceNotFound naming the s3:// location', async () => {
    // S3's answer for a missing key when the caller may list the bucket: 404 NoSuchKey, "The specified key does not exist."
    // (S3 API reference, GetObject errors / Error codes).
    s3.on(GetObjectCommand).rejects(
      new NoSuchKey({ $metadata: { httpStatusCode: 404, requestId: 'KD5RGVZQ2SJB6M8T', extendedRequestId: 'q0eXh3qW8fGxrKJkX0k1Y2uZbq4=' }, message: 'The specified key does not exist.' }),
    );
    const error = await store().getJson('d1/diagnosis.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvidenceNotFound);
    expect(error).toMatchObject({ name: 'EvidenceNotFound', ref: 'd1/diagnosis.json', message: `No evidence document at s3://${BUCKET}/d1/diagnosis.json` });
    expect((error as Error).cause).toBeInstanceOf(NoSuchKey);
  });

  it('lets AccessDenied through: a missing permission is not a missing document', async () => {
    s3.on(GetObjectCommand).rejects(new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'Access Denied' }));
    await expect(store().getJson('d1/diagnosis.json')).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('says a body that is not JSON is unreadable', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body('{"truncated": ') });
    await expect(store().getJson('d1/diagnosis.json')).rejects.toBeInstanceOf(EvidenceUnreadable);
    s3.on(GetObjectCommand).resolves({});
    await expect(store().getJson('d1/diagnosis.json')).rejects.toThrow(/no body/);
  });

  it('names its documents by s3:// URI', () => {
    expect(store().locationOf('d1/diagnosis.json')).toBe(`s3://${BUCKET}/d1/diagnosis.json`);
  });
});
