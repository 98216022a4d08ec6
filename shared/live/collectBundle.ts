import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DiagnoseOptions } from '../diagnoseOptions.ts';
import { UsageError } from '../errors.ts';
import type { Diagnosis } from '../model/diagnosis.ts';
import { formatBytes } from './logsInsights/errors.ts';
import type { LiveEvidenceSource } from './LiveEvidenceSource.ts';

/** What the live diagnosis ran with, so that the bundle's README says how to replay it. */
export interface CollectInputs {
  /** The engine's options (window when it came from the command line, API, stage, sample size). */
  engineOptions: DiagnoseOptions;
  diagnosis?: Diagnosis;
}

export interface CollectedBundle {
  dir: string;
  /** Bundle-relative paths written, in path order. */
  files: string[];
  /** The command that replays the bundle offline. */
  replayCommand: string;
  /** What the user should know about the bundle (it cannot be replayed without a log file). */
  warnings: string[];
}

/**
 * Writes exactly the evidence a live diagnosis used as an incident bundle (contract §1): the raw documents by
 * their bundle paths (alarm.json, api/*, functions/*, metrics/*, changes/*, traces/*) and, per log group, the
 * rows read as `aws logs get-query-results` output under logs/<group path>.json — in the order the live
 * diagnosis read them, so that `diagnose --evidence DIR` gives the same diagnosis. A README.md (which the
 * bundle reader ignores) records the queries, the gaps of the collection and the replay command.
 * The folder must not exist or be empty: two bundles in one folder would be one confused incident.
 */
export async function collectBundle(source: LiveEvidenceSource, inputs: CollectInputs, outDir: string): Promise<CollectedBundle> {
  await source.gather();
  await assertEmptyFolder(outDir);

  const files = new Map<string, string>();
  for (const [file, doc] of Object.entries(source.documents)) files.set(safePath(file), `${JSON.stringify(doc, null, 2)}\n`);
  // A group that answered nothing gets a file only when no group answered anything: the bundle must hold a log
  // file to be read at all, and an empty one says which groups were asked (otherwise it is only noise in gaps).
  const logFiles = source.logFiles();
  const anyRows = logFiles.some(([, rows]) => rows.length > 0);
  for (const [file, rows, group] of logFiles) {
    if (rows.length === 0 && anyRows) continue;
    const covering = source.queries.filter((q) => q.logGroupNames.includes(group));
    const statistics = covering.reduce(
      (sum, q) => ({
        recordsMatched: sum.recordsMatched + q.statistics.recordsMatched,
        recordsScanned: sum.recordsScanned + q.statistics.recordsScanned,
        bytesScanned: sum.bytesScanned + q.statistics.bytesScanned,
      }),
      { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 },
    );
    const results = rows.map((row) => Object.entries(row).map(([field, value]) => ({ field, value })));
    files.set(safePath(file), `${JSON.stringify({ results, statistics, status: 'Complete' }, null, 2)}\n`);
  }
  const warnings: string[] = [];
  if (![...files.keys()].some((f) => f.startsWith('logs/'))) {
    warnings.push('No log could be read from the account, so the bundle holds no log file; `diagnose --evidence` refuses a bundle without one (contract §1). The README and documents are kept for the ticket.');
  }
  const replayCommand = replayCommandFor(outDir, inputs.engineOptions);
  files.set('README.md', readme(source, inputs, replayCommand));

  const written = [...files.keys()].sort();
  for (const file of written) {
    const target = path.join(outDir, ...file.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, files.get(file) ?? '', 'utf8');
  }
  return { dir: outDir, files: written, replayCommand, warnings };
}

/** Checked before a live diagnosis starts too, so that a mistyped --out does not cost the queries. */
export async function assertEmptyFolder(outDir: string): Promise<void> {
  const existing = await readdir(outDir).catch((error: unknown) => {
    if (isErrno(error) && error.code === 'ENOENT') return [] as string[];
    if (isErrno(error) && error.code === 'ENOTDIR') throw new UsageError(`--out ${outDir} is a file; collect writes a bundle folder`);
    throw error;
  });
  if (existing.length > 0) throw new UsageError(`--out ${outDir} is not empty; collect writes a new bundle into an empty or new folder`);
}

/** `apigw-doctor diagnose --evidence DIR` with the API, stage and (when it came from the command line) window. */
export function replayCommandFor(dir: string, options: DiagnoseOptions): string {
  const parts = ['apigw-doctor diagnose --evidence', quote(dir)];
  if (options.apiId) parts.push('--api', quote(options.apiId));
  if (options.stage) parts.push('--stage', quote(options.stage));
  if (options.from !== undefined && options.to !== undefined) parts.push('--from', new Date(options.from).toISOString(), '--to', new Date(options.to).toISOString());
  if (options.sampleSize !== undefined) parts.push('--sample-size', String(options.sampleSize));
  return parts.join(' ');
}

function readme(source: LiveEvidenceSource, inputs: CollectInputs, replayCommand: string): string {
  const d = inputs.diagnosis;
  const spend = source.spend();
  const lines = [
    `# Incident bundle collected from ${source.description}`,
    '',
    'Recorded by `apigw-doctor collect`: exactly the evidence the live diagnosis read. Replay it offline with',
    '',
    `    ${replayCommand}`,
    '',
  ];
  if (d) {
    lines.push(`Window: ${d.window.start} – ${d.window.end} (${d.window.source}). Root cause: ${d.rootCause.id} (${d.rootCause.confidence}).`, '');
  }
  lines.push(`## Logs Insights queries (${spend.queries}, ${formatBytes(spend.bytesScanned)} scanned)`, '');
  for (const q of source.queries) {
    lines.push(
      `- ${q.label}: ${q.logGroupNames.join(', ') || '(no log group could be queried)'}, ${new Date(q.startTime).toISOString()} – ${new Date(q.endTime).toISOString()}, ` +
        `${q.status}, ${q.rows} rows, ${formatBytes(q.statistics.bytesScanned)} scanned`,
      '',
      '  ```',
      ...q.queryString.split('\n').map((l) => `  ${l}`),
      '  ```',
    );
  }
  const gaps = source.collectionGaps();
  lines.push('', '## Gaps of the collection', '', ...(gaps.length > 0 ? gaps.map((g) => `- ${g}`) : ['- none']), '');
  lines.push('The live diagnosis reported these in `gaps` too; the replay cannot know them, so its `gaps` lack them.', '');
  return `${lines.join('\n')}\n`;
}

/** Bundle paths come from log group and function names; never let one climb out of the folder. */
function safePath(file: string): string {
  return file
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .map((part) => (part === '..' ? '__' : part))
    .join('/');
}

function quote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function isErrno(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}
