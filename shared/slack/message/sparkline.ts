/**
 * A text chart of 5xx per minute for places where Slack shows no image: one block character per minute (or per
 * few minutes on a long window), with the onset and deployments marked on the line beneath.
 */
import { clockUtc } from './timeWords.ts';

export const SPARK_LEVELS = '▁▂▃▄▅▆▇█';
/** A minute (bucket) with no datapoint: CloudWatch publishes none when the API served nothing, which is not "0". */
export const NO_DATA = '·';
export const ONSET_MARK = '▲';
export const DEPLOY_MARK = '◆';

/** One character per value: ▁ for zero, ▂..█ scaled to the largest value (any error shows above the baseline). */
export function sparkline(values: readonly (number | undefined)[]): string {
  const finite = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  const max = Math.max(0, ...finite);
  return values
    .map((value) => {
      if (value === undefined || !Number.isFinite(value)) return NO_DATA;
      if (value <= 0 || max <= 0) return SPARK_LEVELS[0];
      const level = Math.max(1, Math.round((value / max) * (SPARK_LEVELS.length - 1)));
      return SPARK_LEVELS[Math.min(level, SPARK_LEVELS.length - 1)];
    })
    .join('');
}

export interface SparklineInput {
  /** Datapoints (epoch ms, count), e.g. AWS/ApiGateway 5XXError Sum per minute. */
  points: readonly { time: number; value: number }[];
  start: number;
  end: number;
  onset?: number;
  deployments?: readonly number[];
  /** Widest line; longer windows put several minutes in a character. */
  maxColumns?: number;
}

export interface SparklineChart {
  line: string;
  /** ▲ under the onset's column, ◆ under deployments' (empty when none falls in the window). */
  markers: string;
  /** Start and end times under the line. */
  axis: string;
  /** What the marks mean, with their times. */
  legend: string;
  /** Minutes per character. */
  bucketMinutes: number;
  total: number;
  peak: { value: number; time: number };
}

const MINUTE = 60_000;

/** The chart, or undefined when no datapoint falls in the window (nothing to draw). */
export function sparklineChart(input: SparklineInput): SparklineChart | undefined {
  if (!Number.isFinite(input.start) || !Number.isFinite(input.end) || input.end < input.start) return undefined;
  const first = Math.floor(input.start / MINUTE) * MINUTE;
  const minutes = Math.max(1, Math.ceil((input.end - first) / MINUTE));
  const maxColumns = Math.max(8, Math.floor(input.maxColumns ?? 48));
  const bucketMinutes = Math.ceil(minutes / maxColumns);
  const columns = Math.ceil(minutes / bucketMinutes);
  const bucketMs = bucketMinutes * MINUTE;
  const columnOf = (time: number): number | undefined => {
    const column = Math.floor((time - first) / bucketMs);
    return column >= 0 && column < columns ? column : undefined;
  };

  const values: (number | undefined)[] = new Array<number | undefined>(columns).fill(undefined);
  let seen = 0;
  for (const point of input.points) {
    if (!Number.isFinite(point.time) || !Number.isFinite(point.value)) continue;
    const column = columnOf(point.time);
    if (column === undefined) continue;
    values[column] = (values[column] ?? 0) + point.value;
    seen++;
  }
  if (seen === 0) return undefined;

  let peak = { value: 0, time: first };
  let total = 0;
  values.forEach((value, column) => {
    if (value === undefined) return;
    total += value;
    if (value > peak.value) peak = { value, time: first + column * bucketMs };
  });

  const marks: string[] = new Array<string>(columns).fill(' ');
  const legend: string[] = [];
  const onsetColumn = input.onset === undefined ? undefined : columnOf(input.onset);
  if (input.onset !== undefined && onsetColumn !== undefined) {
    marks[onsetColumn] = ONSET_MARK;
    legend.push(`${ONSET_MARK} onset ${clockUtc(input.onset, false)}`);
  }
  for (const deployment of [...new Set(input.deployments ?? [])].sort((a, b) => a - b)) {
    const column = columnOf(deployment);
    if (column === undefined) continue;
    if (marks[column] === ' ') marks[column] = DEPLOY_MARK;
    legend.push(`${DEPLOY_MARK} deploy ${clockUtc(deployment, false)}`);
  }
  if (values.includes(undefined)) legend.push(`${NO_DATA} no data`);

  return {
    line: sparkline(values),
    markers: marks.join('').trimEnd(),
    axis: axisLine(first, first + columns * bucketMs, columns),
    legend: legend.join('  '),
    bucketMinutes,
    total,
    peak,
  };
}

/** "13:39" at the left and "14:02" at the right of the line; an arrow between them when the line is too short. */
function axisLine(start: number, end: number, columns: number): string {
  const left = clockUtc(start, false).replace(' UTC', '');
  const right = clockUtc(end, false).replace(' UTC', '');
  const gap = columns - left.length - right.length;
  return gap >= 2 ? `${left}${' '.repeat(gap)}${right}` : `${left} → ${right}`;
}
