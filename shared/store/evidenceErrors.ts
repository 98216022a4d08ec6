/** The evidence store's errors, each named so that a Catch or a caller can tell them apart. */

/** Thrown by getJson when nothing is stored under the ref (S3 NoSuchKey, a missing file). */
export class EvidenceNotFound extends Error {
  override readonly name = 'EvidenceNotFound';
  constructor(
    readonly ref: string,
    where: string,
    options?: ErrorOptions,
  ) {
    super(`No evidence document at ${where}`, options);
  }
}

/** Thrown when a stored document is not JSON (a partial write, a file edited by hand). */
export class EvidenceUnreadable extends Error {
  override readonly name = 'EvidenceUnreadable';
  constructor(
    readonly ref: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`The evidence document ${ref} could not be read: ${reason}`, options);
  }
}

/** Thrown for a key that is not a plain relative path (keys come from code, so this is a bug, not bad data). */
export class InvalidEvidenceKey extends Error {
  override readonly name = 'InvalidEvidenceKey';
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Invalid evidence key ${JSON.stringify(key)}: ${reason}`);
  }
}
