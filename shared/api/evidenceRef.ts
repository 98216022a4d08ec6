import { evidenceKeyProblem } from '../store/evidenceKey.ts';

/**
 * Where a DiagnosisSummary.ref points in the evidence store: an S3 key ("diagnoses/<id>/diagnosis.json") or an
 * s3:// URI ("s3://<bucket>/diagnoses/<id>/diagnosis.json"). Only the configured evidence bucket is read: a URI
 * naming another bucket is refused rather than followed.
 */

export interface EvidenceLocation {
  bucket: string;
  key: string;
}

export function resolveEvidenceRef(ref: string, evidenceBucket: string): EvidenceLocation | { problem: string } {
  const text = ref.trim();
  if (/^s3:\/\//i.test(text)) {
    const rest = text.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const key = slash < 0 ? '' : rest.slice(slash + 1);
    if (bucket === '' || key === '') return { problem: `the reference ${JSON.stringify(text)} names no object` };
    if (bucket !== evidenceBucket) {
      return { problem: `the diagnosis is in s3://${bucket}, not in the evidence bucket ${evidenceBucket}, and only that bucket is read` };
    }
    return checked(bucket, key);
  }
  return checked(evidenceBucket, text.replace(/^\/+/, ''));
}

/** The evidence store's key rule (relative, no "." or ".." segment, no control character, at most 1024 bytes). */
function checked(bucket: string, key: string): EvidenceLocation | { problem: string } {
  const problem = evidenceKeyProblem(key);
  return problem === undefined ? { bucket, key } : { problem: `the reference ${JSON.stringify(key)} is not an evidence key: ${problem}` };
}
