import type { AlarmInfo } from '../model/context.ts';

/** Contract section 3: the window reaches 15 minutes before the evaluation range and 5 minutes past the state change. */
export const WINDOW_LEAD_MS = 15 * 60_000;
export const WINDOW_TAIL_MS = 5 * 60_000;
/** CloudWatch's most common alarm period, used when the alarm does not say. */
export const DEFAULT_PERIOD_SECONDS = 60;
export const DEFAULT_EVALUATION_PERIODS = 1;

/**
 * The diagnosis window an alarm implies, in epoch ms: from (state change − period × evaluation periods − 15 min)
 * to (state change + 5 min). Undefined when the alarm does not say when it changed state.
 */
export function computeWindow(alarm: AlarmInfo): { start: number; end: number } | undefined {
  const changed = alarm.stateChangeTime;
  if (changed === undefined || !Number.isFinite(changed)) return undefined;
  const period = positiveOr(alarm.periodSeconds, DEFAULT_PERIOD_SECONDS);
  const periods = positiveOr(alarm.evaluationPeriods, DEFAULT_EVALUATION_PERIODS);
  const evaluationRangeMs = period * periods * 1000;
  return { start: changed - evaluationRangeMs - WINDOW_LEAD_MS, end: changed + WINDOW_TAIL_MS };
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
