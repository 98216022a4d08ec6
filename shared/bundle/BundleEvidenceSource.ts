import type { BundleContext } from '../model/context.ts';
import type { EvidenceSource } from '../model/evidenceSource.ts';
import type { LogEvent, ReadProblem } from '../model/logEvent.ts';
import type { TraceSegment, TraceSummaryRecord } from '../model/records.ts';
import { isParseProblem, type ParseProblem } from '../context/problem.ts';
import { parseAlarm } from '../context/alarm.ts';
import { parseStage } from '../context/stage.ts';
import { parseDeployments } from '../context/deployments.ts';
import { parseApiExport } from '../context/apiExport.ts';
import { parseFunctionConfiguration } from '../context/functionConfiguration.ts';
import { parseMetricData } from '../context/metricData.ts';
import { parseCloudTrailEvents } from '../context/cloudTrail.ts';
import { parseTraceDocuments } from '../parsers/parseTraceDocuments.ts';
import { type BundleFile, type BundleFileList, listBundleFiles } from './bundleFiles.ts';
import { readLogFileBatches } from './readLogFile.ts';
import { readJsonDocument } from './readJsonDocument.ts';
import { flattenBatches } from './flattenBatches.ts';

/** An incident bundle on disk (contract section 1) as a source of evidence. */
export class BundleEvidenceSource implements EvidenceSource {
  readonly problems: ReadProblem[] = [];
  readonly stats = { filesRead: 0, filesSkipped: 0, eventsRead: 0, bytesRead: 0 };
  private readonly skipped = new Set<string>();

  private constructor(
    private readonly files: BundleFileList,
    readonly description: string,
  ) {
    // A bundle's own notes (README, the expected diagnosis of a test bundle) are not evidence and not a problem.
    this.problems.push(...files.ignored.filter((p) => !/^(README(\.[a-z]+)?|expected\.json|NOTES(\.[a-z]+)?|\.DS_Store)$/i.test(p.file)));
  }

  /** Lists the bundle; throws UnreadableBundleError when there is nothing to diagnose. */
  static async open(dir: string): Promise<BundleEvidenceSource> {
    return new BundleEvidenceSource(await listBundleFiles(dir), `bundle ${dir}`);
  }

  async readContext(): Promise<BundleContext> {
    const f = this.files;
    const context: BundleContext = { deployments: [], functions: [], metrics: [], changes: [] };
    const alarm = await this.document(f.alarm, parseAlarm);
    if (alarm) context.alarm = alarm;
    const stage = await this.document(f.stage, parseStage);
    if (stage) context.stage = stage;
    context.deployments = (await this.document(f.deployments, parseDeployments)) ?? [];
    const api = await this.document(f.apiExport, parseApiExport);
    if (api) context.api = api;
    for (const file of f.functions) {
      const fn = await this.document(file, parseFunctionConfiguration);
      if (fn) context.functions.push(fn);
    }
    for (const file of f.metrics) context.metrics.push(...((await this.document(file, parseMetricData)) ?? []));
    for (const file of f.changes) context.changes.push(...((await this.document(file, parseCloudTrailEvents)) ?? []));
    context.changes.sort((a, b) => a.time - b.time);
    return context;
  }

  logEvents(onlyFiles?: ReadonlySet<string>): AsyncIterable<LogEvent> {
    return flattenBatches(this.logEventBatches(onlyFiles));
  }

  /** The events of every log file, a batch per chunk read (the cheap way to stream them). */
  async *logEventBatches(onlyFiles?: ReadonlySet<string>): AsyncGenerator<LogEvent[], void, undefined> {
    const firstPass = onlyFiles === undefined;
    for (const file of this.files.logs) {
      if (onlyFiles && !onlyFiles.has(file.file)) continue;
      // Problems are reported once, on the first pass.
      const problems: ReadProblem[] = firstPass ? this.problems : [];
      const before = problems.length;
      let events = 0;
      for await (const batch of readLogFileBatches(file.absPath, file.file, file.groupHint, problems)) {
        events += batch.length;
        yield batch;
      }
      if (!firstPass) continue;
      this.stats.eventsRead += events;
      this.stats.bytesRead += file.sizeBytes;
      if (events > 0) this.stats.filesRead++;
      else if (problems.length > before) this.markSkipped(file.file);
    }
  }

  async readTraces(): Promise<{ segments: TraceSegment[]; summaries: TraceSummaryRecord[] }> {
    const segments: TraceSegment[] = [];
    const summaries: TraceSummaryRecord[] = [];
    for (const file of this.files.traces) {
      const json = await this.json(file);
      if (json === undefined) continue;
      const parsed = parseTraceDocuments(json);
      if ('problem' in parsed) {
        this.problem(file.file, `${parsed.problem} — skipped`);
        continue;
      }
      for (const p of parsed.problems) this.problem(file.file, p);
      segments.push(...parsed.segments);
      summaries.push(...parsed.summaries);
    }
    return { segments, summaries };
  }

  private async document<T>(file: BundleFile | undefined, parse: (json: unknown, file: string) => T | ParseProblem): Promise<T | undefined> {
    if (!file) return undefined;
    const json = await this.json(file);
    if (json === undefined) return undefined;
    const value = parse(json, file.file);
    if (isParseProblem(value)) {
      this.problem(file.file, value.problem);
      return undefined;
    }
    return value;
  }

  private async json(file: BundleFile): Promise<unknown> {
    const before = this.problems.length;
    const json = await readJsonDocument(file.absPath, file.file, this.problems);
    this.stats.bytesRead += file.sizeBytes;
    if (json === undefined || this.problems.length > before) {
      if (json === undefined) this.markSkipped(file.file);
    } else {
      this.stats.filesRead++;
    }
    return json;
  }

  private problem(file: string, message: string): void {
    this.problems.push({ file, message: message.startsWith(file) ? message : `${file}: ${message}` });
  }

  private markSkipped(file: string): void {
    if (this.skipped.has(file)) return;
    this.skipped.add(file);
    this.stats.filesSkipped++;
  }
}
