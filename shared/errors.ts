/** Errors the engine raises on purpose; the CLI maps them to the contract's exit codes. */

/** The bundle cannot be diagnosed at all: missing or empty folder, no log file. Exit 2. */
export class UnreadableBundleError extends Error {
  override name = 'UnreadableBundleError';
}

/** The command line is wrong. Exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
