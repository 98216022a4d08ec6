/**
 * Writes the benchmark's incident bundle: about `events` log events in the formats a bundle may hold,
 * streamed to disk (memory stays flat whatever the size), the same bytes for the same seed.
 *
 *   logs/API-Gateway-Execution-Logs_<id>/prod.json           filter-log-events, pretty (CLI v2), half the streams
 *   logs/API-Gateway-Execution-Logs_<id>/prod/<stream>.json  get-log-events, minified, one stream a file
 *   logs/aws/apigateway/shop-api-prod-access.jsonl           access log, JSON Lines {"timestamp","message"}
 *   logs/aws/lambda/orders-fn.json                           filter-log-events, pretty, many streams interleaved
 *   logs/aws/lambda/checkout-fn.jsonl                        JSON Lines (jq -c '.events[]')
 *   logs/aws/lambda/inventory-fn.log                         aws logs tail (detailed format)
 *   logs/aws/lambda/catalog-fn.json                          get-query-results (newest 10,000 rows)
 *   alarm.json, api/stage.json, api/export.json, functions/*.json
 *   expected.json                                            what the diagnosis must find (the eval's shape, plus counts per cause)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ACCOUNT,
  API_ID,
  API_NAME,
  EVENTS_PER_REQUEST,
  EXPECTED_ROOT_CAUSE,
  FUNCTIONS,
  STAGE,
  TIMELINE,
  type FailureKind,
  type Timeline,
} from './benchScenario.ts';
import { alarmDocument, exportDocument, functionConfiguration, stageDocument } from './contextDocuments.ts';
import { EventScheduler } from './eventScheduler.ts';
import { EventsJsonWriter, JsonLinesWriter, QueryResultsWriter, TailWriter, type LogWriter } from './logWriters.ts';
import { Rng } from './rng.ts';
import { TrafficSimulator, type GeneratedTruth } from './trafficSimulator.ts';

export interface GenerateOptions {
  dir: string;
  /** Log events to aim at (the count written comes within a few percent). */
  events: number;
  seed?: number;
}

export interface GeneratedFile {
  file: string;
  format: string;
  events: number;
  bytes: number;
}

export interface GeneratedBundle {
  dir: string;
  events: number;
  bytes: number;
  files: GeneratedFile[];
  truth: GeneratedTruth;
  timeline: Timeline;
}

const EXECUTION_STREAMS = 32;
/** The pretty execution log file stays under this many events (about 350 MB), so one file never nears V8's 512 MiB string limit. */
const MAX_PRETTY_EXECUTION_EVENTS = 800_000;

function writeJson(dir: string, file: string, value: unknown): void {
  const full = path.join(dir, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, `${JSON.stringify(value, null, 4)}\n`);
}

export function generateBundle(options: GenerateOptions): GeneratedBundle {
  const { dir, events } = options;
  const seed = options.seed ?? 20260310;
  const rng = new Rng(seed);
  const timeline = TIMELINE;
  mkdirSync(dir, { recursive: true });

  const executionGroup = `logs/API-Gateway-Execution-Logs_${API_ID}/${STAGE}`;
  const executionStreams = Array.from({ length: EXECUTION_STREAMS }, () => rng.hex(32));
  const estimatedExecutionEvents = (events * 15) / EVENTS_PER_REQUEST;
  const prettyStreams = Math.max(1, Math.min(EXECUTION_STREAMS / 2, Math.floor((EXECUTION_STREAMS * MAX_PRETTY_EXECUTION_EVENTS) / estimatedExecutionEvents)));
  const prettyExecution = new EventsJsonWriter(path.join(dir, `${executionGroup}.json`), { pretty: true, command: 'filter-log-events', seed: seed + 1 });
  const perStream = new Map<number, EventsJsonWriter>();
  const executionWriter = (index: number): LogWriter => {
    if (index < prettyStreams) return prettyExecution;
    let writer = perStream.get(index);
    if (!writer) {
      writer = new EventsJsonWriter(path.join(dir, executionGroup, `${executionStreams[index]}.json`), { pretty: false, command: 'get-log-events', seed: seed + 100 + index });
      perStream.set(index, writer);
    }
    return writer;
  };

  const formats = new Map<LogWriter, string>();
  const access = new JsonLinesWriter(path.join(dir, `logs/aws/apigateway/${API_NAME}-${STAGE}-access.jsonl`), seed + 2, false);
  const lambda = {
    orders: new EventsJsonWriter(path.join(dir, 'logs/aws/lambda/orders-fn.json'), { pretty: true, command: 'filter-log-events', seed: seed + 3 }),
    checkout: new JsonLinesWriter(path.join(dir, 'logs/aws/lambda/checkout-fn.jsonl'), seed + 4, true),
    inventory: new TailWriter(path.join(dir, 'logs/aws/lambda/inventory-fn.log')),
    catalog: new QueryResultsWriter(path.join(dir, 'logs/aws/lambda/catalog-fn.json'), `${ACCOUNT}:/aws/lambda/catalog-fn`, seed + 5),
  };
  formats.set(prettyExecution, 'filter-log-events, pretty');
  formats.set(access, 'JSON Lines {timestamp,message}');
  formats.set(lambda.orders, 'filter-log-events, pretty');
  formats.set(lambda.checkout, 'JSON Lines (jq -c .events[])');
  formats.set(lambda.inventory, 'aws logs tail');
  formats.set(lambda.catalog, 'get-query-results (newest 10,000)');

  const scheduler = new EventScheduler();
  const simulator = new TrafficSimulator(rng, scheduler, { execution: executionWriter, executionStreams, access, lambda }, timeline);
  const requests = Math.max(1, Math.round(events / EVENTS_PER_REQUEST));
  const step = (timeline.end - timeline.start) / requests;
  for (let i = 0; i < requests; i++) simulator.request(Math.floor(timeline.start + (i + rng.next()) * step));
  scheduler.drain();

  const writers: LogWriter[] = [prettyExecution, ...[...perStream.entries()].sort((a, b) => a[0] - b[0]).map(([, w]) => w), access, ...Object.values(lambda)];
  const files: GeneratedFile[] = writers.map((w) => {
    const bytes = w.close();
    return { file: path.relative(dir, w.file), format: formats.get(w) ?? 'get-log-events, minified', events: w.events, bytes };
  });

  writeJson(dir, 'alarm.json', alarmDocument(rng, timeline));
  writeJson(dir, 'api/stage.json', stageDocument(timeline));
  writeJson(dir, 'api/export.json', exportDocument());
  for (const fn of Object.values(FUNCTIONS)) {
    // orders-fn's timeout was lowered and checkout-fn deployed just before the onset; the others are older.
    const modified = fn.key === 'orders' || fn.key === 'checkout' ? timeline.onset - rng.between(20, 90) * 1000 : timeline.start - rng.between(2, 30) * 86_400_000;
    writeJson(dir, `functions/${fn.name}.json`, functionConfiguration(rng, fn, modified));
  }

  writeJson(dir, 'expected.json', expectedDiagnosis(simulator.truth));

  return {
    dir,
    events: files.reduce((s, f) => s + f.events, 0),
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    files,
    truth: simulator.truth,
    timeline,
  };
}

/** What a correct diagnosis says: every generated failure, each under its cause, the most frequent cause first. */
export interface BenchExpectation {
  rootCause: string;
  findings: string[];
  failingRequests: number;
  api: { id: string; stage: string; type: 'REST' };
  requestCounts: Record<string, number>;
  notes: string;
}

export function expectedDiagnosis(truth: GeneratedTruth): BenchExpectation {
  const kinds = (Object.keys(truth.failing) as FailureKind[]).filter((k) => truth.failing[k] > 0).sort((a, b) => truth.failing[b] - truth.failing[a]);
  const requestCounts: Record<string, number> = {};
  for (const k of kinds) requestCounts[EXPECTED_ROOT_CAUSE[k]] = truth.failing[k];
  const findings = kinds.map((k) => EXPECTED_ROOT_CAUSE[k]);
  return {
    rootCause: findings[0] ?? 'insufficient-evidence',
    findings,
    failingRequests: kinds.reduce((s, k) => s + truth.failing[k], 0),
    api: { id: API_ID, stage: STAGE, type: 'REST' },
    requestCounts,
    notes:
      `Synthetic benchmark bundle (scripts/bench): ${truth.requests} requests. orders-fn times out at 6 s on slow GET /orders/{id}, ` +
      'checkout-fn throws TypeError on POST /orders without a coupon, inventory-fn catches DynamoDB ProvisionedThroughputExceededException and answers 503.',
  };
}
