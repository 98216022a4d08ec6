import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import type { Diagnosis } from '../model/diagnosis.ts';
import type { DiagnosisSummary } from '../workflow/stepPayloads.ts';
import { renderText } from '../render/renderText.ts';
import { severityOf } from './severity.ts';
import { subjectOf } from './snsSubject.ts';
import { trimmedDiagnoses } from './trimDiagnosis.ts';

/** What Publish gets besides the topic. */
export interface SnsDiagnosisMessage {
  Subject: string;
  /** With MessageStructure "json": {"default", "email", "sqs", "lambda", "https", "http"} as a JSON string. */
  Message: string;
  MessageStructure?: 'json';
  MessageAttributes: Record<string, MessageAttributeValue>;
}

export interface SnsMessageOptions {
  /** Where the full diagnosis is (s3://bucket/key), named when the message had to be trimmed. Default: the summary's ref. */
  fullDiagnosisAt?: string;
  /** The size the whole publish must stay under. Default: SNS's 256 KiB less a margin. */
  maxBytes?: number;
  /**
   * The `https` entry instead of the diagnosis JSON: an Amazon Q Developer in chat applications custom notification
   * (it subscribes to the topic over HTTPS and shows only messages in its schema). Sent as given.
   */
  httpsMessage?: unknown;
}

/**
 * SNS's limit: 256 KiB (262,144 bytes) for the message, "message attributes, including name, type, and value,
 * are included in the message size restriction" (SNS API reference, Publish). A margin covers what SNS may count
 * that is not measured here.
 */
export const SNS_MAX_BYTES = 262_144;
const MARGIN_BYTES = 4096;
/** The text body's sizes tried in turn: long enough for any real report, short enough to leave room for the JSON. */
const TEXT_BUDGETS = [48 * 1024, 16 * 1024, 4 * 1024, 1024];
/** E-mail reads best near 80 columns. */
const TEXT_WIDTH = 80;

/**
 * The SNS message for a diagnosis. Subject: "5xx on <api>/<stage>: <cause> (<confidence>%, <n> requests)" in printable
 * ASCII. Message (MessageStructure json): the plain-text report for people (default, email) and the diagnosis JSON for
 * programs (sqs, lambda, https, http). When it would not fit, the report and then the JSON are cut (excerpts and
 * sampled lists first) and say "(trimmed, full diagnosis at <where>)"; it never fails on size.
 * MessageAttributes (String): api, apiId, stage, rootCause, severity (see severityOf), diagnosisId.
 */
export function snsMessageOf(diagnosis: Diagnosis, summary: DiagnosisSummary, options: SnsMessageOptions = {}): SnsDiagnosisMessage {
  const where = options.fullDiagnosisAt ?? summary.ref;
  const maxBytes = (options.maxBytes ?? SNS_MAX_BYTES) - MARGIN_BYTES;
  const Subject = subjectOf(diagnosis);
  const MessageAttributes = attributesOf(diagnosis, summary);
  const https = options.httpsMessage === undefined ? undefined : JSON.stringify(JSON.stringify(options.httpsMessage));
  const fixedBytes = byteLength(Subject) + attributeBytes(MessageAttributes) + (https === undefined ? 0 : byteLength(https));
  const jsonCopies = https === undefined ? 4 : 3;
  const report = `${renderText(diagnosis, { color: false, width: TEXT_WIDTH })}\n${footerOf(summary.diagnosisId, where)}`;
  const notice = `(trimmed, full diagnosis at ${where})`;
  const candidates = trimmedDiagnoses(diagnosis);

  // Each piece is serialised once: the text per budget, the JSON per cut; the message is their concatenation.
  const jsonOf = memo((level: number) => {
    const candidate = candidates[level];
    return JSON.stringify(JSON.stringify(level === 0 ? candidate : { ...candidate, trimmed: notice }));
  });
  for (const textBudget of TEXT_BUDGETS) {
    const text = JSON.stringify(capText(report, textBudget, notice));
    for (let level = 0; level < candidates.length; level += 1) {
      const json = jsonOf(level);
      if (fixedBytes + MESSAGE_OVERHEAD_BYTES + 2 * byteLength(text) + jsonCopies * byteLength(json) > maxBytes) continue;
      return { Subject, Message: messageOf(text, json, https), MessageStructure: 'json', MessageAttributes };
    }
  }
  // Only a diagnosis made of pathological strings gets here: send the notice alone rather than fail.
  const last = JSON.stringify(JSON.stringify({ diagnosisId: summary.diagnosisId, rootCause: summary.rootCause, confidence: summary.confidence, trimmed: notice }));
  return { Subject, Message: messageOf(JSON.stringify(`${Subject}\n${notice}\n`), last, https), MessageStructure: 'json', MessageAttributes };
}

/** {"default", "email", "sqs", "lambda", "https", "http"} from the values, each already a JSON string literal. */
function messageOf(text: string, json: string, https = json): string {
  return `{"default":${text},"email":${text},"sqs":${json},"lambda":${json},"https":${https},"http":${json}}`;
}
const MESSAGE_OVERHEAD_BYTES = messageOf('', '').length;

function memo<T>(compute: (n: number) => T): (n: number) => T {
  const cache = new Map<number, T>();
  return (n) => {
    if (!cache.has(n)) cache.set(n, compute(n));
    return cache.get(n) as T;
  };
}

function footerOf(diagnosisId: string, where: string): string {
  return `--\nDiagnosis ${diagnosisId}\nFull diagnosis (JSON): ${where}\n`;
}

/** The report cut at a line boundary to `budget` bytes, ending with the notice. */
function capText(text: string, budget: number, notice: string): string {
  if (byteLength(text) <= budget) return text;
  const room = budget - byteLength(notice) - 8;
  const kept: string[] = [];
  let used = 0;
  for (const line of text.split('\n')) {
    const size = byteLength(line) + 1;
    if (used + size > room) break;
    kept.push(line);
    used += size;
  }
  return `${kept.join('\n')}\n…\n${notice}\n`;
}

function attributesOf(d: Diagnosis, summary: DiagnosisSummary): Record<string, MessageAttributeValue> {
  // SNS refuses empty attribute values.
  const value = (text: string | undefined): MessageAttributeValue => ({ DataType: 'String', StringValue: text === undefined || text.trim() === '' ? 'unknown' : text.slice(0, 256) });
  return {
    api: value(d.api.name ?? d.api.id),
    apiId: value(d.api.id),
    stage: value(d.api.stage),
    rootCause: value(d.rootCause.id),
    severity: value(severityOf(d)),
    diagnosisId: value(summary.diagnosisId),
  };
}

function attributeBytes(attributes: Record<string, MessageAttributeValue>): number {
  return Object.entries(attributes).reduce((sum, [name, v]) => sum + byteLength(name) + byteLength(v.DataType ?? '') + byteLength(v.StringValue ?? ''), 0);
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
