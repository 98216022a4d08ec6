import { UsageError } from '../shared/errors.ts';

/** A usage error found while reading the command line, with the hint that says where to look. */
export class CliUsageError extends UsageError {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export const TOP_LEVEL_HINT = "Run 'apigw-doctor --help' for usage.";
export const DIAGNOSE_HINT = "Run 'apigw-doctor diagnose --help' for usage.";
export const COLLECT_HINT = "Run 'apigw-doctor collect --help' for usage.";
