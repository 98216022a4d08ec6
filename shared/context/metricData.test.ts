import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseMetricData } from './metricData.ts';
import { isParseProblem } from './problem.ts';

const FILE = 'metrics/apigateway.json';
const t = (minute: number) => Date.UTC(2026, 10, 24, 10, minute);

// Shape: GetMetricData response (docs API_MetricDataResult: Id, Label, Timestamps, Values, StatusCode, Messages) as the
// CLI v2 prints it (ISO times with +00:00, newest first), with the request's MetricDataQueries
// (API_MetricDataQuery / API_MetricStat: MetricStat.Metric.{Namespace, MetricName, Dimensions[{Name,Value}]}, Period, Stat).
const metricData = {
  MetricDataQueries: [
    {
      Id: 'errors5xx',
      MetricStat: {
        Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5XXError', Dimensions: [{ Name: 'ApiName', Value: 'orders-api' }, { Name: 'Stage', Value: 'prod' }] },
        Period: 60,
        Stat: 'Sum',
      },
      ReturnData: true,
    },
    {
      Id: 'throttles',
      MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Throttles', Dimensions: [{ Name: 'FunctionName', Value: 'orders-fn' }] }, Period: 60, Stat: 'Sum' },
    },
    { Id: 'rate', Expression: '100*errors5xx/count', Label: '5XX rate' },
  ],
  MetricDataResults: [
    {
      Id: 'errors5xx',
      Label: '5XXError',
      Timestamps: ['2026-11-24T10:14:00+00:00', '2026-11-24T10:13:00+00:00', '2026-11-24T10:12:00+00:00'],
      Values: [41.0, 38.0, 0.0],
      StatusCode: 'Complete',
    },
    { Id: 'throttles', Label: 'Throttles', Timestamps: [], Values: [], StatusCode: 'Complete' },
    { Id: 'rate', Timestamps: ['2026-11-24T10:14:00Z'], Values: [12.5], StatusCode: 'PartialData' },
  ],
  Messages: [],
};

describe('parseMetricData — get-metric-data', () => {
  it('names each series from its query and sorts points oldest first', () => {
    const series = parseMetricData(metricData, FILE);
    expect(isParseProblem(series) ? series : series[0]).toEqual({
      id: 'errors5xx',
      label: '5XXError',
      metricName: '5XXError',
      namespace: 'AWS/ApiGateway',
      dimensions: { ApiName: 'orders-api', Stage: 'prod' },
      stat: 'Sum',
      periodSeconds: 60,
      points: [
        { timestamp: t(12), value: 0 },
        { timestamp: t(13), value: 38 },
        { timestamp: t(14), value: 41 },
      ],
      file: FILE,
    });
  });

  it('keeps empty series and expression series (label from the query when the result has none)', () => {
    const series = parseMetricData(metricData, FILE);
    expect(isParseProblem(series) ? [] : series.map((s) => [s.id, s.metricName, s.label, s.points.length])).toEqual([
      ['errors5xx', '5XXError', '5XXError', 3],
      ['throttles', 'Throttles', 'Throttles', 0],
      ['rate', undefined, '5XX rate', 1],
    ]);
  });

  it('reads results without queries (plain CLI output): id and label only', () => {
    const { MetricDataQueries: _q, ...plain } = metricData;
    const series = parseMetricData(plain, FILE);
    expect(isParseProblem(series) ? series : series[0]).toMatchObject({ id: 'errors5xx', label: '5XXError', dimensions: {} });
    expect(isParseProblem(series) ? 'x' : series[0]?.metricName).toBeUndefined();
  });

  it('reads epoch-second timestamps and skips mismatched or broken points', () => {
    const doc = {
      MetricDataResults: [
        { Id: 'm1', Timestamps: [1795515240, 'garbage', '2026-11-24T10:15:00Z', '2026-11-24T10:16:00Z'], Values: [1, 2, 'NaN', 4, 5] },
        'not a result',
        { Label: 'no id', Timestamps: {}, Values: null },
      ],
    };
    const series = parseMetricData(doc, FILE);
    expect(isParseProblem(series) ? series : series.map((s) => [s.id, s.points])).toEqual([
      ['m1', [{ timestamp: 1795515240000, value: 1 }, { timestamp: t(16), value: 4 }]],
      ['m3', []],
    ]);
  });
});

describe('parseMetricData — get-metric-statistics', () => {
  it('makes one series per statistic, named by the Label (the metric name)', () => {
    // Shape: aws/aws-cli awscli/examples/cloudwatch/get-metric-statistics.rst (Datapoints[{Timestamp, Maximum, Unit}], Label).
    const doc = {
      Label: 'Throttles',
      Datapoints: [
        { Timestamp: '2026-11-24T10:14:00Z', Sum: 32.0, Maximum: 9.0, Unit: 'Count' },
        { Timestamp: '2026-11-24T10:13:00Z', Sum: 3.0, Maximum: 1.0, Unit: 'Count' },
        { Timestamp: '2026-11-24T10:15:00Z', ExtendedStatistics: { p99: 8.5 }, Unit: 'Count' },
      ],
    };
    const series = parseMetricData(doc, FILE);
    expect(isParseProblem(series) ? series : series.map((s) => [s.id, s.stat, s.metricName, s.points.map((p) => p.value)])).toEqual([
      ['Throttles.Sum', 'Sum', 'Throttles', [3, 32]],
      ['Throttles.Maximum', 'Maximum', 'Throttles', [1, 9]],
      ['Throttles.p99', 'p99', 'Throttles', [8.5]],
    ]);
  });

  it('returns no series for empty Datapoints', () => {
    expect(parseMetricData({ Label: '5XXError', Datapoints: [] }, FILE)).toEqual([]);
  });
});

describe('parseMetricData — bad input', () => {
  it('returns a problem for other documents', () => {
    for (const doc of [null, [], 'x', {}, { MetricDataResults: 'none' }, { Datapoints: {} }, { Events: [] }]) {
      expect(isParseProblem(parseMetricData(doc, FILE)), JSON.stringify(doc)).toBe(true);
    }
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (doc) => {
      const r = parseMetricData(doc, FILE);
      return isParseProblem(r) || r.every((s) => s.points.every((p) => Number.isFinite(p.timestamp) && Number.isFinite(p.value)));
    }));
  });

  it('never throws on arbitrary results lists', () => {
    fc.assert(fc.property(fc.array(fc.jsonValue()), fc.array(fc.jsonValue()), (results, queries) => {
      return !isParseProblem(parseMetricData({ MetricDataResults: results, MetricDataQueries: queries }, FILE));
    }));
  });
});
