import { describe, it, expect } from 'vitest';
import { resolveEvidenceRef } from './evidenceRef.ts';

const BUCKET = 'apigw-doctor-evidence-111122223333-eu-west-1';

describe('resolveEvidenceRef', () => {
  it('reads a key in the evidence bucket', () => {
    expect(resolveEvidenceRef('diagnoses/manual-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2/diagnosis.json', BUCKET)).toEqual({
      bucket: BUCKET,
      key: 'diagnoses/manual-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2/diagnosis.json',
    });
    expect(resolveEvidenceRef('/d/diagnosis.json', BUCKET)).toEqual({ bucket: BUCKET, key: 'd/diagnosis.json' });
  });

  it('reads an s3:// URI of the evidence bucket', () => {
    expect(resolveEvidenceRef(`s3://${BUCKET}/d/x/diagnosis.json`, BUCKET)).toEqual({ bucket: BUCKET, key: 'd/x/diagnosis.json' });
    expect(resolveEvidenceRef(`S3://${BUCKET}/d/diagnosis.json`, BUCKET)).toEqual({ bucket: BUCKET, key: 'd/diagnosis.json' });
  });

  it('refuses another bucket, a URI without a key, and an empty reference', () => {
    expect(resolveEvidenceRef('s3://someone-elses-bucket/d/diagnosis.json', BUCKET)).toEqual({
      problem: `the diagnosis is in s3://someone-elses-bucket, not in the evidence bucket ${BUCKET}, and only that bucket is read`,
    });
    expect(resolveEvidenceRef(`s3://${BUCKET}`, BUCKET)).toHaveProperty('problem');
    expect(resolveEvidenceRef(`s3://${BUCKET}/`, BUCKET)).toHaveProperty('problem');
    expect(resolveEvidenceRef('  ', BUCKET)).toHaveProperty('problem');
    expect(resolveEvidenceRef('d/../../etc/diagnosis.json', BUCKET)).toEqual({ problem: 'the reference "d/../../etc/diagnosis.json" is not an evidence key: it has a "." or ".." segment' });
  });
});
