import type { KnownBlock, SectionBlock } from '@slack/types';
import { asArray, asNumber, asRecord, asString } from '../context/json.ts';
import { redact } from '../redact/redact.ts';
import type { ResponseUrlMessage } from './responsePoster.ts';
import { escapeMrkdwn, utcRange } from './slackText.ts';

/**
 * "Show all evidence": an ephemeral reply listing every evidence excerpt of a diagnosis, finding by finding, from
 * its diagnosis.json. Compact on purpose (one line of context and the excerpt per item) and within Slack's limits:
 * at most 50 blocks, 3,000 characters a section, and about 12,000 characters of block text in all
 * (`msg_blocks_too_long` was observed at ~13.2k; slackapi/bolt-js#2509). What does not fit is counted, and the
 * reply says where the whole document is. Excerpts are redacted again here: they leave the account.
 */

export const MAX_BLOCKS = 50;
export const MAX_SECTION_CHARS = 3000;
export const MAX_TOTAL_CHARS = 12_000;
export const MAX_EXCERPT_CHARS = 600;

export interface EvidenceReplyOptions {
  diagnosisId: string;
  /** Where the full document is (s3://bucket/key), for the "more" line. */
  location?: string;
  /** Extra redaction patterns (configuration). */
  extraPatterns?: readonly RegExp[];
}

interface Item {
  source: string;
  timestamp?: string;
  requestId?: string;
  functionName?: string;
  excerpt: string;
}

/** The reply for a diagnosis document (unknown JSON: read leniently, never throws). */
export function evidenceReply(diagnosis: unknown, options: EvidenceReplyOptions): ResponseUrlMessage {
  const doc = asRecord(diagnosis) ?? {};
  const api = asRecord(doc['api']);
  const window = asRecord(doc['window']);
  const rootCause = asRecord(doc['rootCause']);
  const failing = asRecord(doc['failingRequests']);
  const findings = (asArray(doc['findings']) ?? []).map(asRecord).filter((f): f is Record<string, unknown> => f !== undefined);
  const clean = (text: string): string => redact(text, options.extraPatterns ?? []);

  const where = [asString(api?.['name']) ?? asString(api?.['id']), asString(api?.['stage'])].filter(Boolean).join('/');
  const start = Date.parse(asString(window?.['start']) ?? '');
  const end = Date.parse(asString(window?.['end']) ?? '');
  const span = Number.isFinite(start) && Number.isFinite(end) ? ` · ${utcRange(start, end)}` : '';
  const cause = asString(rootCause?.['title']);
  const confidence = asNumber(rootCause?.['confidence']);
  const total = asNumber(failing?.['total']);
  const header = [
    `*Evidence of diagnosis \`${escapeMrkdwn(options.diagnosisId)}\`*${where ? ` · ${escapeMrkdwn(where)}` : ''}${span}`,
    cause ? `Root cause: *${escapeMrkdwn(cause)}*${confidence !== undefined ? ` (${Math.round(confidence * 100)}% confidence)` : ''}${total !== undefined ? ` · ${total} failing request${total === 1 ? '' : 's'}` : ''}` : '',
  ]
    .filter(Boolean)
    .join('\n');

  // Lines in order (each finding's title, then its items), packed greedily into sections until the budget ends.
  const lines: { text: string; item: boolean }[] = [];
  let itemCount = 0;
  findings.forEach((finding, index) => {
    const items = readItems(finding['evidence']);
    itemCount += items.length;
    const requests = asNumber(finding['requestCount']);
    const functions = (asArray(finding['functions']) ?? []).map(asString).filter(Boolean).join(', ');
    const title = `*${index + 1}. ${escapeMrkdwn(asString(finding['title']) ?? asString(finding['id']) ?? 'Finding')}*${requests !== undefined ? ` — ${requests} request${requests === 1 ? '' : 's'}` : ''}${functions ? ` · ${escapeMrkdwn(functions)}` : ''}`;
    lines.push({ text: title, item: false });
    for (const item of items) lines.push({ text: renderItem(item, clean), item: true });
  });

  const budget = new BlockBudget();
  budget.add(header);
  let shown = 0;
  let pending: { text: string; items: number } | undefined;
  let full = false;
  for (const line of lines) {
    if (!full && pending !== undefined && pending.text.length + 1 + line.text.length <= MAX_SECTION_CHARS && budget.fits(`${pending.text}\n${line.text}`)) {
      pending = { text: `${pending.text}\n${line.text}`, items: pending.items + (line.item ? 1 : 0) };
      continue;
    }
    if (!full && pending !== undefined) {
      budget.add(pending.text);
      shown += pending.items;
      pending = undefined;
    }
    if (!full && budget.fits(line.text)) pending = { text: line.text, items: line.item ? 1 : 0 };
    else full = true;
  }
  if (pending !== undefined && budget.add(pending.text)) shown += pending.items;
  const omitted = itemCount - shown;

  const gaps = (asArray(doc['gaps']) ?? []).map(asString).filter((g): g is string => g !== undefined);
  const notes: string[] = [];
  if (itemCount === 0) notes.push(findings.length === 0 ? 'This diagnosis has no findings, so no evidence excerpts.' : 'Its findings carry no evidence excerpts.');
  if (itemCount === 0) {
    const summary = asString(rootCause?.['summary']);
    const remediation = (asArray(rootCause?.['remediation']) ?? []).map(asString).filter((r): r is string => r !== undefined);
    if (summary !== undefined) notes.push(escapeMrkdwn(clean(summary)));
    if (gaps.length > 0) notes.push(`What was missing: ${gaps.slice(0, 5).map((g) => escapeMrkdwn(clean(g))).join('; ')}.`);
    if (remediation.length > 0) notes.push(`To decide next time: ${remediation.slice(0, 3).map((r) => escapeMrkdwn(clean(r))).join(' ')}`);
  }
  if (omitted > 0) notes.push(`…and ${omitted} more evidence item${omitted === 1 ? '' : 's'} that do not fit in a Slack message.`);
  if (options.location !== undefined && (omitted > 0 || itemCount === 0)) notes.push(`The whole diagnosis: \`${escapeMrkdwn(options.location)}\``);
  const sampled = (asArray(failing?.['sampled']) ?? []).length;
  if (sampled > 0 && total !== undefined) notes.push(`Evidence comes from ${sampled} sampled request${sampled === 1 ? '' : 's'} of ${total}.`);
  if (notes.length > 0) budget.addLast({ type: 'context', elements: [{ type: 'mrkdwn', text: cut(notes.join(' '), MAX_SECTION_CHARS) }] });

  return {
    response_type: 'ephemeral',
    replace_original: false,
    text: `Evidence of diagnosis ${options.diagnosisId}: ${shown} of ${itemCount} excerpt${itemCount === 1 ? '' : 's'}${cause ? ` (${cause})` : ''}`,
    blocks: budget.blocks,
  };
}

/** The reply when the diagnosis cannot be read. */
export function evidenceUnavailableReply(diagnosisId: string, reason: string): ResponseUrlMessage {
  return { response_type: 'ephemeral', replace_original: false, text: `The evidence of diagnosis \`${escapeMrkdwn(diagnosisId)}\` cannot be shown: ${reason}` };
}

function readItems(value: unknown): Item[] {
  const items: Item[] = [];
  for (const entry of asArray(value) ?? []) {
    const record = asRecord(entry);
    const excerpt = asString(record?.['excerpt']);
    if (record === undefined || excerpt === undefined) continue;
    const item: Item = { source: asString(record['source']) ?? 'evidence', excerpt };
    const timestamp = asString(record['timestamp']);
    const requestId = asString(record['requestId']);
    const functionName = asString(record['functionName']);
    if (timestamp !== undefined) item.timestamp = timestamp;
    if (requestId !== undefined) item.requestId = requestId;
    if (functionName !== undefined) item.functionName = functionName;
    items.push(item);
  }
  return items;
}

/** "• `lambda-log` 13:30:50Z · request 079ac1e2… · report-fn" and the excerpt in a code block. */
function renderItem(item: Item, clean: (text: string) => string): string {
  const time = /T(\d{2}:\d{2}:\d{2})/.exec(item.timestamp ?? '')?.[1];
  const context = [
    `\`${escapeMrkdwn(item.source)}\``,
    time ? `${time}Z` : undefined,
    item.requestId ? `request \`${escapeMrkdwn(item.requestId)}\`` : undefined,
    item.functionName ? escapeMrkdwn(item.functionName) : undefined,
  ].filter(Boolean);
  // Three backticks in the excerpt would end the code block early.
  const excerpt = escapeMrkdwn(cut(clean(item.excerpt).replace(/```/g, 'ˋˋˋ'), MAX_EXCERPT_CHARS));
  return `• ${context.join(' · ')}\n\`\`\`${excerpt}\`\`\``;
}

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text, MAX_SECTION_CHARS) } };
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Sections within the block count and total text limits; room is kept for the closing note. */
class BlockBudget {
  readonly blocks: KnownBlock[] = [];
  private chars = 0;
  private static readonly NOTE_RESERVE = 600;

  /** Whether a section of `text` would still fit. */
  fits(text: string): boolean {
    return this.blocks.length < MAX_BLOCKS - 1 && this.chars + Math.min(text.length, MAX_SECTION_CHARS) <= MAX_TOTAL_CHARS - BlockBudget.NOTE_RESERVE;
  }

  add(text: string): boolean {
    if (!this.fits(text)) return false;
    const block = section(text);
    this.blocks.push(block);
    this.chars += block.text?.text.length ?? 0;
    return true;
  }

  addLast(block: KnownBlock): void {
    if (this.blocks.length < MAX_BLOCKS) this.blocks.push(block);
  }
}
