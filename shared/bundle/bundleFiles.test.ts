import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UnreadableBundleError } from '../errors.ts';
import { listBundleFiles } from './bundleFiles.ts';
import { makeTempDir, type TempDir } from './testFiles.ts';

const made: TempDir[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) dir.remove();
});

function bundle(files: Record<string, string>): TempDir {
  const dir = makeTempDir();
  made.push(dir);
  for (const [rel, content] of Object.entries(files)) dir.write(rel, content);
  return dir;
}

describe('listBundleFiles', () => {
  it('classifies every part of the layout by its top folder', async () => {
    const b = bundle({
      'alarm.json': '{}',
      'logs/aws/lambda/orders-fn.json': '{"events":[]}',
      'logs/API-Gateway-Execution-Logs_a1b2c3/prod.json.gz': 'x',
      'logs/aws/apigateway/access.jsonl': '',
      'logs/tail.log': '',
      'logs/notes.txt': '',
      'logs/insights.ndjson': '',
      'traces/batch-get-traces.json': '{}',
      'traces/summaries.json.gz': '{}',
      'api/stage.json': '{}',
      'api/deployments.json': '{}',
      'api/export.json': '{}',
      'functions/orders-fn.json': '{}',
      'metrics/5xx.json': '{}',
      'changes/cloudtrail.json': '{}',
    });
    const list = await listBundleFiles(b.dir);
    expect(list.root).toBe(path.resolve(b.dir));
    expect(list.alarm?.file).toBe('alarm.json');
    expect(list.logs.map((l) => [l.file, l.groupHint])).toEqual([
      ['logs/API-Gateway-Execution-Logs_a1b2c3/prod.json.gz', 'API-Gateway-Execution-Logs_a1b2c3/prod'],
      ['logs/aws/apigateway/access.jsonl', '/aws/apigateway/access'],
      ['logs/aws/lambda/orders-fn.json', '/aws/lambda/orders-fn'],
      ['logs/insights.ndjson', 'insights'],
      ['logs/notes.txt', 'notes'],
      ['logs/tail.log', 'tail'],
    ]);
    expect(list.logs.find((l) => l.file === 'logs/aws/lambda/orders-fn.json')?.sizeBytes).toBe(13);
    expect(list.logs[0]?.absPath).toBe(path.join(b.dir, 'logs/API-Gateway-Execution-Logs_a1b2c3/prod.json.gz'));
    expect(list.traces.map((t) => t.file)).toEqual(['traces/batch-get-traces.json', 'traces/summaries.json.gz']);
    expect([list.stage?.file, list.deployments?.file, list.apiExport?.file]).toEqual(['api/stage.json', 'api/deployments.json', 'api/export.json']);
    expect(list.functions.map((f) => f.file)).toEqual(['functions/orders-fn.json']);
    expect(list.metrics.map((f) => f.file)).toEqual(['metrics/5xx.json']);
    expect(list.changes.map((f) => f.file)).toEqual(['changes/cloudtrail.json']);
    expect(list.ignored).toEqual([]);
  });

  it('reports files outside the layout and second copies as ignored, and skips hidden files', async () => {
    const b = bundle({
      'logs/aws/lambda/x.json': '{}',
      'logs/x.csv': '',
      'README.md': '# incident',
      'alarm.json': '{}',
      'alarm.json.gz': '{}',
      'api/rest-api.json': '{}',
      'functions/notes.txt': '',
      'screenshots/console.png': '',
      '.DS_Store': '',
      'logs/.hidden.json': '',
    });
    const list = await listBundleFiles(b.dir);
    expect(list.alarm?.file).toBe('alarm.json');
    expect(list.logs.map((l) => l.file)).toEqual(['logs/aws/lambda/x.json']);
    expect(list.ignored.map((p) => p.file).sort()).toEqual(['README.md', 'alarm.json.gz', 'api/rest-api.json', 'functions/notes.txt', 'logs/x.csv', 'screenshots/console.png']);
    for (const p of list.ignored) expect(p.message).toMatch(new RegExp(`^${p.file.replace(/\./g, '\\.')}: .* — ignored$`));
    expect(list.ignored.find((p) => p.file === 'alarm.json.gz')?.message).toMatch(/a second alarm file \(alarm\.json is read\)/);
  });

  it('follows symbolic links to files and folders', async () => {
    const b = bundle({ 'elsewhere/orders.json': '{"events":[]}' });
    symlinkSync(path.join(b.dir, 'elsewhere'), path.join(b.dir, 'logs'));
    const list = await listBundleFiles(b.dir);
    expect(list.logs.map((l) => l.file)).toEqual(['logs/orders.json']);
  });

  it('throws UnreadableBundleError for a missing folder, saying what a bundle is', async () => {
    const missing = path.join(bundle({}).dir, 'nope');
    await expect(listBundleFiles(missing)).rejects.toThrow(UnreadableBundleError);
    await expect(listBundleFiles(missing)).rejects.toThrow(/the folder does not exist\. An incident bundle is a folder with at least one CloudWatch Logs file under logs\//);
  });

  it('throws UnreadableBundleError for a file given as the bundle', async () => {
    const b = bundle({ 'logs.json': '{}' });
    await expect(listBundleFiles(path.join(b.dir, 'logs.json'))).rejects.toThrow(/is a file, not a bundle folder/);
  });

  it('throws UnreadableBundleError when no log file is there, listing what is', async () => {
    const b = bundle({ 'alarm.json': '{}', 'orders-fn.json': '{"events":[]}', 'logs/readme.md': '' });
    const error = await listBundleFiles(b.dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableBundleError);
    expect((error as Error).message).toMatch(/holds no log file\. It holds 3 files, none of them a log file under logs\/: alarm\.json, logs\/readme\.md, orders-fn\.json\./);
    const empty = bundle({});
    await expect(listBundleFiles(empty.dir)).rejects.toThrow(/holds no log file\. It is empty\./);
  });
});
