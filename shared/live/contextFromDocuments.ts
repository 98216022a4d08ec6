import type { BundleContext } from '../model/context.ts';
import type { ReadProblem } from '../model/logEvent.ts';
import type { TraceSegment, TraceSummaryRecord } from '../model/records.ts';
import { parseAlarm } from '../context/alarm.ts';
import { parseApiExport } from '../context/apiExport.ts';
import { parseCloudTrailEvents } from '../context/cloudTrail.ts';
import { parseDeployments } from '../context/deployments.ts';
import { parseFunctionConfiguration } from '../context/functionConfiguration.ts';
import { parseMetricData } from '../context/metricData.ts';
import { isParseProblem, type ParseProblem } from '../context/problem.ts';
import { parseStage } from '../context/stage.ts';
import { parseTraceDocuments } from '../parsers/parseTraceDocuments.ts';

/**
 * The context a live diagnosis read, parsed from the very documents `collect` writes (by bundle path) and in
 * the order the bundle reader parses them, so that a live run and the replay of its bundle see the same
 * context: alarm.json, api/stage.json, api/deployments.json, api/export.json, functions/*, metrics/*, changes/*.
 */
export function contextFromDocuments(documents: Readonly<Record<string, unknown>>, problems: ReadProblem[]): BundleContext {
  const context: BundleContext = { deployments: [], functions: [], metrics: [], changes: [] };
  const parse = <T>(file: string, parser: (json: unknown, file: string) => T | ParseProblem): T | undefined => {
    if (!(file in documents)) return undefined;
    const value = parser(documents[file], file);
    if (isParseProblem(value)) {
      problems.push({ file, message: value.problem.startsWith(file) ? value.problem : `${file}: ${value.problem}` });
      return undefined;
    }
    return value;
  };
  const under = (folder: string): string[] => Object.keys(documents).filter((file) => file.startsWith(`${folder}/`)).sort(byPath);

  const alarm = parse('alarm.json', parseAlarm);
  if (alarm) context.alarm = alarm;
  const stage = parse('api/stage.json', parseStage);
  if (stage) context.stage = stage;
  context.deployments = parse('api/deployments.json', parseDeployments) ?? [];
  const api = parse('api/export.json', parseApiExport);
  if (api) context.api = api;
  for (const file of under('functions')) {
    const fn = parse(file, parseFunctionConfiguration);
    if (fn) context.functions.push(fn);
  }
  for (const file of under('metrics')) context.metrics.push(...(parse(file, parseMetricData) ?? []));
  for (const file of under('changes')) context.changes.push(...(parse(file, parseCloudTrailEvents) ?? []));
  context.changes.sort((a, b) => a.time - b.time);
  return context;
}

/** Segments and summaries of the traces/*.json documents, in path order (as the bundle reader reads them). */
export function tracesFromDocuments(documents: Readonly<Record<string, unknown>>, problems: ReadProblem[]): { segments: TraceSegment[]; summaries: TraceSummaryRecord[] } {
  const segments: TraceSegment[] = [];
  const summaries: TraceSummaryRecord[] = [];
  for (const file of Object.keys(documents).filter((f) => f.startsWith('traces/')).sort(byPath)) {
    const parsed = parseTraceDocuments(documents[file]);
    if ('problem' in parsed) {
      problems.push({ file, message: `${file}: ${parsed.problem} — skipped` });
      continue;
    }
    for (const p of parsed.problems) problems.push({ file, message: `${file}: ${p}` });
    segments.push(...parsed.segments);
    summaries.push(...parsed.summaries);
  }
  return { segments, summaries };
}

/** The bundle reader's order: plain code-unit comparison of the relative paths. */
export function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
