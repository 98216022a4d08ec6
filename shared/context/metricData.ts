import type { MetricSeries } from '../model/context.ts';
import { parseAwsTime } from './awsTime.ts';
import { asArray, asNumber, asRecord, asString, describeJsonType, dimensionsToMap, isRecord, type JsonRecord } from './json.ts';
import { neverThrow, type ParseProblem } from './problem.ts';

/**
 * `aws cloudwatch get-metric-data` output ({MetricDataResults:[{Id, Label, Timestamps, Values, StatusCode}], Messages}),
 * with the request's MetricDataQueries beside it when the file has them (they say which metric an Id is), or
 * `aws cloudwatch get-metric-statistics` output ({Label, Datapoints:[{Timestamp, Sum, Average, ..., Unit}]}).
 * Points are returned oldest first (get-metric-data prints newest first by default). See SHAPES.md.
 */
export function parseMetricData(json: unknown, file: string): MetricSeries[] | ParseProblem {
  return neverThrow(file, 'metric data', () => {
    if (!isRecord(json)) {
      return { problem: `${file}: expected "aws cloudwatch get-metric-data" output (a JSON object with MetricDataResults), found ${describeJsonType(json)}; the metrics were not used` };
    }
    const results = asArray(json['MetricDataResults']);
    if (results !== undefined) return fromMetricData(results, asArray(json['MetricDataQueries']) ?? [], file);
    const datapoints = asArray(json['Datapoints']);
    if (datapoints !== undefined) return fromStatistics(json, datapoints, file);
    return { problem: `${file}: not CloudWatch metric output (no MetricDataResults or Datapoints list); the metrics were not used` };
  });
}

interface QueryInfo {
  label?: string;
  metricName?: string;
  namespace?: string;
  dimensions: Record<string, string>;
  stat?: string;
  periodSeconds?: number;
}

function fromMetricData(results: unknown[], queries: unknown[], file: string): MetricSeries[] {
  const byId = new Map<string, QueryInfo>();
  for (const q of queries) {
    const query = asRecord(q);
    const id = asString(query?.['Id']);
    if (query === undefined || id === undefined) continue;
    byId.set(id, queryInfo(query));
  }
  const series: MetricSeries[] = [];
  results.forEach((r, index) => {
    const result = asRecord(r);
    if (result === undefined) return;
    const id = asString(result['Id']) ?? `m${index + 1}`;
    const query = byId.get(id);
    const timestamps = asArray(result['Timestamps']) ?? [];
    const values = asArray(result['Values']) ?? [];
    const points: MetricSeries['points'] = [];
    for (let i = 0; i < Math.min(timestamps.length, values.length); i++) {
      const timestamp = parseAwsTime(timestamps[i]);
      const value = asNumber(values[i]);
      if (timestamp !== undefined && value !== undefined) points.push({ timestamp, value });
    }
    const s: MetricSeries = { id, dimensions: query?.dimensions ?? {}, points: sortPoints(points), file };
    const label = asString(result['Label']) ?? query?.label;
    if (label !== undefined) s.label = label;
    if (query?.metricName !== undefined) s.metricName = query.metricName;
    if (query?.namespace !== undefined) s.namespace = query.namespace;
    if (query?.stat !== undefined) s.stat = query.stat;
    if (query?.periodSeconds !== undefined) s.periodSeconds = query.periodSeconds;
    series.push(s);
  });
  return series;
}

/** A MetricDataQuery: MetricStat {Metric {Namespace, MetricName, Dimensions:[{Name,Value}]}, Period, Stat}, or an Expression. */
function queryInfo(query: JsonRecord): QueryInfo {
  const stat = asRecord(query['MetricStat']);
  const metric = asRecord(stat?.['Metric']);
  const info: QueryInfo = { dimensions: dimensionsToMap(metric?.['Dimensions']) };
  const label = asString(query['Label']);
  if (label !== undefined) info.label = label;
  const metricName = asString(metric?.['MetricName']);
  if (metricName !== undefined) info.metricName = metricName;
  const namespace = asString(metric?.['Namespace']);
  if (namespace !== undefined) info.namespace = namespace;
  const statName = asString(stat?.['Stat']);
  if (statName !== undefined) info.stat = statName;
  const period = asNumber(stat?.['Period']) ?? asNumber(query['Period']);
  if (period !== undefined) info.periodSeconds = period;
  return info;
}

const STATISTICS = ['Sum', 'Average', 'Maximum', 'Minimum', 'SampleCount'];

/** get-metric-statistics: one series per statistic the datapoints carry (extended statistics such as p99 included). */
function fromStatistics(doc: JsonRecord, datapoints: unknown[], file: string): MetricSeries[] {
  const label = asString(doc['Label']);
  const byStat = new Map<string, MetricSeries['points']>();
  for (const d of datapoints) {
    const point = asRecord(d);
    const timestamp = parseAwsTime(point?.['Timestamp']);
    if (point === undefined || timestamp === undefined) continue;
    const values: [string, unknown][] = [
      ...STATISTICS.map((s): [string, unknown] => [s, point[s]]),
      ...Object.entries(asRecord(point['ExtendedStatistics']) ?? {}),
    ];
    for (const [stat, raw] of values) {
      const value = asNumber(raw);
      if (value === undefined) continue;
      const points = byStat.get(stat) ?? [];
      points.push({ timestamp, value });
      byStat.set(stat, points);
    }
  }
  // The request is not in the output; a collector may have saved its parameters beside it.
  const dimensions = dimensionsToMap(doc['Dimensions']);
  const namespace = asString(doc['Namespace']);
  const period = asNumber(doc['Period']);
  return [...byStat.entries()].map(([stat, points]) => {
    const s: MetricSeries = { id: `${label ?? 'datapoints'}.${stat}`, dimensions, stat, points: sortPoints(points), file };
    if (label !== undefined) {
      s.label = label;
      // get-metric-statistics labels its output with the metric's name.
      s.metricName = asString(doc['MetricName']) ?? label;
    }
    if (namespace !== undefined) s.namespace = namespace;
    if (period !== undefined) s.periodSeconds = period;
    return s;
  });
}

function sortPoints(points: MetricSeries['points']): MetricSeries['points'] {
  return points.sort((a, b) => a.timestamp - b.timestamp);
}
