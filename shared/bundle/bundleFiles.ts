import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { UnreadableBundleError } from '../errors.ts';
import type { ReadProblem } from '../model/logEvent.ts';
import { groupHintFromLogPath, stripLogExtension } from './logGroupHint.ts';

/** One file of a bundle. */
export interface BundleFile {
  absPath: string;
  /** Path relative to the bundle folder, with forward slashes ("logs/aws/lambda/orders-fn.json"). */
  file: string;
  sizeBytes: number;
}

export interface BundleLogFile extends BundleFile {
  /** The log group the path suggests (contract section 1); content decides. */
  groupHint: string | undefined;
}

/** The files of an incident bundle, sorted by path within each part (contract section 1). */
export interface BundleFileList {
  root: string;
  alarm?: BundleFile;
  logs: BundleLogFile[];
  traces: BundleFile[];
  stage?: BundleFile;
  deployments?: BundleFile;
  apiExport?: BundleFile;
  functions: BundleFile[];
  metrics: BundleFile[];
  changes: BundleFile[];
  /** Files outside the bundle layout (or second copies), as problems for the diagnosis' gaps. */
  ignored: ReadProblem[];
}

export const BUNDLE_LAYOUT_HELP =
  'An incident bundle is a folder with at least one CloudWatch Logs file under logs/ ' +
  '(output of aws logs filter-log-events, get-log-events or get-query-results, JSON Lines, ' +
  'or plain text / aws logs tail output; .json, .jsonl, .ndjson, .log or .txt, optionally gzipped), ' +
  'and optionally alarm.json, traces/*.json, api/stage.json, api/deployments.json, api/export.json, ' +
  'functions/*.json, metrics/*.json and changes/*.json.';

const MAX_FILES = 100_000;
const MAX_DEPTH = 32;
const DOCUMENT_FOLDERS = new Set(['traces', 'functions', 'metrics', 'changes']);
const API_DOCUMENTS = new Set(['stage', 'deployments', 'export']);

function isJsonDocumentName(name: string): boolean {
  const lower = name.toLowerCase();
  return (lower.endsWith('.json') && lower.length > 5) || (lower.endsWith('.json.gz') && lower.length > 8);
}

function documentBaseName(name: string): string {
  return name.toLowerCase().replace(/\.gz$/, '').replace(/\.json$/, '');
}

function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

interface FoundFile {
  absPath: string;
  file: string;
  sizeBytes: number;
}

/** Every regular file below root (symbolic links followed once), hidden files and folders left out. */
async function walk(root: string, notes: ReadProblem[]): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const seenDirs = new Set<string>();
  const pending: { abs: string; rel: string; depth: number }[] = [{ abs: root, rel: '', depth: 0 }];
  while (pending.length > 0 && found.length < MAX_FILES) {
    const dir = pending.pop();
    if (dir === undefined) break;
    let real: string;
    try {
      real = await realpath(dir.abs);
    } catch {
      continue;
    }
    if (seenDirs.has(real)) continue;
    seenDirs.add(real);
    let entries;
    try {
      entries = await readdir(dir.abs, { withFileTypes: true });
    } catch (err) {
      if (dir.depth === 0) throw err;
      notes.push({ file: dir.rel, message: `${dir.rel}/: folder could not be read (${errorCode(err) ?? 'error'}) — skipped` });
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue; // .DS_Store, .git, editor files
      const abs = path.join(dir.abs, entry.name);
      const rel = dir.rel === '' ? entry.name : `${dir.rel}/${entry.name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let sizeBytes = 0;
      if (entry.isSymbolicLink() || isFile) {
        try {
          const info = await stat(abs);
          isDir = info.isDirectory();
          isFile = info.isFile();
          sizeBytes = info.size;
        } catch {
          notes.push({ file: rel, message: `${rel}: broken link or unreadable file — skipped` });
          continue;
        }
      }
      if (isDir) {
        if (dir.depth + 1 < MAX_DEPTH) pending.push({ abs, rel, depth: dir.depth + 1 });
      } else if (isFile) {
        found.push({ absPath: abs, file: rel, sizeBytes });
      }
    }
  }
  found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return found;
}

/**
 * Lists and classifies the files of an incident bundle by their top folder (contract section 1).
 * Throws UnreadableBundleError when dir is missing, is a file, or holds no log file.
 */
export async function listBundleFiles(dir: string): Promise<BundleFileList> {
  const root = path.resolve(dir);
  let info;
  try {
    info = await stat(root);
  } catch (err) {
    const code = errorCode(err);
    const what = code === 'ENOENT' ? 'the folder does not exist' : `it cannot be read (${code ?? String(err)})`;
    throw new UnreadableBundleError(`No incident bundle at ${dir}: ${what}. ${BUNDLE_LAYOUT_HELP}`);
  }
  if (!info.isDirectory()) {
    throw new UnreadableBundleError(`${dir} is a file, not a bundle folder. ${BUNDLE_LAYOUT_HELP}`);
  }

  const list: BundleFileList = {
    root, logs: [], traces: [], functions: [], metrics: [], changes: [], ignored: [],
  };
  let files: FoundFile[];
  try {
    files = await walk(root, list.ignored);
  } catch (err) {
    throw new UnreadableBundleError(`The bundle folder ${dir} cannot be read (${errorCode(err) ?? String(err)}). ${BUNDLE_LAYOUT_HELP}`);
  }

  const ignore = (f: FoundFile, why: string): void => {
    list.ignored.push({ file: f.file, message: `${f.file}: ${why} — ignored` });
  };
  const single = (f: FoundFile, current: BundleFile | undefined, what: string): BundleFile | undefined => {
    if (current === undefined) return { absPath: f.absPath, file: f.file, sizeBytes: f.sizeBytes };
    ignore(f, `a second ${what} (${current.file} is read)`);
    return current;
  };

  for (const f of files) {
    const segments = f.file.split('/');
    const top = (segments[0] ?? '').toLowerCase();
    const name = segments[segments.length - 1] ?? '';
    if (segments.length === 1) {
      if (isJsonDocumentName(name) && documentBaseName(name) === 'alarm') list.alarm = single(f, list.alarm, 'alarm file');
      else ignore(f, 'not part of the bundle layout (the top level holds only alarm.json and folders)');
    } else if (top === 'logs') {
      if (stripLogExtension(name) === undefined) {
        ignore(f, 'not a log file (logs/ holds .json, .jsonl, .ndjson, .log or .txt files, optionally .gz)');
      } else {
        const below = segments.slice(1).join('/');
        list.logs.push({ absPath: f.absPath, file: f.file, sizeBytes: f.sizeBytes, groupHint: groupHintFromLogPath(below) });
      }
    } else if (DOCUMENT_FOLDERS.has(top)) {
      if (!isJsonDocumentName(name)) ignore(f, `not a JSON file (${top}/ holds .json files)`);
      else {
        const entry = { absPath: f.absPath, file: f.file, sizeBytes: f.sizeBytes };
        if (top === 'traces') list.traces.push(entry);
        else if (top === 'functions') list.functions.push(entry);
        else if (top === 'metrics') list.metrics.push(entry);
        else list.changes.push(entry);
      }
    } else if (top === 'api') {
      const base = documentBaseName(name);
      if (segments.length !== 2 || !isJsonDocumentName(name) || !API_DOCUMENTS.has(base)) {
        ignore(f, 'not part of the bundle layout (api/ holds stage.json, deployments.json and export.json)');
      } else if (base === 'stage') list.stage = single(f, list.stage, 'stage file');
      else if (base === 'deployments') list.deployments = single(f, list.deployments, 'deployments file');
      else list.apiExport = single(f, list.apiExport, 'export file');
    } else {
      ignore(f, `not part of the bundle layout (${segments[0]}/ is not a bundle folder)`);
    }
  }

  if (list.logs.length === 0) {
    const seen = files.slice(0, 5).map((f) => f.file);
    const found = files.length === 0
      ? 'It is empty.'
      : `It holds ${files.length === 1 ? '1 file' : `${files.length} files`}, none of them a log file under logs/: ${seen.join(', ')}${files.length > seen.length ? ', …' : ''}.`;
    throw new UnreadableBundleError(`${dir} holds no log file. ${found} ${BUNDLE_LAYOUT_HELP}`);
  }
  return list;
}
