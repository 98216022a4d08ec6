import { InvalidEvidenceKey } from './evidenceErrors.ts';

/** S3's limit on an object key, in UTF-8 bytes. */
const MAX_KEY_BYTES = 1024;

/**
 * What is wrong with a key, or undefined when it is a plain relative path: segments separated by "/", none empty,
 * "." or "..", no backslash or control character, at most 1024 bytes. Every store applies the same rule, so a key
 * that works in a local run works in S3, and a folder store cannot be led outside its root.
 */
export function evidenceKeyProblem(key: string): string | undefined {
  if (key === '') return 'it is empty';
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return `it is longer than ${MAX_KEY_BYTES} bytes`;
  if (key.startsWith('/')) return 'it starts with "/" (keys are relative)';
  if (key.includes('\\')) return 'it contains a backslash';
  if (/[\u0000-\u001f\u007f]/.test(key)) return 'it contains a control character';
  const segments = key.split('/');
  if (segments.some((s) => s === '')) return 'it has an empty path segment';
  if (segments.some((s) => s === '.' || s === '..')) return 'it has a "." or ".." segment';
  return undefined;
}

export function assertEvidenceKey(key: string): void {
  const problem = evidenceKeyProblem(key);
  if (problem !== undefined) throw new InvalidEvidenceKey(key, problem);
}

/** The JSON text stored for a value; refuses values JSON cannot represent (undefined, a function) rather than storing nothing. */
export function evidenceJson(key: string, value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  if (typeof text !== 'string') throw new TypeError(`The value for evidence key ${JSON.stringify(key)} (${typeof value}) has no JSON form`);
  return text;
}
