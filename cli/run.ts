/** The command line: argv in, exit status out, all I/O through CliIo so that tests drive it whole. */
import type { DiagnoseOptions } from '../shared/diagnoseOptions.ts';
import { UnreadableBundleError, UsageError } from '../shared/errors.ts';
import type { Diagnosis } from '../shared/model/diagnosis.ts';
import { renderJson } from '../shared/render/renderJson.ts';
import { renderMarkdown } from '../shared/render/renderMarkdown.ts';
import { renderText } from '../shared/render/renderText.ts';
import { CliUsageError, COLLECT_HINT, DIAGNOSE_HINT, TOP_LEVEL_HINT } from './cliUsageError.ts';
import { shouldUseColor } from './colorChoice.ts';
import { COLLECT_HELP, DIAGNOSE_HELP, TOP_LEVEL_HELP } from './helpText.ts';
import { describeParseArgsError } from './parseArgsError.ts';
import { type LiveRequest, parseCollectArgs, parseDiagnoseArgs, type OutputFormat } from './parseDiagnoseArgs.ts';
import { ProgressLine, type ProgressSnapshot } from './progressLine.ts';
import { readVersion } from './version.ts';
import { parseArgs } from 'node:util';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdoutIsTTY: boolean;
  env: Record<string, string | undefined>;
  diagnoseBundle: (dir: string, options: DiagnoseOptions) => Promise<Diagnosis>;
  /** Terminal width when stdout is one; the text report wraps to it. */
  stdoutColumns?: number;
  /** A live diagnosis (`diagnose --api/--alarm`); progress is reported as it goes. */
  diagnoseLive?: (request: LiveRequest, onProgress: (progress: ProgressSnapshot) => void) => Promise<Diagnosis>;
  /** A live diagnosis whose evidence is written to `out` as a bundle (`collect`). */
  collectLive?: (request: LiveRequest, out: string, onProgress: (progress: ProgressSnapshot) => void) => Promise<CollectResult>;
  /** The progress line is drawn only on a terminal. */
  stderrIsTTY?: boolean;
  stderrColumns?: number;
  /** Re-draw interval of the progress line, ms (0: no timer, for tests). */
  progressTickMs?: number;
}

export interface CollectResult {
  diagnosis: Diagnosis;
  dir: string;
  files: string[];
  replayCommand: string;
  warnings: string[];
}

/** Exit statuses of the contract (section 3). */
export const EXIT_DIAGNOSED = 0;
export const EXIT_INTERNAL_ERROR = 1;
export const EXIT_USAGE = 2;

const PROGRAM = 'apigw-doctor';
/** The text report stops widening here: long lines are hard to read at any hour. */
const MAX_TEXT_WIDTH = 120;
// System errors that mean the bundle's files cannot be read, not that the tool is broken.
const UNREADABLE_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'ELOOP', 'ENAMETOOLONG']);

export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return reportError(error, io);
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr(TOP_LEVEL_HELP);
    return EXIT_USAGE;
  }
  if (command === 'diagnose') return diagnose(rest, io);
  if (command === 'collect') return collect(rest, io);
  if (command === 'help') return help(rest, io);
  if (command.startsWith('-')) return topLevelOptions(argv, io);
  throw new CliUsageError(`unknown command '${command}'`, TOP_LEVEL_HINT);
}

function topLevelOptions(argv: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'V' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const message = describeParseArgsError(error);
    // `apigw-doctor --evidence DIR`: the options of diagnose, given without the command.
    const hint = /unknown option '--?(evidence|e|format|f|from|to|since|api|stage|alarm|region|profile|budget|out|sample-size|no-color)'/.test(message)
      ? `Options go after the command: ${PROGRAM} diagnose --evidence DIR ...`
      : TOP_LEVEL_HINT;
    throw new CliUsageError(message, hint);
  }
  if (parsed.values.version === true) {
    io.stdout(`${readVersion()}\n`);
    return EXIT_DIAGNOSED;
  }
  if (parsed.values.help === true) return help(parsed.positionals, io);
  throw new CliUsageError(`unexpected argument '${parsed.positionals[0] ?? ''}'`, TOP_LEVEL_HINT);
}

function help(topics: string[], io: CliIo): number {
  const [topic] = topics;
  if (topic === undefined) io.stdout(TOP_LEVEL_HELP);
  else if (topic === 'diagnose') io.stdout(DIAGNOSE_HELP);
  else if (topic === 'collect') io.stdout(COLLECT_HELP);
  else throw new CliUsageError(`no help for '${topic}': there is no such command`, TOP_LEVEL_HINT);
  return EXIT_DIAGNOSED;
}

async function diagnose(args: string[], io: CliIo): Promise<number> {
  const command = parseDiagnoseArgs(args);
  if (command.kind === 'help') {
    io.stdout(DIAGNOSE_HELP);
    return EXIT_DIAGNOSED;
  }
  if (command.kind === 'live') {
    const live = io.diagnoseLive;
    if (!live) throw new CliUsageError('diagnosing a live account is not available in this build; record an incident bundle and pass it with --evidence DIR', DIAGNOSE_HINT);
    const diagnosis = await withProgress(io, (onProgress) => live(command.request, onProgress));
    io.stdout(render(diagnosis, command.format, command.noColor, io));
    return EXIT_DIAGNOSED;
  }
  const diagnosis = await io.diagnoseBundle(command.evidence, command.options);
  io.stdout(render(diagnosis, command.format, command.noColor, io));
  return EXIT_DIAGNOSED;
}

async function collect(args: string[], io: CliIo): Promise<number> {
  const command = parseCollectArgs(args);
  if (command.kind === 'help') {
    io.stdout(COLLECT_HELP);
    return EXIT_DIAGNOSED;
  }
  const live = io.collectLive;
  if (!live) throw new CliUsageError('collecting from a live account is not available in this build', COLLECT_HINT);
  const result = await withProgress(io, (onProgress) => live(command.request, command.out, onProgress));
  const d = result.diagnosis;
  io.stdout(
    `Wrote ${result.files.length} files to ${result.dir} (root cause ${d.rootCause.id}, ${d.failingRequests.total} failing requests).\n` +
      `Replay it offline with:\n  ${result.replayCommand}\n`,
  );
  for (const warning of result.warnings) io.stderr(`${PROGRAM}: warning: ${oneLine(warning)}\n`);
  return EXIT_DIAGNOSED;
}

/** Runs a live step with the progress line on a terminal's stderr, cleared before anything else is printed. */
async function withProgress<T>(io: CliIo, run: (onProgress: (progress: ProgressSnapshot) => void) => Promise<T>): Promise<T> {
  const line = io.stderrIsTTY === true ? new ProgressLine({ write: io.stderr, ...(io.progressTickMs !== undefined ? { tickMs: io.progressTickMs } : {}), ...(io.stderrColumns !== undefined ? { columns: io.stderrColumns } : {}) }) : undefined;
  try {
    return await run((progress) => line?.update(progress));
  } finally {
    line?.stop();
  }
}

function render(diagnosis: Diagnosis, format: OutputFormat, noColor: boolean, io: CliIo): string {
  switch (format) {
    case 'json':
      return renderJson(diagnosis);
    case 'markdown':
      return renderMarkdown(diagnosis);
    case 'text':
      return renderText(diagnosis, { color: shouldUseColor(noColor, io.env, io.stdoutIsTTY), width: textWidth(io) });
  }
}

function textWidth(io: CliIo): number | undefined {
  const columns = io.stdoutIsTTY && io.stdoutColumns !== undefined && io.stdoutColumns > 0 ? io.stdoutColumns : Number(io.env.COLUMNS);
  return Number.isFinite(columns) && columns > 0 ? Math.min(MAX_TEXT_WIDTH, columns) : undefined;
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    const hint = error instanceof CliUsageError ? error.hint : DIAGNOSE_HINT;
    io.stderr(`${PROGRAM}: ${oneLine(error.message)}\n${hint}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof UnreadableBundleError || isUnreadableFileError(error)) {
    io.stderr(`${PROGRAM}: unreadable bundle: ${oneLine(error.message)}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  const debug = io.env.APIGW_DOCTOR_DEBUG === '1';
  const detail = debug && error instanceof Error && error.stack !== undefined ? `${error.stack}\n` : `(set APIGW_DOCTOR_DEBUG=1 for the stack trace)\n`;
  io.stderr(`${PROGRAM}: internal error: ${oneLine(message)}\n${detail}`);
  return EXIT_INTERNAL_ERROR;
}

function isUnreadableFileError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && UNREADABLE_CODES.has(error.code);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
