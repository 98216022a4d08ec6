/**
 * Evidence items as the message shows them: which ones decide (one of each kind of source, in the engine's order,
 * logs before context), and each as a labelled, redacted, trimmed code block.
 */
import type { EvidenceItem, EvidenceSourceKind, Finding } from '../../model/diagnosis.ts';
import { redact } from '../../redact/redact.ts';
import { plural } from '../../render/reportValues.ts';
import { trimExcerpt } from '../../render/textLayout.ts';
import { codeBlock, ellipsizeText, inlineCode } from './mrkdwn.ts';
import { parseTime, timeNear } from './timeWords.ts';

export const SOURCE_LABELS: Record<EvidenceSourceKind, string> = {
  'access-log': 'Access log',
  'execution-log': 'Execution log',
  'lambda-log': 'Lambda log',
  xray: 'X-Ray',
  metrics: 'Metric',
  changes: 'Change',
  config: 'Configuration',
  alarm: 'Alarm',
};

const LOG_SOURCES: ReadonlySet<EvidenceSourceKind> = new Set(['execution-log', 'lambda-log', 'xray', 'access-log']);

/**
 * The two or three items that make the case: the engine lists evidence most telling first, so take the first of
 * each source (logs and traces before configuration and metrics), then fill up in order.
 */
export function decisiveEvidence(finding: Finding, max = 3): EvidenceItem[] {
  const usable = finding.evidence.filter((item) => item.excerpt.trim() !== '');
  const picked: EvidenceItem[] = [];
  const sources = new Set<EvidenceSourceKind>();
  const take = (accept: (item: EvidenceItem) => boolean): void => {
    for (const item of usable) {
      if (picked.length >= max) return;
      if (picked.includes(item) || !accept(item)) continue;
      picked.push(item);
      sources.add(item.source);
    }
  };
  take((item) => LOG_SOURCES.has(item.source) && !sources.has(item.source));
  take((item) => !sources.has(item.source));
  take(() => true);
  // Back in the engine's order, so the story reads as it was found.
  return usable.filter((item) => picked.includes(item));
}

export interface ExcerptShape {
  lines: number;
  lineWidth: number;
  maxChars: number;
}

// Slack wraps long lines in code blocks itself, so only runaway lines (minified JSON) are cut.
export const MESSAGE_EXCERPT: ExcerptShape = { lines: 8, lineWidth: 1000, maxChars: 900 };

/** The excerpt redacted (again: it left the engine redacted, this is defence in depth) and trimmed. */
export function excerptText(excerpt: string, shape: ExcerptShape): string {
  const trimmed = trimExcerpt(redact(excerpt), shape.lines, shape.lineWidth);
  const body = [...trimmed.head, ...(trimmed.omitted > 0 ? [`… ${plural(trimmed.omitted, 'more line')} …`] : []), ...trimmed.tail].join('\n');
  return ellipsizeText(body, shape.maxChars);
}

/** "*Lambda log* · `orders-fn` · 13:52:59 UTC · request `0894a994-…`" */
export function evidenceLabel(item: EvidenceItem, referenceMs: number | undefined): string {
  const parts = [`*${SOURCE_LABELS[item.source] ?? 'Evidence'}*`];
  if (item.functionName) parts.push(inlineCode(ellipsizeText(item.functionName, 80)));
  const time = parseTime(item.timestamp);
  if (time !== undefined) parts.push(timeNear(time, referenceMs));
  if (item.requestId) parts.push(`request ${inlineCode(ellipsizeText(item.requestId, 60))}`);
  return parts.join(' · ');
}

export function evidenceMrkdwn(item: EvidenceItem, referenceMs: number | undefined, shape: ExcerptShape = MESSAGE_EXCERPT): string {
  return `${evidenceLabel(item, referenceMs)}\n${codeBlock(excerptText(item.excerpt, shape))}`;
}
