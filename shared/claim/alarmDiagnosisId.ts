import { createHash } from 'node:crypto';

const MAX_SLUG = 40;

/**
 * The diagnosis id of an alarm transition: `alarm-<slug of the alarm name, ≤40>-<yyyymmddThhmmss UTC>-<8 hex>`,
 * the hex being the start of sha256("<alarm ARN>\n<transition time, epoch ms>"). The same transition delivered twice
 * gets the same id (what makes the duplicate claim fail); two alarms with one name in two accounts or regions, or two
 * transitions in the same second, get different ones. Lowercase letters, digits, "-" and "T" only, at most 71
 * characters: a valid S3 key segment and Step Functions execution name.
 */
export function alarmDiagnosisId(alarmArn: string, alarmName: string, stateChangeTime: number): string {
  const slug = slugOf(alarmName) || 'unnamed';
  const hash = createHash('sha256').update(`${alarmArn}\n${stateChangeTime}`).digest('hex').slice(0, 8);
  return `alarm-${slug}-${compactUtc(stateChangeTime)}-${hash}`;
}

/** Lowercase ASCII letters and digits joined by single dashes ("Orders API (prod) — 5XX" -> "orders-api-prod-5xx"). */
export function slugOf(text: string, max = MAX_SLUG): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** 2026-03-10T13:56:52.616Z -> 20260310T135652. */
export function compactUtc(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace(/[-:]/g, '');
}
