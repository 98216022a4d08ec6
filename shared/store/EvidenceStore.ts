/**
 * Where the workflow's steps keep what is too big for the Step Functions state (256 KiB): scope snapshots,
 * evidence fragments, diagnosis.json. A step writes a JSON document under a key and passes the returned ref on;
 * a later step reads it back by that ref. Implementations: S3 (deployed), a local folder (the local workflow run),
 * memory (tests).
 */
export interface EvidenceStore {
  /** Stores `value` as JSON under `key` (a relative path such as "<diagnosisId>/diagnosis.json") and returns its ref. */
  putJson(key: string, value: unknown): Promise<string>;
  /** The JSON document a ref names; throws EvidenceNotFound when there is none. */
  getJson(ref: string): Promise<unknown>;
  /** Where a person finds the document (s3://bucket/key, a file path), for messages that point at it. */
  locationOf?(ref: string): string;
}
