/** The `diagnose` and `collect` command lines → what to diagnose and how to print it. Throws CliUsageError on any mistake. */
import { parseArgs } from 'node:util';
import type { DiagnoseOptions } from '../shared/diagnoseOptions.ts';
import { CliUsageError, COLLECT_HINT, DIAGNOSE_HINT } from './cliUsageError.ts';
import { describeParseArgsError } from './parseArgsError.ts';
import { parseByteSize } from './sizeArgs.ts';
import { parseDuration, parseIsoTime } from './timeArgs.ts';

export type OutputFormat = 'text' | 'json' | 'markdown';

/** What a live diagnosis is about: an API and stage, or an alarm (which names them, and the window). */
export type LiveTargetArgs = { kind: 'api'; api: string; stage: string } | { kind: 'alarm'; alarmName: string; stage?: string };

/** A live diagnosis as the command line asks for it. */
export interface LiveRequest {
  target: LiveTargetArgs;
  region?: string;
  profile?: string;
  from?: number;
  to?: number;
  since?: number;
  sampleSize?: number;
  /** Logs Insights scan budget, bytes. */
  budgetBytes?: number;
}

export type DiagnoseCommand =
  | { kind: 'help' }
  | { kind: 'diagnose'; evidence: string; format: OutputFormat; noColor: boolean; options: DiagnoseOptions }
  | { kind: 'live'; request: LiveRequest; format: OutputFormat; noColor: boolean };

export type CollectCommand = { kind: 'help' } | { kind: 'collect'; request: LiveRequest; out: string };

const FORMATS: Record<string, OutputFormat> = { text: 'text', json: 'json', markdown: 'markdown', md: 'markdown' };
const MAX_SAMPLE_SIZE = 10_000;

const LIVE_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  since: { type: 'string' },
  api: { type: 'string' },
  stage: { type: 'string' },
  alarm: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  'sample-size': { type: 'string' },
  budget: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const DIAGNOSE_OPTIONS = {
  ...LIVE_OPTIONS,
  evidence: { type: 'string', short: 'e' },
  format: { type: 'string', short: 'f' },
  'no-color': { type: 'boolean' },
} as const;

const COLLECT_OPTIONS = { ...LIVE_OPTIONS, out: { type: 'string', short: 'o' } } as const;

/** Options that only mean something for a live account. */
const LIVE_ONLY = ['region', 'profile', 'budget', 'alarm'] as const;

export function parseDiagnoseArgs(args: string[]): DiagnoseCommand {
  const { values, positionals } = parse(args, DIAGNOSE_OPTIONS, DIAGNOSE_HINT);
  if (values.help === true) return { kind: 'help' };
  const [firstPositional] = positionals;
  if (firstPositional !== undefined) {
    const guess = values.evidence === undefined ? ` (did you mean --evidence ${firstPositional}?)` : '';
    throw new CliUsageError(`unexpected argument '${firstPositional}'${guess}`, DIAGNOSE_HINT);
  }
  const formatText = values.format ?? 'text';
  const format = FORMATS[formatText.toLowerCase()];
  if (format === undefined) throw new CliUsageError(`--format must be text, json or markdown, not '${formatText}'`, DIAGNOSE_HINT);
  const noColor = values['no-color'] === true;

  const evidence = nonEmpty(values.evidence, 'evidence', DIAGNOSE_HINT);
  if (evidence !== undefined) {
    // A bundle: --api and --stage choose among what it holds; the live-account options have no meaning.
    const live = LIVE_ONLY.filter((name) => values[name] !== undefined);
    if (live.length > 0) {
      throw new CliUsageError(
        `${live.map((name) => `--${name}`).join(', ')} ${live.length === 1 ? 'is' : 'are'} for a live account, not for --evidence; give either --evidence DIR or --api/--alarm`,
        DIAGNOSE_HINT,
      );
    }
    const options: DiagnoseOptions = { ...windowOptions(values.from, values.to, values.since, DIAGNOSE_HINT) };
    const apiId = nonEmpty(values.api, 'api', DIAGNOSE_HINT);
    if (apiId !== undefined) options.apiId = apiId;
    const stage = nonEmpty(values.stage, 'stage', DIAGNOSE_HINT);
    if (stage !== undefined) options.stage = stage;
    if (values['sample-size'] !== undefined) options.sampleSize = parseSampleSize(values['sample-size'], DIAGNOSE_HINT);
    return { kind: 'diagnose', evidence, format, noColor, options };
  }
  if (values.api === undefined && values.alarm === undefined) {
    throw new CliUsageError(
      'diagnose needs --evidence DIR (an incident bundle), --api ID|NAME with --stage STAGE (a live API), or --alarm NAME (the alarm that fired)',
      DIAGNOSE_HINT,
    );
  }
  return { kind: 'live', request: liveRequest(values, DIAGNOSE_HINT), format, noColor };
}

export function parseCollectArgs(args: string[]): CollectCommand {
  const { values, positionals } = parse(args, COLLECT_OPTIONS, COLLECT_HINT);
  if (values.help === true) return { kind: 'help' };
  const [firstPositional] = positionals;
  if (firstPositional !== undefined) throw new CliUsageError(`unexpected argument '${firstPositional}'`, COLLECT_HINT);
  const out = nonEmpty(values.out, 'out', COLLECT_HINT);
  if (out === undefined) throw new CliUsageError('collect needs --out DIR, the (new or empty) folder to write the incident bundle to', COLLECT_HINT);
  if (values.api === undefined && values.alarm === undefined) {
    throw new CliUsageError('collect needs --api ID|NAME with --stage STAGE, or --alarm NAME', COLLECT_HINT);
  }
  return { kind: 'collect', request: liveRequest(values, COLLECT_HINT), out };
}

type LiveValues = Partial<Record<'from' | 'to' | 'since' | 'api' | 'stage' | 'alarm' | 'region' | 'profile' | 'sample-size' | 'budget', string>>;

/** Exactly one target: --api with --stage, or --alarm (with an optional --stage for an alarm that names none). */
function liveRequest(values: LiveValues, hint: string): LiveRequest {
  const api = nonEmpty(values.api, 'api', hint);
  const alarm = nonEmpty(values.alarm, 'alarm', hint);
  const stage = nonEmpty(values.stage, 'stage', hint);
  if (api !== undefined && alarm !== undefined) throw new CliUsageError('give either --api or --alarm, not both (the alarm names the API)', hint);
  let target: LiveTargetArgs;
  if (alarm !== undefined) {
    target = { kind: 'alarm', alarmName: alarm, ...(stage !== undefined ? { stage } : {}) };
  } else {
    if (stage === undefined) throw new CliUsageError(`--api ${api ?? ''} needs --stage STAGE (the stage to diagnose)`, hint);
    target = { kind: 'api', api: api ?? '', stage };
  }
  const request: LiveRequest = { target, ...windowOptions(values.from, values.to, values.since, hint) };
  const region = nonEmpty(values.region, 'region', hint);
  if (region !== undefined) {
    if (!/^[a-z]{2}(?:-[a-z]+)+-\d+$/.test(region)) throw new CliUsageError(`--region takes a region code such as us-east-1 or eu-west-3, not '${region}'`, hint);
    request.region = region;
  }
  const profile = nonEmpty(values.profile, 'profile', hint);
  if (profile !== undefined) request.profile = profile;
  if (values['sample-size'] !== undefined) request.sampleSize = parseSampleSize(values['sample-size'], hint);
  if (values.budget !== undefined) {
    const bytes = parseByteSize(values.budget);
    if (bytes === undefined) throw new CliUsageError(`--budget takes a size such as 1GB, 500MB or 2.5 GB, not '${values.budget}'`, hint);
    request.budgetBytes = bytes;
  }
  return request;
}

function parse<O extends typeof DIAGNOSE_OPTIONS | typeof COLLECT_OPTIONS>(args: string[], options: O, hint: string) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new CliUsageError(describeParseArgsError(error), hint);
  }
}

function windowOptions(from: string | undefined, to: string | undefined, since: string | undefined, hint: string): Pick<DiagnoseOptions, 'from' | 'to' | 'since'> {
  if (since !== undefined) {
    if (from !== undefined || to !== undefined) throw new CliUsageError('give either --since or --from/--to, not both', hint);
    const duration = parseDuration(since);
    if (duration === undefined) throw new CliUsageError(`--since takes a duration such as 30m, 2h, 1d or 1h30m, not '${since}'`, hint);
    return { since: duration };
  }
  if (from === undefined && to === undefined) return {};
  if (from === undefined || to === undefined) throw new CliUsageError('--from and --to go together (or use --since)', hint);
  const start = parseTimeOption('from', from, hint);
  const end = parseTimeOption('to', to, hint);
  if (start >= end) throw new CliUsageError(`--from (${from}) must be before --to (${to})`, hint);
  return { from: start, to: end };
}

function parseTimeOption(name: string, text: string, hint: string): number {
  const time = parseIsoTime(text);
  if (time === undefined) throw new CliUsageError(`--${name} takes an ISO 8601 time such as 2026-11-24T10:00:00Z, not '${text}'`, hint);
  return time;
}

function parseSampleSize(text: string, hint: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_SAMPLE_SIZE) {
    throw new CliUsageError(`--sample-size takes a whole number from 1 to ${MAX_SAMPLE_SIZE}, not '${text}'`, hint);
  }
  return value;
}

function nonEmpty(value: string | undefined, name: string, hint: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new CliUsageError(`--${name} needs a value`, hint);
  return value;
}
