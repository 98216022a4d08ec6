/**
 * The round trip of issue 3: a live account built FROM an incident bundle (its api/*.json, functions/*.json, traces,
 * metrics, CloudTrail events, and its log events answered to the Logs Insights queries by an emulator that evaluates
 * the `parse`/`filter`/`fields`/`sort`/`limit` the live queries are made of) → the live diagnosis → `collect` to a
 * temporary folder → `diagnose --evidence` on it. The replay must give the same diagnosis JSON (but for stats, cost
 * and the gaps of the collection itself), and both must be the incident's expected diagnosis.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnoseBundle } from '../shared/diagnoseBundle.ts';
import type { Diagnosis } from '../shared/model/diagnosis.ts';
import { createAwsClients } from '../shared/live/awsClients.ts';
import { answerFromBundle, loadBundleAccount } from '../shared/live/bundleAccount.ts';
import { collectBundle } from '../shared/live/collectBundle.ts';
import { diagnoseLive } from '../shared/live/diagnoseLive.ts';
import type { LiveClock } from '../shared/live/liveClock.ts';

const incidents = fileURLToPath(new URL('../events/incidents/', import.meta.url));
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const folders: string[] = [];

afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

/** A live run of each shape: REST with execution logs, HTTP with integration ids, two causes, execution logs only,
 * HTTP without integration ids (time matching through the functions' traces), a custom shared log group with init
 * failures, an alarm without a Stage dimension, no log at all (metrics only), more failing requests than the sample. */
const CASES = [
  'rest-lambda-timeout',
  'http-lambda-timeout',
  'rest-two-causes-timeout-and-oom',
  'rest-two-causes-authorizer-and-backend',
  'rt-rest-error-level-exec-logs-only',
  'rt-http-go-ddb-throttle-trace-only',
  'rt-http-node-esm-init-shared-loggroup',
  'rt-http-ruby-lambda-throttled',
  'http-insufficient-evidence-metrics-only',
  'rest-lambda-unhandled-error-with-old-incident',
  'rest-lambda-not-found',
  'http-backend-unreachable-dns',
];

function comparable(d: Diagnosis): unknown {
  const { stats: _stats, cost: _cost, gaps: _gaps, ...rest } = d;
  return { ...rest, window: { ...rest.window, source: '' } };
}

describe('live → collect → diagnose --evidence round trip over accounts built from incident bundles', () => {
  it.each(CASES)('%s', async (name) => {
    const dir = path.join(incidents, name);
    const expected = JSON.parse(await readFile(path.join(dir, 'expected.json'), 'utf8')) as { rootCause: string; findings: string[]; failingRequests: number };
    const account = await loadBundleAccount(dir);
    const clients = createAwsClients({ region: account.region, credentials });
    let time = (account.alarm?.stateChangeTime ?? 0) + 3_600_000;
    const clock: LiveClock = { now: () => time, sleep: async (ms) => void (time += ms), random: () => 0.5 };
    answerFromBundle(clients, account, { now: clock.now });

    const live = await diagnoseLive(clients, { kind: 'alarm-event', event: account.alarmDocument }, { clock, region: account.region });
    clients.destroy();
    const out = await mkdtemp(path.join(tmpdir(), `roundtrip-${name}-`));
    folders.push(out);
    await collectBundle(live.source, { engineOptions: live.engineOptions, diagnosis: live.diagnosis }, out);
    const replay = await diagnoseBundle(out, live.engineOptions);

    expect(comparable(replay)).toEqual(comparable(live.diagnosis));
    const collection = new Set(live.source.collectionGaps());
    // (A bundle whose every log group answered nothing keeps their empty files, which the reader reports as such.)
    expect(replay.gaps.filter((g) => !/: holds no log events$/.test(g))).toEqual(live.diagnosis.gaps.filter((g) => !collection.has(g)));

    expect(live.diagnosis.rootCause.id).toBe(expected.rootCause);
    expect(new Set(live.diagnosis.findings.map((f) => f.id))).toEqual(new Set(expected.findings));
    expect(live.diagnosis.failingRequests.total).toBe(expected.failingRequests);

    // The speed budget of the issue: at most 4 sequential phases and 6 Logs Insights queries for a 20-request sample.
    expect(live.source.phases.length).toBeLessThanOrEqual(4);
    expect(live.diagnosis.cost?.logsInsightsQueries).toBeLessThanOrEqual(6);
  });
});
