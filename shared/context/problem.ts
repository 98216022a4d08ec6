/** What a context parser returns instead of a value when the document cannot be used. */
export interface ParseProblem {
  /** A sentence for the diagnosis' gaps: which file, what was expected, what was found. */
  problem: string;
}

export function isParseProblem(value: unknown): value is ParseProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { problem?: unknown }).problem === 'string'
  );
}

/**
 * Runs a parser and turns anything it throws into a problem: the parsers are written not to
 * throw, and this makes that a guarantee for the caller rather than a hope.
 */
export function neverThrow<T>(file: string, what: string, parse: () => T | ParseProblem): T | ParseProblem {
  try {
    return parse();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { problem: `${file}: could not read the ${what} (${reason}); it was skipped` };
  }
}
