import type { Diagnosis } from '../model/diagnosis.ts';
import { ROOT_CAUSE_TITLES } from '../model/rootCauses.ts';

/**
 * SNS takes a Subject (the e-mail subject line) only "with no line breaks or control characters, and less than 100
 * characters long" (SNS API reference, Publish: Subject), and e-mail subscriptions turn non-ASCII subjects into
 * "Error - contains non printable ASCII characters" (Amazon Managed Service for Prometheus user guide, "Understanding
 * Amazon SNS message validation rules"). So: printable ASCII, at most 99 characters.
 */
export const MAX_SUBJECT_LENGTH = 99;

/** "5xx on orders-api/prod: Lambda function timed out (93%, 412 requests)". */
export function subjectOf(d: Diagnosis): string {
  const api = printableAscii(d.api.name ?? '') || printableAscii(d.api.id) || 'unknown API';
  const stage = printableAscii(d.api.stage) || '?';
  const cause = printableAscii(d.rootCause.title) || ROOT_CAUSE_TITLES[d.rootCause.id] || d.rootCause.id;
  const count = Number.isFinite(d.failingRequests.total) ? Math.max(0, Math.round(d.failingRequests.total)) : 0;
  const requests = `${count.toLocaleString('en-US')} request${count === 1 ? '' : 's'}`;
  const confidence = d.rootCause.id === 'insufficient-evidence' || !Number.isFinite(d.rootCause.confidence) ? '' : `${Math.round(Math.min(1, Math.max(0, d.rootCause.confidence)) * 100)}%, `;
  const tail = ` (${confidence}${requests})`;

  // Cut the cause first (the body says it in full), then the API name; the counts always stay.
  let where = `${api}/${stage}`;
  let title = cause;
  const room = () => MAX_SUBJECT_LENGTH - `5xx on ${where}: `.length - tail.length;
  if (title.length > room()) title = cut(title, Math.max(16, room()));
  if (title.length > room()) where = cut(where, Math.max(12, where.length - (title.length - room())));
  return cut(`5xx on ${where}: ${title}${tail}`, MAX_SUBJECT_LENGTH);
}

const REPLACEMENTS: Array<[RegExp, string]> = [
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/[\u2018\u2019\u201a\u201b\u2032]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033]/g, '"'],
  [/\u2026/g, '...'],
  [/[\u00d7\u2715]/g, 'x'],
  [/[\u00b7\u2022]/g, '-'],
  [/\u2265/g, '>='],
  [/\u2264/g, '<='],
  [/\u2192/g, '->'],
];

/** Text reduced to printable ASCII on one line: accents dropped, common typography spelled in ASCII, the rest "?". */
export function printableAscii(text: string): string {
  let out = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  for (const [pattern, replacement] of REPLACEMENTS) out = out.replace(pattern, replacement);
  return out
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/[^\x20-\x7e]/gu, '?')
    .replace(/\s+/g, ' ')
    .trim();
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 3)).trimEnd()}...`;
}
