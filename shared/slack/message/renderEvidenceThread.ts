/**
 * The full evidence of a diagnosis, for the thread under the incident message (the channel sees the decisive
 * excerpts only): every sampled request of each finding with its log lines and trace ids, as thread replies that
 * each fit Slack's limits, and as a text file for an upload. Excerpts are redacted again on the way out.
 */
import type { KnownBlock } from '@slack/types';
import type { Diagnosis, EvidenceItem, Finding } from '../../model/diagnosis.ts';
import { ROOT_CAUSE_TITLES } from '../../model/rootCauses.ts';
import { redact } from '../../redact/redact.ts';
import { confidenceLabel, formatCount, plural, statusEntries, topEntries } from '../../render/reportValues.ts';
import { oneLine, sanitize } from '../../render/textLayout.ts';
import { blockTextLength } from './blockText.ts';
import { contextBlock, dividerBlock, mrkdwnSection } from './blocks.ts';
import { changeLine } from './changeWords.ts';
import { consoleLinkMrkdwn } from './deepLinks.ts';
import { SOURCE_LABELS } from './evidenceExcerpt.ts';
import { codeBlock, ellipsizeText, escapeMrkdwn, inlineCode, plainMrkdwn } from './mrkdwn.ts';
import type { SlackMessage } from './renderSlackMessage.ts';
import { stepMrkdwn } from './remediationStep.ts';
import { SLACK_LIMITS } from './slackLimits.ts';
import { plainSummary, referenceTime } from './whatHappened.ts';

export interface EvidenceThreadOptions {
  /** Replies at most (Slack posts ~1 message/s per channel); past it the last reply points to the evidence file. */
  maxReplies?: number;
}

/** A reply's budget, below Slack's so the "left out" note always fits. */
const REPLY_BLOCKS = SLACK_LIMITS.blocksPerMessage - 5;
const REPLY_TEXT = SLACK_LIMITS.blockTextTotal - 1_000;
/** Escaped characters per code block: a section holds 3,000 with its label line. */
const CHUNK_CHARS = 2_600;
/** Raw characters per line before it is split (a minified JSON line). */
const LINE_CHARS = 400;

export function renderEvidenceThread(diagnosis: Diagnosis, options: EvidenceThreadOptions = {}): SlackMessage[] {
  const d = diagnosis;
  const sections = threadSections(d);
  const replies: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  for (const block of sections) {
    const tooMany = current.length + 1 > REPLY_BLOCKS;
    const tooLong = blockTextLength(current) + blockTextLength(block) > REPLY_TEXT;
    if (current.length > 0 && (tooMany || tooLong)) {
      replies.push(current);
      current = [];
    }
    // A divider never opens a reply.
    if (current.length === 0 && block.type === 'divider') continue;
    current.push(block);
  }
  if (current.length > 0) replies.push(current);

  const maxReplies = Math.max(1, Math.floor(options.maxReplies ?? 20));
  const kept = replies.slice(0, maxReplies);
  const left = replies.length - kept.length;
  if (left > 0) {
    const last = kept[kept.length - 1];
    last?.push(contextBlock([`_${plural(left, 'more part')} left out of the thread: the evidence file (${inlineCode(evidenceFileName(d))}) has everything._`]));
  }
  const about = `${oneLine(d.api.name ?? '') || oneLine(d.api.id) || 'API'} ${oneLine(d.api.stage)}`;
  return kept.map((blocks, i) => ({
    text: ellipsizeText(escapeMrkdwn(`Evidence for ${about}: ${oneLine(d.rootCause.title)} (part ${i + 1} of ${kept.length})`), SLACK_LIMITS.fallbackText),
    blocks,
  }));
}

function threadSections(d: Diagnosis): KnownBlock[] {
  const reference = referenceTime(d);
  const blocks: KnownBlock[] = [];
  d.findings.forEach((finding, i) => {
    if (i > 0) blocks.push(dividerBlock());
    blocks.push(...findingSections(finding, i, d.findings.length, reference));
  });
  if (d.rootCause.id === 'insufficient-evidence' && (d.rootCause.remediation ?? []).length > 0) {
    blocks.push(mrkdwnSection(['*Turn this on so the next diagnosis can tell*', ...(d.rootCause.remediation ?? []).map((step, i) => `${i + 1}. ${stepMrkdwn(step)}`)].join('\n')));
  }
  if (d.suspectChanges.length > 0) {
    blocks.push(dividerBlock());
    blocks.push(...listSections('*Recent changes*', d.suspectChanges.map((change) => changeLine(change, d.failingRequests.onset, reference))));
  }
  if (d.gaps.length > 0) {
    blocks.push(dividerBlock());
    blocks.push(...listSections('*Missing evidence*', d.gaps.map((gap) => `• ${plainMrkdwn(gap)}`)));
  }
  if (d.unmatched.length > 0) {
    blocks.push(dividerBlock());
    const lines = d.unmatched.map((entry) => {
      const example = entry.example === undefined || entry.example.trim() === '' ? '' : `\n    e.g. ${inlineCode(ellipsizeText(oneLine(redact(entry.example)), 300))}`;
      return `• ${formatCount(entry.count)} × ${plainMrkdwn(ellipsizeText(entry.kind, 400))}${example}`;
    });
    blocks.push(...listSections('*Read but not tied to a failing request*', lines));
  }
  if (blocks.length === 0) blocks.push(mrkdwnSection('_No evidence was kept for this diagnosis: no excerpt, change or gap._'));
  return blocks;
}

function findingSections(finding: Finding, index: number, count: number, reference: number | undefined): KnownBlock[] {
  const title = oneLine(finding.title) || ROOT_CAUSE_TITLES[finding.id] || finding.id;
  const head = [
    `*Cause ${index + 1} of ${count}: ${plainMrkdwn(title)}* · ${plural(finding.requestCount, 'request')} · confidence ${confidenceLabel(finding.confidence)}`,
  ];
  const summary = plainSummary(finding.summary, reference);
  if (summary !== '') head.push(escapeMrkdwn(summary));
  const links = (finding.links ?? []).map(consoleLinkMrkdwn).filter((link): link is string => link !== undefined);
  if (links.length > 0) head.push(links.join('  ·  '));
  const blocks: KnownBlock[] = [mrkdwnSection(head.join('\n'))];
  if (finding.remediation.length > 0) {
    blocks.push(...listSections('*What to do*', finding.remediation.map((step, i) => `${i + 1}. ${stepMrkdwn(step)}`)));
  }
  for (const group of groupByRequest(finding.evidence)) blocks.push(...requestSections(group));
  const withExcerpt = new Set(finding.evidence.map((item) => item.requestId).filter((id): id is string => id !== undefined));
  const without = finding.sampledRequestIds.filter((id) => !withExcerpt.has(id));
  if (without.length > 0) blocks.push(...listSections(`*Sampled, no excerpt kept* (${without.length})`, [without.map((id) => inlineCode(id)).join(', ')]));
  return blocks;
}

interface RequestGroup {
  requestId?: string;
  items: EvidenceItem[];
}

function groupByRequest(items: readonly EvidenceItem[]): RequestGroup[] {
  const groups = new Map<string, RequestGroup>();
  const loose: EvidenceItem[] = [];
  for (const item of items) {
    if (item.requestId === undefined || item.requestId.trim() === '') {
      loose.push(item);
      continue;
    }
    const group = groups.get(item.requestId) ?? { requestId: item.requestId, items: [] };
    group.items.push(item);
    groups.set(item.requestId, group);
  }
  return [...groups.values(), ...(loose.length > 0 ? [{ items: loose }] : [])];
}

function requestSections(group: RequestGroup): KnownBlock[] {
  const ids = (pick: (item: EvidenceItem) => string | undefined): string[] => [...new Set(group.items.map(pick).filter((v): v is string => v !== undefined && v !== ''))];
  const parts = [group.requestId === undefined ? '*Not tied to one request*' : `*Request* ${inlineCode(group.requestId)}`];
  for (const trace of ids((item) => item.traceId)) parts.push(`trace ${inlineCode(trace)}`);
  for (const lambda of ids((item) => item.lambdaRequestId)) parts.push(`Lambda request ${inlineCode(lambda)}`);
  for (const extended of ids((item) => item.extendedRequestId)) parts.push(`extended ${inlineCode(extended)}`);
  const blocks: KnownBlock[] = [];
  let heading: string | undefined = parts.join(' · ');
  for (const item of group.items) {
    const label = itemLabel(item);
    codeChunks(redact(item.excerpt)).forEach((chunk, i) => {
      const lines = [heading, i === 0 ? label : `${label} _(continued)_`, codeBlock(chunk)].filter((line): line is string => line !== undefined);
      blocks.push(mrkdwnSection(lines.join('\n')));
      heading = undefined;
    });
  }
  if (heading !== undefined) blocks.push(mrkdwnSection(heading));
  return blocks;
}

function itemLabel(item: EvidenceItem): string {
  const parts = [SOURCE_LABELS[item.source] ?? 'Evidence'];
  if (item.timestamp) parts.push(oneLine(item.timestamp));
  if (item.functionName) parts.push(oneLine(item.functionName));
  if (item.file) parts.push(oneLine(item.file));
  else if (item.logGroup) parts.push(oneLine(item.logGroup));
  return `_${plainMrkdwn(ellipsizeText(parts.join(' · '), 400)).replace(/_/g, 'ˍ')}_`;
}

/** The excerpt in pieces that each fit a section once escaped; long lines are split, nothing is dropped. */
function codeChunks(excerpt: string): string[] {
  const lines = sanitize(excerpt)
    .replace(/^\n+|\n+$/g, '')
    .split('\n')
    .flatMap((line) => splitEvery(line, LINE_CHARS));
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    const cost = escapeMrkdwn(line).length + 1;
    if (current.length > 0 && size + cost > CHUNK_CHARS) {
      chunks.push(current.join('\n'));
      current = [];
      size = 0;
    }
    current.push(line);
    size += cost;
  }
  if (current.length > 0) chunks.push(current.join('\n'));
  return chunks.length > 0 ? chunks : [''];
}

function splitEvery(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const parts: string[] = [];
  for (let i = 0; i < line.length; i += width) parts.push(line.slice(i, i + width));
  return parts;
}

/** A titled list over as many sections as it needs. */
function listSections(title: string, lines: readonly string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = [title];
  let size = title.length;
  for (const raw of lines) {
    const line = ellipsizeText(raw, CHUNK_CHARS);
    if (current.length > 0 && size + line.length + 1 > CHUNK_CHARS) {
      blocks.push(mrkdwnSection(current.join('\n')));
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.length > 0) blocks.push(mrkdwnSection(current.join('\n')));
  return blocks;
}

export interface EvidenceFile {
  filename: string;
  content: string;
}

/** Everything the diagnosis kept, as plain text for a file upload (Slack's files.uploadV2), redacted. */
export function evidenceFile(diagnosis: Diagnosis): EvidenceFile {
  const d = diagnosis;
  const out: string[] = [];
  const failing = d.failingRequests;
  out.push(`apigw-doctor evidence: ${line(d.api.name ?? '')} (${line(d.api.id)}) stage ${line(d.api.stage)}, ${d.api.type} API`);
  out.push(`Root cause: ${line(d.rootCause.title)} (${d.rootCause.id}), confidence ${confidenceLabel(d.rootCause.confidence)}`);
  out.push(`Summary: ${line(redact(d.rootCause.summary))}`);
  out.push(`Window: ${line(d.window.start)} to ${line(d.window.end)} (${d.window.source})`);
  out.push(`Failing requests: ${formatCount(failing.total)} (counted from ${failing.countedFrom})${failing.onset ? `, onset ${line(failing.onset)}` : ''}${failing.last ? `, last ${line(failing.last)}` : ''}`);
  const statuses = statusEntries(failing.byStatus);
  if (statuses.length > 0) out.push(`By status: ${statuses.map(([status, count]) => `${line(status)} × ${formatCount(count)}`).join(', ')}`);
  const routes = topEntries(failing.byRoute, Number.MAX_SAFE_INTEGER);
  if (routes.length > 0) out.push(`By route: ${routes.map(([route, count]) => `${line(route)} × ${formatCount(count)}`).join(', ')}`);
  if (d.alarm) out.push(`Alarm: ${line(d.alarm.name)}${d.alarm.state ? ` ${line(d.alarm.state)}` : ''}${d.alarm.time ? ` at ${line(d.alarm.time)}` : ''}`);
  for (const step of d.rootCause.remediation ?? []) out.push(`  - ${line(redact(step))}`);

  d.findings.forEach((finding, i) => {
    out.push('', `== Cause ${i + 1} of ${d.findings.length}: ${line(finding.title)} (${finding.id}), ${plural(finding.requestCount, 'request')}, confidence ${confidenceLabel(finding.confidence)}`);
    out.push(line(redact(finding.summary)));
    if (finding.routes.length > 0) out.push(`Routes: ${finding.routes.map(line).join(', ')}`);
    if (finding.functions.length > 0) out.push(`Functions: ${finding.functions.map(line).join(', ')}`);
    if (finding.statusCodes.length > 0) out.push(`Status codes: ${finding.statusCodes.join(', ')}`);
    if (finding.remediation.length > 0) out.push('What to do:', ...finding.remediation.map((step, n) => `  ${n + 1}. ${line(redact(step))}`));
    for (const link of finding.links ?? []) out.push(`${line(link.label)}: ${line(link.url)}`);
    for (const group of groupByRequest(finding.evidence)) {
      const traces = [...new Set(group.items.map((item) => item.traceId).filter((v): v is string => Boolean(v)))];
      const lambdas = [...new Set(group.items.map((item) => item.lambdaRequestId).filter((v): v is string => Boolean(v)))];
      const ids = [...traces.map((t) => `trace ${line(t)}`), ...lambdas.map((l) => `Lambda request ${line(l)}`)];
      out.push('', group.requestId === undefined ? '-- Not tied to one request' : `-- Request ${line(group.requestId)}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`);
      for (const item of group.items) {
        const where = [item.timestamp, item.functionName, item.file ?? item.logGroup].filter((v): v is string => Boolean(v)).map(line);
        out.push(`[${item.source}] ${where.join(' ')}`);
        out.push(...sanitize(redact(item.excerpt)).replace(/\n+$/, '').split('\n').map((text) => `    ${text}`));
      }
    }
    const withExcerpt = new Set(finding.evidence.map((item) => item.requestId));
    const without = finding.sampledRequestIds.filter((id) => !withExcerpt.has(id));
    if (without.length > 0) out.push('', `Sampled, no excerpt kept: ${without.map(line).join(', ')}`);
  });
  if (d.suspectChanges.length > 0) {
    out.push('', '== Recent changes');
    for (const change of d.suspectChanges) out.push(`  ${line(change.time)}  ${line(change.what)}  by ${line(change.who) || '?'} (${change.source})`);
  }
  if (d.gaps.length > 0) out.push('', '== Missing evidence', ...d.gaps.map((gap) => `  - ${line(gap)}`));
  if (d.unmatched.length > 0) {
    out.push('', '== Read but not tied to a failing request');
    for (const entry of d.unmatched) out.push(`  ${formatCount(entry.count)} × ${line(entry.kind)}${entry.example ? `\n      e.g. ${line(redact(entry.example))}` : ''}`);
  }
  return { filename: evidenceFileName(d), content: `${out.join('\n')}\n` };
}

/** "apigw-doctor-rgkwmpkz6q-prod-20260310T135253Z.txt" */
export function evidenceFileName(d: Diagnosis): string {
  const safe = (value: string): string => value.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 40) || 'x';
  const time = d.failingRequests.onset ?? d.window.end;
  const ms = Date.parse(time);
  const stamp = Number.isNaN(ms) ? 'unknown-time' : new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `apigw-doctor-${safe(d.api.id)}-${safe(d.api.stage)}-${stamp}.txt`;
}

function line(value: string): string {
  return oneLine(value);
}
