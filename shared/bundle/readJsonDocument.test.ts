import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReadProblem } from '../model/logEvent.ts';
import { mergePages, readJsonDocument, topLevelValueEnds } from './readJsonDocument.ts';
import { makeTempDir } from './testFiles.ts';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

// `aws lambda get-function-configuration --function-name orders-fn` (shape from the Lambda API reference).
const FUNCTION_CONFIGURATION = {
  FunctionName: 'orders-fn',
  FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-fn',
  Runtime: 'nodejs20.x',
  Role: 'arn:aws:iam::123456789012:role/orders-fn-role',
  Handler: 'index.handler',
  CodeSize: 10842,
  Description: 'Orders API — café',
  Timeout: 3,
  MemorySize: 128,
  LastModified: '2026-03-10T13:58:02.000+0000',
  State: 'Active',
  LastUpdateStatus: 'Successful',
};

async function read(name: string, content: string | Buffer, maxBytes?: number): Promise<{ value: unknown; problems: ReadProblem[] }> {
  const problems: ReadProblem[] = [];
  const value = await readJsonDocument(tmp.write(name, content), `functions/${name}`, problems, maxBytes);
  return { value, problems };
}

describe('readJsonDocument', () => {
  const pretty = `${JSON.stringify(FUNCTION_CONFIGURATION, null, 4)}\n`;

  it('reads plain, gzipped, BOM and UTF-16 documents alike', async () => {
    const variants: [string, Buffer][] = [
      ['plain.json', Buffer.from(pretty)],
      ['gz.json.gz', gzipSync(pretty)],
      ['bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(pretty)])],
      ['utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pretty, 'utf16le')])],
    ];
    for (const [name, content] of variants) {
      const { value, problems } = await read(name, content);
      expect(problems, name).toEqual([]);
      expect(value, name).toEqual(FUNCTION_CONFIGURATION);
    }
  });

  it('reports an empty file, a truncated one and one that is not JSON', async () => {
    expect((await read('empty.json', '')).problems).toEqual([{ file: 'functions/empty.json', message: 'functions/empty.json: empty file — skipped' }]);
    const cut = await read('cut.json', pretty.slice(0, 120));
    expect(cut.value).toBeUndefined();
    expect(cut.problems[0]?.message).toMatch(/^functions\/cut\.json: truncated JSON \(it ends after 120 bytes without closing\) — skipped$/);
    const yaml = await read('yaml.json', 'FunctionName: orders-fn\nRuntime: nodejs20.x\n');
    expect(yaml.value).toBeUndefined();
    expect(yaml.problems[0]?.message).toMatch(/not JSON \(starts with "FunctionName: orders-fn\\n.*looks like YAML.*--output json/);
    const missing: ReadProblem[] = [];
    expect(await readJsonDocument(path.join(tmp.dir, 'nope.json'), 'functions/nope.json', missing)).toBeUndefined();
    expect(missing[0]?.message).toMatch(/could not be read \(ENOENT\)/);
  });

  it('skips a warning line before the JSON', async () => {
    const { value, problems } = await read('warn.json', `Note: AWS CLI version 2 is available\n${pretty}`);
    expect(value).toEqual(FUNCTION_CONFIGURATION);
    expect(problems[0]?.message).toMatch(/read the JSON that follows some text \(37 characters of text before it skipped\)/);
  });

  it('merges pages appended one after the other', async () => {
    const page1 = { Events: [{ EventName: 'UpdateFunctionConfiguration20150331v2' }], NextToken: 'abc' };
    const page2 = { Events: [{ EventName: 'UpdateStage' }] };
    const { value, problems } = await read('pages.json', `${JSON.stringify(page1, null, 4)}\n${JSON.stringify(page2, null, 4)}\n`);
    expect(value).toEqual({ Events: [{ EventName: 'UpdateFunctionConfiguration20150331v2' }, { EventName: 'UpdateStage' }], NextToken: 'abc' });
    expect(problems[0]?.message).toMatch(/holds 2 JSON documents one after another: read as pages of one output/);
  });

  it('refuses a document over the size limit', async () => {
    const { value, problems } = await read('big.json', pretty, 100);
    expect(value).toBeUndefined();
    expect(problems[0]?.message).toBe('functions/big.json: larger than 100 bytes — skipped');
  });

  it('reports binary content', async () => {
    const { value, problems } = await read('bin.json', Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9]));
    expect(value).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/not text: binary content/);
  });
});

describe('topLevelValueEnds and mergePages', () => {
  it('finds where each document ends, strings and escapes included', () => {
    const text = '{"a":"}"} [1,"\\"]"] {"b":';
    expect(topLevelValueEnds(text)).toEqual({ ends: [9, 19], stoppedAt: text.length });
  });

  it('keeps the first page scalars and joins the lists', () => {
    expect(mergePages([{ Traces: [1], UnprocessedTraceIds: [] }, { Traces: [2], UnprocessedTraceIds: ['x'] }])).toEqual({ Traces: [1, 2], UnprocessedTraceIds: ['x'] });
  });
});
