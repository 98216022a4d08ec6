import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { CreateBucketCommand, HeadObjectCommand, PutBucketEncryptionCommand, S3Client } from '@aws-sdk/client-s3';
import { S3EvidenceStore } from './S3EvidenceStore.ts';
import { describeEvidenceStoreContract } from './evidenceStoreContract.ts';
import { MOTO_CREDENTIALS, motoInstalled, startMotoServer, type MotoServer } from './testing/motoServer.ts';

/** The S3 store over the wire against moto_server: the same contract as the memory and folder stores. */
const hasMoto = motoInstalled();
if (!hasMoto) console.log('S3EvidenceStore.moto.test: moto is not installed (pip install "moto[server]"); the over-the-wire test is skipped');

const BUCKET = 'apigw-doctor-evidence-test';
let server: MotoServer | undefined;
let client: S3Client | undefined;

function s3(): S3Client {
  if (client === undefined) throw new Error('moto_server is not running');
  return client;
}

describe.skipIf(!hasMoto)('S3EvidenceStore against moto_server', () => {
  beforeAll(async () => {
    server = await startMotoServer();
    client = new S3Client({ region: 'us-east-1', endpoint: server.endpoint, credentials: MOTO_CREDENTIALS, forcePathStyle: true });
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await client.send(
      new PutBucketEncryptionCommand({ Bucket: BUCKET, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }),
    );
  }, 40_000);

  afterAll(() => {
    client?.destroy();
    server?.stop();
  });

  describeEvidenceStoreContract('S3EvidenceStore (moto)', () => new S3EvidenceStore(s3(), BUCKET));

  it('stores application/json objects that the bucket default encryption covers', async () => {
    const ref = await new S3EvidenceStore(s3(), BUCKET).putJson('d9/diagnosis.json', { ok: true });
    const head = await s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: ref }));
    expect(head.ContentType).toBe('application/json');
    expect(head.ServerSideEncryption).toBe('AES256');
  });
});
