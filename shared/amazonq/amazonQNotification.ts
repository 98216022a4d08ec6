import type { Diagnosis, Finding } from '../model/diagnosis.ts';
import { ROOT_CAUSE_TITLES } from '../model/rootCauses.ts';
import { redact } from '../redact/redact.ts';
import { confidenceLabel, formatCount, statusEntries, topEntries } from '../render/reportValues.ts';
import { severityOf } from '../notify/severity.ts';
import { AMAZON_Q_CAPS, AMAZON_Q_LIMITS, type AmazonQNotification } from './amazonQNotificationSchema.ts';

/**
 * A diagnosis as an Amazon Q Developer in chat applications (formerly AWS Chatbot) custom notification, for teams that
 * route SNS to Slack or Microsoft Teams through it: no Slack app needed. Schema and limits:
 * https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html (see amazonQNotificationSchema.ts).
 *
 * - title: "🚨 5xx on orders-api/prod: Lambda function timed out"; description: what happened in one sentence, the
 *   failing requests (count, statuses, routes, onset), the confidence, a second cause, suspect changes, two evidence
 *   excerpts in code blocks (redacted again: idempotent), the console links and the diagnosis id — Slack-style
 *   markdown as the documentation's own sample uses (`*bold*`, `<url|label>`), cut to fit, never failing on size.
 * - nextSteps: the remediation of the root cause; keywords: API, stage, root cause, severity.
 * - metadata.threadId: one per API and stage incident ("apigw-doctor-<apiId>-<stage>[-<incident start>]"), so that
 *   the diagnoses of one incident thread together; summary for the thread's top message; eventType
 *   "ApiGateway5xxDiagnosis" (custom action buttons can be attached to it); additionalContext for custom action
 *   variables (apiId, stage, rootCause, diagnosisId…: printable ASCII).
 *
 * SNS delivers it to Amazon Q over HTTPS: with MessageStructure "json" this JSON must be the "https" (or "default")
 * entry, since Amazon Q drops a message that is not a custom notification (public code does this; not re-checked).
 */
export interface AmazonQNotificationOptions {
  diagnosisId: string;
  /** ISO time the incident started (the alarm's transition): makes the threadId one incident's, not the API's forever. */
  incidentStart?: string;
  /** Overrides the threadId altogether. */
  threadId?: string;
}

export const AMAZON_Q_EVENT_TYPE = 'ApiGateway5xxDiagnosis';
const EXCERPTS = 2;
const EXCERPT_CHARS = 400;

export function amazonQNotificationOf(d: Diagnosis, options: AmazonQNotificationOptions): AmazonQNotification {
  const api = d.api.name ?? d.api.id;
  const where = `${api}/${d.api.stage}`;
  const insufficient = d.rootCause.id === 'insufficient-evidence';
  const cause = d.rootCause.title || ROOT_CAUSE_TITLES[d.rootCause.id] || d.rootCause.id;
  const top = d.findings.find((f) => f.id === d.rootCause.id) ?? d.findings[0];
  const severity = severityOf(d);

  const title = cut(`${insufficient ? ':grey_question:' : ':rotating_light:'} 5xx on ${where}: ${cause}`, AMAZON_Q_LIMITS.title);
  const remediation = (insufficient ? d.rootCause.remediation : top?.remediation) ?? top?.remediation ?? [];
  const nextSteps = remediation.slice(0, AMAZON_Q_CAPS.nextSteps).map((step) => cut(redact(step), AMAZON_Q_LIMITS.nextStep)).filter((s) => s !== '');
  const keywords = unique([api, d.api.stage, d.rootCause.id, severity])
    .slice(0, AMAZON_Q_CAPS.keywords)
    .map((k) => cut(k, AMAZON_Q_LIMITS.keyword));

  return {
    version: '1.0',
    source: 'custom',
    id: options.diagnosisId,
    content: {
      textType: 'client-markdown',
      title,
      description: descriptionOf(d, top, options.diagnosisId),
      ...(nextSteps.length === 0 ? {} : { nextSteps }),
      keywords,
    },
    metadata: {
      threadId: options.threadId ?? threadIdOf(d.api.id, d.api.stage, options.incidentStart),
      summary: cut(`5xx on ${where}: ${cause} (${requests(d.failingRequests.total)})`, AMAZON_Q_CAPS.summary),
      eventType: AMAZON_Q_EVENT_TYPE,
      relatedResources: relatedResourcesOf(d),
      additionalContext: contextOf(d, options.diagnosisId, severity),
      enableCustomActions: true,
    },
  };
}

/** "apigw-doctor-rgkwmpkz6q-prod-20260310T1356Z": one thread per API, stage and incident. */
export function threadIdOf(apiId: string, stage: string, incidentStart?: string): string {
  const start = incidentStart === undefined || Number.isNaN(Date.parse(incidentStart)) ? '' : `-${new Date(Date.parse(incidentStart)).toISOString().slice(0, 16).replace(/[-:]/g, '')}Z`;
  return cut(`apigw-doctor-${asciiId(apiId)}-${asciiId(stage)}${start}`, AMAZON_Q_CAPS.threadId);
}

function descriptionOf(d: Diagnosis, top: Finding | undefined, diagnosisId: string): string {
  const f = d.failingRequests;
  const statuses = statusEntries(f.byStatus).map(([s, n]) => `${s} ×${formatCount(n)}`).join(', ');
  const routes = topEntries(f.byRoute, 3).map(([r, n]) => `${r} (${formatCount(n)})`).join(', ');
  const onset = f.onset === undefined ? '' : ` since ${hm(f.onset)}${f.last === undefined ? '' : `, last ${hm(f.last)}`}`;

  const head: string[] = [redact(d.rootCause.summary)];
  head.push(`*Failing requests:* ${formatCount(f.total)}${statuses === '' ? '' : ` (${statuses})`}${routes === '' ? '' : ` on ${routes}`}${onset}`);
  head.push(d.rootCause.id === 'insufficient-evidence' ? '*Confidence:* not established: the evidence that would decide it is missing' : `*Confidence:* ${confidenceLabel(d.rootCause.confidence)}`);
  for (const other of d.findings.filter((x) => x !== top).slice(0, 2)) head.push(`*Also:* ${other.title} on ${requests(other.requestCount)}: ${redact(other.summary)}`);
  for (const change of d.suspectChanges.slice(0, 2)) head.push(`*Suspect change:* ${hm(change.time)} ${redact(change.what)} (${redact(change.who)})`);
  if (d.findings.length === 0 && d.gaps.length > 0) head.push(`*Missing:* ${redact(d.gaps.slice(0, 2).join(' '))}`);

  const excerpts = (top?.evidence ?? [])
    .filter((e) => e.excerpt.trim() !== '')
    .slice(0, EXCERPTS)
    .map((e) => `\`\`\`${cut(redact(e.excerpt).replace(/`{3,}/g, "'''").trim(), EXCERPT_CHARS)}\`\`\``);
  const links = (top?.links ?? []).slice(0, 3).map((l) => `<${l.url}|${l.label.replace(/[<>|]/g, '')}>`);
  const foot = `Diagnosis ${diagnosisId} · window ${windowText(d.window.start, d.window.end)}`;

  // Drop what fits least first: links (long URLs), then excerpts, then the extra lines; the summary always stays.
  const attempts = [
    [...head, ...(excerpts.length > 0 ? ['*Evidence:*', ...excerpts] : []), ...(links.length > 0 ? [links.join(' · ')] : []), foot],
    [...head, ...(excerpts.length > 0 ? ['*Evidence:*', ...excerpts] : []), foot],
    [...head, foot],
    [head[0] ?? '', foot],
  ];
  for (const lines of attempts) {
    const text = lines.join('\n');
    if (text.length <= AMAZON_Q_LIMITS.description) return text;
  }
  return cut(head[0] ?? foot, AMAZON_Q_LIMITS.description);
}

function relatedResourcesOf(d: Diagnosis): string[] {
  const functions = unique(d.findings.flatMap((f) => f.functions));
  return unique([d.api.id, ...functions]).slice(0, AMAZON_Q_CAPS.relatedResources);
}

/** Custom action variables: printable ASCII without spaces, so every value here is an id, a code or a number. */
function contextOf(d: Diagnosis, diagnosisId: string, severity: string): Record<string, string> {
  const out: Record<string, string> = {
    apiId: asciiId(d.api.id),
    stage: asciiId(d.api.stage),
    rootCause: d.rootCause.id,
    confidence: Number.isFinite(d.rootCause.confidence) ? d.rootCause.confidence.toFixed(2) : 'unknown',
    failingRequests: String(Number.isFinite(d.failingRequests.total) ? Math.round(d.failingRequests.total) : 0),
    severity,
    diagnosisId: asciiId(diagnosisId),
  };
  if (d.failingRequests.onset !== undefined) out['onset'] = asciiId(d.failingRequests.onset);
  if (d.api.name !== undefined) out['apiName'] = asciiId(d.api.name);
  return out;
}

function asciiId(value: string): string {
  const clean = value.replace(/[^\x21-\x7e]/g, '-').slice(0, AMAZON_Q_LIMITS.contextValue);
  return clean === '' ? '-' : clean;
}

function hm(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "2026-03-10 13:39–14:01 UTC" within a day, both times in full otherwise. */
function windowText(start: string, end: string): string {
  const a = hm(start);
  const b = hm(end);
  return a.slice(0, 10) === b.slice(0, 10) && a.endsWith(' UTC') ? `${a.slice(0, -4)}–${b.slice(11)}` : `${a}–${b}`;
}

function requests(n: number): string {
  return `${formatCount(n)} request${n === 1 ? '' : 's'}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v.trim() !== ''))];
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
