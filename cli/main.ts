/** The real entry: builds CliIo from the process, runs the command, exits with its status once stdout is flushed. */
import type { DiagnoseOptions } from '../shared/diagnoseOptions.ts';
import type { Diagnosis } from '../shared/model/diagnosis.ts';
import type { LiveRequest } from './parseDiagnoseArgs.ts';
import type { ProgressSnapshot } from './progressLine.ts';
import { run, EXIT_INTERNAL_ERROR, type CollectResult } from './run.ts';

// Loaded on first use, so that --help and --version answer without loading the engine.
async function diagnoseBundle(dir: string, options: DiagnoseOptions): Promise<Diagnosis> {
  const engine = await import('../shared/diagnoseBundle.ts');
  return engine.diagnoseBundle(dir, options);
}

async function diagnoseLive(request: LiveRequest, onProgress: (progress: ProgressSnapshot) => void): Promise<Diagnosis> {
  const live = await import('./liveCommands.ts');
  return live.diagnoseLiveCommand(request, onProgress);
}

async function collectLive(request: LiveRequest, out: string, onProgress: (progress: ProgressSnapshot) => void): Promise<CollectResult> {
  const live = await import('./liveCommands.ts');
  return live.collectLiveCommand(request, out, onProgress);
}

let exitCode = EXIT_INTERNAL_ERROR;

// `apigw-doctor ... | head` closes the pipe early; that is the reader's choice, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(exitCode);
  throw error;
});

exitCode = await run(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  stdoutIsTTY: process.stdout.isTTY === true,
  stdoutColumns: process.stdout.columns,
  env: process.env,
  diagnoseBundle,
  diagnoseLive,
  collectLive,
  stderrIsTTY: process.stderr.isTTY === true,
  ...(process.stderr.columns !== undefined ? { stderrColumns: process.stderr.columns } : {}),
});

// A write callback runs after every earlier write has been handed to the OS, so nothing is cut off.
process.stdout.write('', () => process.exit(exitCode));
