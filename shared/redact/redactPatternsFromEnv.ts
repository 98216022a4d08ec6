import { compileRedactPatterns } from './compileRedactPatterns.ts';

/**
 * The extra redaction patterns configured in the environment (REDACT_PATTERNS), compiled once per distinct value.
 * Problems are reported once per value as a process warning (code APIGW_DOCTOR_REDACT_PATTERNS), so that a bad
 * pattern shows in the function's log at the first redaction instead of failing it; redactPatternProblems() gives
 * them to a handler that wants to log them at start.
 */
let cached: { raw: string | undefined; patterns: RegExp[]; problems: string[] } | undefined;

export function configuredRedactPatterns(env: Record<string, string | undefined> = process.env): RegExp[] {
  return load(env).patterns;
}

export function redactPatternProblems(env: Record<string, string | undefined> = process.env): string[] {
  return load(env).problems;
}

function load(env: Record<string, string | undefined>) {
  const raw = env['REDACT_PATTERNS'];
  if (cached !== undefined && cached.raw === raw) return cached;
  const { patterns, problems } = compileRedactPatterns(raw);
  cached = { raw, patterns, problems };
  for (const problem of problems) process.emitWarning(problem, { code: 'APIGW_DOCTOR_REDACT_PATTERNS' });
  return cached;
}
