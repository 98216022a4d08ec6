import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileRedactPatterns, MAX_PATTERN_LENGTH } from './compileRedactPatterns.ts';
import { configuredRedactPatterns, redactPatternProblems } from './redactPatternsFromEnv.ts';
import { redact } from './redact.ts';

describe('compileRedactPatterns', () => {
  it('compiles sources and /literal/flags, always global', () => {
    const { patterns, problems } = compileRedactPatterns(JSON.stringify(['\\bORD-\\d{8}\\b', '/customer-[a-z]+/i']));
    expect(problems).toEqual([]);
    expect(patterns.map((p) => [p.source, p.flags])).toEqual([
      ['\\bORD-\\d{8}\\b', 'g'],
      ['customer-[a-z]+', 'gi'],
    ]);
  });

  it('is empty without configuration', () => {
    expect(compileRedactPatterns(undefined)).toEqual({ patterns: [], problems: [] });
    expect(compileRedactPatterns('  ')).toEqual({ patterns: [], problems: [] });
  });

  it('reports what is wrong without throwing, and keeps the good patterns', () => {
    const { patterns, problems } = compileRedactPatterns(
      JSON.stringify(['(unclosed', '(a+)+$', 'x*', '/ok/g', 42, 'a'.repeat(MAX_PATTERN_LENGTH + 1), '\\bEMP\\d{6}\\b', '(\\w+\\s?)*!']),
    );
    expect(patterns.map((p) => p.source)).toEqual(['\\bEMP\\d{6}\\b']);
    expect(problems).toEqual([
      expect.stringMatching(/^REDACT_PATTERNS\[0\] is not a valid regular expression .*; ignored$/),
      'REDACT_PATTERNS[1] nests quantifiers (like "(a+)+"), which can take exponential time; ignored',
      'REDACT_PATTERNS[2] matches the empty string; ignored',
      'REDACT_PATTERNS[3] has flags "g" (allowed: i, m, s, u); ignored',
      'REDACT_PATTERNS[4] is not a non-empty string; ignored',
      `REDACT_PATTERNS[5] is longer than ${MAX_PATTERN_LENGTH} characters; ignored`,
      'REDACT_PATTERNS[7] nests quantifiers (like "(a+)+"), which can take exponential time; ignored',
    ]);
    // A problem never quotes the pattern (it may be a secret itself).
    expect(problems.join(' ')).not.toContain('unclosed');
  });

  it('reports a value that is not a JSON array', () => {
    expect(compileRedactPatterns('\\d+').problems).toEqual(['REDACT_PATTERNS is not JSON (expected an array of regular expression strings); no extra pattern applies']);
    expect(compileRedactPatterns('{"a":"b"}').problems).toEqual(['REDACT_PATTERNS is not a JSON array of regular expression strings; no extra pattern applies']);
  });
});

describe('REDACT_PATTERNS in the environment', () => {
  const saved = process.env['REDACT_PATTERNS'];
  afterEach(() => {
    if (saved === undefined) delete process.env['REDACT_PATTERNS'];
    else process.env['REDACT_PATTERNS'] = saved;
    vi.restoreAllMocks();
  });

  it('applies in every redact() call, after the built-in rules', () => {
    process.env['REDACT_PATTERNS'] = JSON.stringify(['\\bEMP\\d{6}\\b']);
    expect(redact('employee EMP004211 hit a 502 with password=hunter2')).toBe('employee [REDACTED] hit a 502 with password=[REDACTED]');
    delete process.env['REDACT_PATTERNS'];
    expect(redact('employee EMP004211')).toBe('employee EMP004211');
  });

  it('reports problems once per value as a process warning', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const env = { REDACT_PATTERNS: '["(x"]' };
    expect(configuredRedactPatterns(env)).toEqual([]);
    configuredRedactPatterns(env);
    expect(redactPatternProblems(env)).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[1]).toEqual({ code: 'APIGW_DOCTOR_REDACT_PATTERNS' });
  });
});
