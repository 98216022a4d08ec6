import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { EvidenceStore } from './EvidenceStore.ts';
import { EvidenceNotFound, EvidenceUnreadable } from './evidenceErrors.ts';
import { assertEvidenceKey, evidenceJson } from './evidenceKey.ts';

/**
 * The evidence store of the deployed workflow: one S3 bucket, keys used as given (no prefix), ref = key.
 * No ServerSideEncryption header is sent, so the bucket's default encryption applies (SSE-S3 or the bucket's KMS key).
 */
export class S3EvidenceStore implements EvidenceStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  async putJson(key: string, value: unknown): Promise<string> {
    assertEvidenceKey(key);
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: evidenceJson(key, value), ContentType: 'application/json' }),
    );
    return key;
  }

  async getJson(ref: string): Promise<unknown> {
    assertEvidenceKey(ref);
    let text: string | undefined;
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: ref }));
      text = await object.Body?.transformToString('utf-8');
    } catch (error) {
      // A missing key is NoSuchKey (404) when the caller may list the bucket; without s3:ListBucket S3 answers
      // AccessDenied (403) instead, which is left to propagate: it is a permission to fix, not a missing document.
      if (isNoSuchKey(error)) throw new EvidenceNotFound(ref, this.locationOf(ref), { cause: error });
      throw error;
    }
    if (text === undefined) throw new EvidenceUnreadable(ref, 'S3 returned no body');
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new EvidenceUnreadable(ref, `${this.locationOf(ref)} is not JSON`, { cause: error });
    }
  }

  locationOf(ref: string): string {
    return `s3://${this.bucket}/${ref}`;
  }
}

function isNoSuchKey(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return name === 'NoSuchKey' || (name === 'NotFound' && $metadata?.httpStatusCode === 404);
}
