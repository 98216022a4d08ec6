import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diagnoseBundle } from '../diagnoseBundle.ts';
import { UsageError } from '../errors.ts';
import type { Diagnosis } from '../model/diagnosis.ts';
import { collectBundle, replayCommandFor } from './collectBundle.ts';
import { diagnoseLive } from './diagnoseLive.ts';
import { REST_API_ID } from './liveFixtures.ts';
import { LiveEvidenceSource } from './LiveEvidenceSource.ts';
import { WINDOW, fakeClock, installAccount, mockedClients } from './mockedAccount.ts';

let dir = '';

beforeEach(async () => {
  installAccount();
  dir = await mkdtemp(path.join(tmpdir(), 'apigw-collect-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The diagnosis without what differs by nature between a live run and its replay. */
function comparable(d: Diagnosis): Omit<Diagnosis, 'stats' | 'cost' | 'gaps'> {
  const { stats: _stats, cost: _cost, gaps: _gaps, ...rest } = d;
  return rest;
}

describe('collectBundle', () => {
  it('writes the evidence as a contract bundle that replays to the same diagnosis', async () => {
    const live = await diagnoseLive(mockedClients(), { kind: 'api', api: 'orders-api', stage: 'prod' }, { from: WINDOW.start, to: WINDOW.end, clock: fakeClock(), logsClientInstrumented: false });
    const out = path.join(dir, 'incident');
    const bundle = await collectBundle(live.source, { engineOptions: live.engineOptions, diagnosis: live.diagnosis }, out);
    expect(bundle.files).toEqual([
      'README.md',
      'api/deployments.json',
      'api/export.json',
      'api/stage.json',
      'changes/lookup-events.json',
      'functions/auth-fn.json',
      'functions/catalog-fn.json',
      'functions/orders-fn.json',
      'functions/orders-fn@live.json',
      'logs/API-Gateway-Execution-Logs_rgkwmpkz6q/prod.json',
      'logs/aws/apigateway/orders-api-prod-access.json',
      'logs/aws/lambda/orders-fn.json',
      'metrics/apigateway.json',
      'metrics/lambda.json',
      'traces/batch-get-traces.json',
      'traces/trace-summaries.json',
    ]);
    expect(bundle.warnings).toEqual([]);

    // Logs are `aws logs get-query-results` output: rows of {field, value}, statistics, status.
    const access = JSON.parse(await readFile(path.join(out, 'logs/aws/apigateway/orders-api-prod-access.json'), 'utf8')) as {
      results: { field: string; value: string }[][];
      statistics: Record<string, number>;
      status: string;
    };
    expect(access.status).toBe('Complete');
    expect(access.results).toHaveLength(2);
    expect(access.results[0]?.map((c) => c.field)).toEqual(['@timestamp', '@message', '@log']);
    expect(access.results[0]?.[0]?.value).toBe('2026-03-10 13:52:59.648');
    expect(access.results[0]?.[2]?.value).toBe('384756102938:/aws/apigateway/orders-api-prod-access');
    expect(access.statistics['recordsMatched']).toBe(2);
    expect(access.statistics['bytesScanned']).toBeGreaterThan(0);
    const lambda = JSON.parse(await readFile(path.join(out, 'logs/aws/lambda/orders-fn.json'), 'utf8')) as { results: { field: string; value: string }[][] };
    expect(lambda.results.map((row) => row.find((c) => c.field === '@logStream')?.value)).toEqual(Array(8).fill('2026/03/10/[$LATEST]92783e415e568b60d251b484f1961538'));

    // The README says how to replay, what was queried and what the collection could not read.
    const readme = await readFile(path.join(out, 'README.md'), 'utf8');
    expect(readme).toContain(`apigw-doctor diagnose --evidence ${out} --api ${REST_API_ID} --stage prod --from 2026-03-10T13:45:00.000Z --to 2026-03-10T14:00:00.000Z`);
    expect(readme).toContain('- failing requests (access log): /aws/apigateway/orders-api-prod-access');
    expect(bundle.replayCommand).toBe(replayCommandFor(out, live.engineOptions));

    const replay = await diagnoseBundle(out, live.engineOptions);
    expect(comparable(replay)).toEqual(comparable(live.diagnosis));
    // The replay's gaps are the live ones without those of the collection itself.
    const collection = new Set(live.source.collectionGaps());
    expect(replay.gaps).toEqual(live.diagnosis.gaps.filter((g) => !collection.has(g)));
  });

  it('refuses a folder that is not empty, before any query when asked first', async () => {
    await writeFile(path.join(dir, 'notes.txt'), 'mine');
    const source = new LiveEvidenceSource(mockedClients(), { api: REST_API_ID, stage: 'prod', window: WINDOW }, { clock: fakeClock(), logsClientInstrumented: false });
    await expect(collectBundle(source, { engineOptions: {} }, dir)).rejects.toThrow(new UsageError(`--out ${dir} is not empty; collect writes a new bundle into an empty or new folder`));
  });

  it('warns when no log could be read: such a bundle cannot be replayed', async () => {
    installAccount({ deny: ['logs'] });
    const live = await diagnoseLive(mockedClients(), { kind: 'api', api: REST_API_ID, stage: 'prod' }, { from: WINDOW.start, to: WINDOW.end, clock: fakeClock(), logsClientInstrumented: false });
    const bundle = await collectBundle(live.source, { engineOptions: live.engineOptions, diagnosis: live.diagnosis }, path.join(dir, 'b'));
    expect(bundle.files.some((f) => f.startsWith('logs/'))).toBe(false);
    expect(bundle.warnings[0]).toMatch(/No log could be read from the account/);
    expect(await readFile(path.join(dir, 'b', 'README.md'), 'utf8')).toMatch(/logs:StartQuery denied/);
  });

  it('quotes what a shell would split in the replay command', () => {
    expect(replayCommandFor("/tmp/my incident's", { apiId: 'a1b2c3d4e5', stage: '$default' })).toBe(`apigw-doctor diagnose --evidence '/tmp/my incident'\\''s' --api a1b2c3d4e5 --stage '$default'`);
  });
});
