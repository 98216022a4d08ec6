/**
 * Extra redaction patterns from configuration (env REDACT_PATTERNS): a JSON array whose items are regex sources
 * ("\\bORD-\\d{8}\\b") or literals with flags ("/customer-[a-z]+/i"). Every pattern is applied globally. A pattern
 * that is not valid, is too long, can match the empty string, or nests unbounded quantifiers (the shape that
 * backtracks catastrophically, e.g. "(a+)+") is reported and left out: configuration never stops a diagnosis, and a
 * problem names the item by index and reason, never by its text (it may itself be a secret).
 */
export const MAX_PATTERN_LENGTH = 512;
export const MAX_PATTERNS = 50;

export interface CompiledRedactPatterns {
  patterns: RegExp[];
  problems: string[];
}

const ALLOWED_FLAGS = /^[imsu]*$/;
const LITERAL = /^\/([\s\S]+)\/([a-z]*)$/;
/** A group holding an unbounded quantifier, itself quantified: star height 2. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;

export function compileRedactPatterns(raw: string | undefined): CompiledRedactPatterns {
  const problems: string[] = [];
  const text = raw?.trim();
  if (text === undefined || text === '') return { patterns: [], problems };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { patterns: [], problems: ['REDACT_PATTERNS is not JSON (expected an array of regular expression strings); no extra pattern applies'] };
  }
  if (!Array.isArray(parsed)) return { patterns: [], problems: ['REDACT_PATTERNS is not a JSON array of regular expression strings; no extra pattern applies'] };
  if (parsed.length > MAX_PATTERNS) problems.push(`REDACT_PATTERNS has ${parsed.length} patterns; only the first ${MAX_PATTERNS} apply`);

  const patterns: RegExp[] = [];
  for (const [index, item] of parsed.slice(0, MAX_PATTERNS).entries()) {
    const outcome = compileOne(item);
    if (typeof outcome === 'string') problems.push(`REDACT_PATTERNS[${index}] ${outcome}; ignored`);
    else patterns.push(outcome);
  }
  return { patterns, problems };
}

function compileOne(item: unknown): RegExp | string {
  if (typeof item !== 'string' || item.trim() === '') return 'is not a non-empty string';
  if (item.length > MAX_PATTERN_LENGTH) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
  const literal = LITERAL.exec(item);
  const source = literal?.[1] ?? item;
  const flags = literal?.[2] ?? '';
  if (!ALLOWED_FLAGS.test(flags)) return `has flags "${flags}" (allowed: i, m, s, u)`;
  if (NESTED_QUANTIFIER.test(source)) return 'nests quantifiers (like "(a+)+"), which can take exponential time';
  let re: RegExp;
  try {
    re = new RegExp(source, `${flags}g`);
  } catch (error) {
    return `is not a valid regular expression (${error instanceof Error ? error.message.replace(source, '…') : 'syntax error'})`;
  }
  if (new RegExp(source, flags).test('')) return 'matches the empty string';
  return re;
}
