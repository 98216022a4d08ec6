/** How the report words its values; shared by the text and Markdown renderers so both say the same thing. */
import type { Diagnosis } from '../model/diagnosis.ts';

export type ConfidenceLevel = 'high' | 'medium' | 'low' | 'unknown';

export function confidenceLevel(confidence: number): ConfidenceLevel {
  if (!Number.isFinite(confidence)) return 'unknown';
  if (confidence >= 0.8) return 'high';
  if (confidence >= 0.5) return 'medium';
  return 'low';
}

/** "high (0.93)"; the number stays visible so nobody mistakes "medium" for certainty. */
export function confidenceLabel(confidence: number): string {
  const level = confidenceLevel(confidence);
  if (level === 'unknown') return 'unknown';
  return `${level} (${clamp01(confidence).toFixed(2)})`;
}

/** What a reader should make of the root cause's confidence; empty when it is high. */
export function confidenceCaveat(confidence: number, insufficient: boolean): string {
  if (insufficient) return 'the evidence that would decide it is missing; see the gaps';
  const level = confidenceLevel(confidence);
  if (level === 'low' || level === 'unknown') return 'a lead, not an answer: check the evidence and the gaps before acting';
  if (level === 'medium') return 'likely; confirm with the evidence below';
  return '';
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

export function formatCount(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : String(value);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return `${bytes} B`;
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** "850 ms", "4.2 s", "12m 29s", "2h 5m", "3d 4h". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  if (abs < 60_000) return `${(abs / 1000).toFixed(abs < 10_000 ? 1 : 0)} s`;
  const totalSeconds = Math.round(abs / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  return seconds > 0 ? `${minutes}m ${seconds}s` : `${minutes}m`;
}

/** Milliseconds from `from` to `to` when both are readable times, else undefined. */
export function timeBetween(from: string | undefined, to: string | undefined): number | undefined {
  if (from === undefined || to === undefined) return undefined;
  const start = Date.parse(from);
  const end = Date.parse(to);
  return Number.isNaN(start) || Number.isNaN(end) ? undefined : end - start;
}

/** "4m 9s before onset", "30 s after onset", or undefined when a time is unreadable. */
export function relativeToOnset(time: string, onset: string | undefined): string | undefined {
  const delta = timeBetween(time, onset);
  if (delta === undefined) return undefined;
  if (delta === 0) return 'at onset';
  return `${formatDuration(delta)} ${delta > 0 ? 'before' : 'after'} onset`;
}

/** Entries of a count map, largest first, ties by key, at most `limit`. */
export function topEntries(counts: Record<string, number>, limit: number): [string, number][] {
  return Object.entries(counts)
    .sort(([keyA, countA], [keyB, countB]) => countB - countA || keyA.localeCompare(keyB))
    .slice(0, limit);
}

/** Status codes in numeric order with their counts. */
export function statusEntries(byStatus: Record<string, number>): [string, number][] {
  return Object.entries(byStatus).sort(([a], [b]) => Number(a) - Number(b) || a.localeCompare(b));
}

export function isServerErrorStatus(status: string | number): boolean {
  const code = Number(status);
  return code >= 500 && code <= 599;
}

export function countedFromPhrase(countedFrom: Diagnosis['failingRequests']['countedFrom']): string {
  switch (countedFrom) {
    case 'access-log':
      return 'counted from the access log';
    case 'execution-log':
      return 'counted from the execution logs';
    case 'metrics':
      return 'counted from the 5XX metric (no log held them)';
    case 'none':
      return 'no source to count them';
  }
}

export function windowSourcePhrase(source: Diagnosis['window']['source']): string {
  switch (source) {
    case 'alarm':
      return 'from the alarm';
    case 'command-line':
      return 'from the command line';
    case 'failures':
      return 'from the failing requests found';
    case 'none':
      return 'no window';
  }
}

export function apiTypePhrase(type: Diagnosis['api']['type']): string {
  return type === 'UNKNOWN' ? 'API type unknown' : `${type} API`;
}

export function orUnknown(value: string | undefined, what: string): string {
  return value === undefined || value.trim() === '' ? `(unknown ${what})` : value;
}
