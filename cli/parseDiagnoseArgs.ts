/** The `diagnose` command line → what to diagnose and how to print it. Throws CliUsageError on any mistake. */
import { parseArgs } from 'node:util';
import type { DiagnoseOptions } from '../shared/diagnoseOptions.ts';
import { CliUsageError, DIAGNOSE_HINT } from './cliUsageError.ts';
import { describeParseArgsError } from './parseArgsError.ts';
import { parseDuration, parseIsoTime } from './timeArgs.ts';

export type OutputFormat = 'text' | 'json' | 'markdown';

export type DiagnoseCommand =
  | { kind: 'help' }
  | { kind: 'diagnose'; evidence: string; format: OutputFormat; noColor: boolean; options: DiagnoseOptions };

const FORMATS: Record<string, OutputFormat> = { text: 'text', json: 'json', markdown: 'markdown', md: 'markdown' };
const MAX_SAMPLE_SIZE = 10_000;

const OPTIONS = {
  evidence: { type: 'string', short: 'e' },
  format: { type: 'string', short: 'f' },
  from: { type: 'string' },
  to: { type: 'string' },
  since: { type: 'string' },
  api: { type: 'string' },
  stage: { type: 'string' },
  'sample-size': { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  // Live-account options of a later version, known here so that their error says so.
  region: { type: 'string' },
  profile: { type: 'string' },
  alarm: { type: 'string' },
} as const;

export function parseDiagnoseArgs(args: string[]): DiagnoseCommand {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new CliUsageError(describeParseArgsError(error), DIAGNOSE_HINT);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: 'help' };

  const live = (['region', 'profile', 'alarm'] as const).filter((name) => values[name] !== undefined);
  if (live.length > 0) {
    throw new CliUsageError(
      `${live.map((name) => `--${name}`).join(', ')}: diagnosing a live account is not available yet; record an incident bundle and pass it with --evidence DIR`,
      DIAGNOSE_HINT,
    );
  }
  const [firstPositional] = positionals;
  if (firstPositional !== undefined) {
    const guess = values.evidence === undefined ? ` (did you mean --evidence ${firstPositional}?)` : '';
    throw new CliUsageError(`unexpected argument '${firstPositional}'${guess}`, DIAGNOSE_HINT);
  }

  const evidence = nonEmpty(values.evidence, 'evidence');
  if (evidence === undefined) {
    throw new CliUsageError(
      'diagnose needs --evidence DIR, the incident bundle folder (diagnosing a live account without a bundle is not available yet)',
      DIAGNOSE_HINT,
    );
  }

  const formatText = values.format ?? 'text';
  const format = FORMATS[formatText.toLowerCase()];
  if (format === undefined) throw new CliUsageError(`--format must be text, json or markdown, not '${formatText}'`, DIAGNOSE_HINT);

  const options: DiagnoseOptions = { ...windowOptions(values.from, values.to, values.since) };
  const apiId = nonEmpty(values.api, 'api');
  if (apiId !== undefined) options.apiId = apiId;
  const stage = nonEmpty(values.stage, 'stage');
  if (stage !== undefined) options.stage = stage;
  if (values['sample-size'] !== undefined) options.sampleSize = parseSampleSize(values['sample-size']);

  return { kind: 'diagnose', evidence, format, noColor: values['no-color'] === true, options };
}

function windowOptions(from: string | undefined, to: string | undefined, since: string | undefined): Pick<DiagnoseOptions, 'from' | 'to' | 'since'> {
  if (since !== undefined) {
    if (from !== undefined || to !== undefined) throw new CliUsageError('give either --since or --from/--to, not both', DIAGNOSE_HINT);
    const duration = parseDuration(since);
    if (duration === undefined) throw new CliUsageError(`--since takes a duration such as 30m, 2h, 1d or 1h30m, not '${since}'`, DIAGNOSE_HINT);
    return { since: duration };
  }
  if (from === undefined && to === undefined) return {};
  if (from === undefined || to === undefined) throw new CliUsageError('--from and --to go together (or use --since)', DIAGNOSE_HINT);
  const start = parseTimeOption('from', from);
  const end = parseTimeOption('to', to);
  if (start >= end) throw new CliUsageError(`--from (${from}) must be before --to (${to})`, DIAGNOSE_HINT);
  return { from: start, to: end };
}

function parseTimeOption(name: string, text: string): number {
  const time = parseIsoTime(text);
  if (time === undefined) throw new CliUsageError(`--${name} takes an ISO 8601 time such as 2026-11-24T10:00:00Z, not '${text}'`, DIAGNOSE_HINT);
  return time;
}

function parseSampleSize(text: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_SAMPLE_SIZE) {
    throw new CliUsageError(`--sample-size takes a whole number from 1 to ${MAX_SAMPLE_SIZE}, not '${text}'`, DIAGNOSE_HINT);
  }
  return value;
}

function nonEmpty(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new CliUsageError(`--${name} needs a value`, DIAGNOSE_HINT);
  return value;
}
