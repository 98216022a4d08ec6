/** The terminal report: what an on-call engineer reads first, at 3 a.m. Pure: Diagnosis in, text out. */
import type { Diagnosis, EvidenceItem, Finding, SuspectChange } from '../model/diagnosis.ts';
import { ROOT_CAUSE_TITLES } from '../model/rootCauses.ts';
import {
  apiTypePhrase,
  confidenceCaveat,
  confidenceLabel,
  confidenceLevel,
  countedFromPhrase,
  formatBytes,
  formatCount,
  formatDuration,
  isServerErrorStatus,
  orUnknown,
  plural,
  relativeToOnset,
  statusEntries,
  timeBetween,
  topEntries,
  windowSourcePhrase,
} from './reportValues.ts';
import { ellipsize, oneLine, trimExcerpt, wrap, wrapIndented } from './textLayout.ts';

export interface TextRenderOptions {
  /** ANSI colour (bold headline, red 5xx, yellow gaps, dim metadata); never codes when false. */
  color: boolean;
  /** Terminal columns; 100 when unknown. */
  width?: number;
}

const DEFAULT_WIDTH = 100;
const LABEL_WIDTH = 12;
/** Evidence items shown per finding; the JSON output keeps them all. */
const EVIDENCE_SHOWN = 4;
/** Display lines per excerpt. */
const EXCERPT_LINES = 6;
const TOP_ROUTES = 5;
const SAMPLED_IDS_SHOWN = 3;

interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const ANSI: Style = {
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
  red: (t) => `\u001b[31m${t}\u001b[39m`,
  yellow: (t) => `\u001b[33m${t}\u001b[39m`,
};

const PLAIN: Style = { bold: (t) => t, dim: (t) => t, red: (t) => t, yellow: (t) => t };

/** A piece of a line whose width is that of its plain text, whatever codes the styled text carries. */
interface Piece {
  plain: string;
  styled: string;
}

export function renderText(d: Diagnosis, opts: TextRenderOptions): string {
  const width = Math.min(200, Math.max(40, Math.floor(opts.width ?? DEFAULT_WIDTH)));
  const style = opts.color ? ANSI : PLAIN;
  const lines: string[] = [
    ...headline(d, style, width),
    '',
    ...overview(d, style, width),
    '',
    ...findingsSection(d, style, width),
    '',
    ...suspectChangesSection(d.suspectChanges, d.failingRequests.onset, style, width),
  ];
  if (d.gaps.length > 0) lines.push('', ...gapsSection(d.gaps, style, width));
  if (d.unmatched.length > 0) lines.push('', ...unmatchedSection(d.unmatched, style, width));
  lines.push('', ...footer(d, style, width));
  return `${lines.join('\n')}\n`;
}

function headline(d: Diagnosis, style: Style, width: number): string[] {
  const title = oneLine(d.rootCause.title) || ROOT_CAUSE_TITLES[d.rootCause.id];
  const name = d.api.name !== undefined && d.api.name.trim() !== '' ? ` (${oneLine(d.api.name)})` : '';
  const where = `API ${oneLine(orUnknown(d.api.id, 'id'))}${name} · stage ${oneLine(orUnknown(d.api.stage, 'stage'))} · ${apiTypePhrase(d.api.type)}`;
  return [
    ...wrap(`${title}  [${d.rootCause.id}]`, width).map((line) => style.bold(line)),
    ...wrap(where, width),
    '',
    ...wrapIndented(d.rootCause.summary, width, ''),
  ];
}

function overview(d: Diagnosis, style: Style, width: number): string[] {
  const failing = d.failingRequests;
  const lines: string[] = [];
  const caveat = confidenceCaveat(d.rootCause.confidence, d.rootCause.id === 'insufficient-evidence');
  const confidence = confidenceLabel(d.rootCause.confidence) + (caveat === '' ? '' : ` — ${caveat}`);
  const level = confidenceLevel(d.rootCause.confidence);
  lines.push(...field('Confidence', confidence, width, level === 'low' || level === 'unknown' ? style.yellow : undefined));

  if (failing.total > 0) {
    lines.push(...field('Failing', `${plural(failing.total, 'request')}, ${countedFromPhrase(failing.countedFrom)}`, width));
  } else {
    lines.push(...field('Failing', `no failing request found (${countedFromPhrase(failing.countedFrom)})`, width));
  }
  if (failing.onset !== undefined) lines.push(...field('Onset', failing.onset, width));
  if (failing.last !== undefined) {
    const span = timeBetween(failing.onset, failing.last);
    lines.push(...field('Last', failing.last + (span === undefined ? '' : ` (${formatDuration(span)} after onset)`), width));
  }
  const statuses = statusEntries(failing.byStatus);
  if (statuses.length > 0) lines.push(...pieceField('Status', statuses.map(([code, count]) => statusPiece(code, count, style)), width));
  const routes = topEntries(failing.byRoute, TOP_ROUTES);
  if (routes.length > 0) {
    const more = Object.keys(failing.byRoute).length - routes.length;
    const pieces = routes.map(([route, count]) => plainPiece(`${oneLine(route)} ×${formatCount(count)}`));
    if (more > 0) pieces.push(plainPiece(`+${more} more`));
    lines.push(...pieceField('Top routes', pieces, width));
  }
  if (failing.sampled.length > 0) {
    const shown = failing.sampled.slice(0, SAMPLED_IDS_SHOWN).map(oneLine).join(', ');
    const more = failing.sampled.length - SAMPLED_IDS_SHOWN;
    lines.push(...field('Sampled', shown + (more > 0 ? ` (+${more} more)` : ''), width, style.dim));
  }
  if (d.window.source !== 'none') {
    lines.push(...field('Window', `${d.window.start} to ${d.window.end} (${windowSourcePhrase(d.window.source)})`, width, style.dim));
  }
  if (d.alarm !== undefined) {
    const details = [d.alarm.state, d.alarm.time === undefined ? undefined : `at ${d.alarm.time}`, d.alarm.metric === undefined ? undefined : `on ${d.alarm.metric}`]
      .filter((part): part is string => part !== undefined && part !== '')
      .join(' ');
    lines.push(...field('Alarm', oneLine(d.alarm.name) + (details === '' ? '' : ` (${oneLine(details)})`), width, style.dim));
  }
  return lines;
}

function findingsSection(d: Diagnosis, style: Style, width: number): string[] {
  if (d.findings.length === 0) {
    return [style.bold('FINDINGS'), ...wrapIndented('No finding stood up; the gaps below say what is missing.', width, '  ')];
  }
  const lines = [style.bold(`FINDINGS (${d.findings.length})`)];
  d.findings.forEach((finding, index) => {
    lines.push('', ...findingBlock(finding, index + 1, d.failingRequests.total, style, width));
  });
  return lines;
}

function findingBlock(finding: Finding, number: number, totalFailing: number, style: Style, width: number): string[] {
  const indent = '   ';
  const title = oneLine(finding.title) || ROOT_CAUSE_TITLES[finding.id];
  const lines = wrapIndented(`${title}  [${finding.id}]`, width, `${number}. `, indent).map((line) => style.bold(line));
  const requests =
    totalFailing >= finding.requestCount && totalFailing > 0
      ? `${formatCount(finding.requestCount)} of ${plural(totalFailing, 'failing request')}`
      : plural(finding.requestCount, 'request');
  lines.push(...wrapIndented(`${requests} · confidence ${confidenceLabel(finding.confidence)}`, width, indent));
  if (finding.summary.trim() !== '') lines.push(...wrapIndented(finding.summary, width, indent));

  if (finding.routes.length > 0) lines.push(...field('Routes', finding.routes.map(oneLine).join(', '), width, undefined, indent));
  if (finding.functions.length > 0) lines.push(...field('Functions', finding.functions.map(oneLine).join(', '), width, undefined, indent));
  if (finding.statusCodes.length > 0) {
    const codes = [...finding.statusCodes].sort((a, b) => a - b).map((code) => statusPiece(String(code), undefined, style));
    lines.push(...pieceField('Status', codes, width, indent));
  }
  if (finding.firstSeen !== undefined || finding.lastSeen !== undefined) {
    const span = timeBetween(finding.firstSeen, finding.lastSeen);
    const seen = `${finding.firstSeen ?? '?'} to ${finding.lastSeen ?? '?'}` + (span === undefined ? '' : ` (${formatDuration(span)})`);
    lines.push(...field('Seen', seen, width, style.dim, indent));
  }

  const shown = finding.evidence.slice(0, EVIDENCE_SHOWN);
  if (shown.length === 0) {
    lines.push(...field('Evidence', 'none recorded', width, undefined, indent));
  } else {
    const hidden = finding.evidence.length - shown.length;
    lines.push(...wrapIndented(hidden > 0 ? `Evidence (${shown.length} of ${finding.evidence.length}; the JSON output has them all)` : 'Evidence', width, indent));
    for (const item of shown) lines.push(...evidenceBlock(item, style, width, `${indent}  `));
  }

  const alternatives = finding.alternatives ?? [];
  if (alternatives.length > 0) {
    const text = alternatives.map((alt) => `${alt.id} (${ROOT_CAUSE_TITLES[alt.id]}) ${confidenceLabel(alt.confidence)}`).join('; ');
    lines.push(...field('Alternatives', text, width, undefined, indent));
  }
  if (finding.remediation.length > 0) {
    lines.push(`${indent}What to do`);
    finding.remediation.forEach((step, i) => lines.push(...wrapIndented(step, width, `${indent}  ${i + 1}. `)));
  }
  // Links are printed whole (not wrapped) so that terminals can open them.
  for (const link of finding.links ?? []) lines.push(`${indent}${link.label}: ${link.url}`);
  return lines;
}

function evidenceBlock(item: EvidenceItem, style: Style, width: number, indent: string): string[] {
  const meta = [
    item.timestamp,
    item.requestId === undefined ? undefined : `request ${item.requestId}`,
    item.functionName === undefined ? undefined : `function ${item.functionName}`,
    item.lambdaRequestId === undefined ? undefined : `lambda request ${item.lambdaRequestId}`,
    item.traceId === undefined ? undefined : `trace ${item.traceId}`,
    item.extendedRequestId === undefined ? undefined : `extended ${item.extendedRequestId}`,
    item.file === undefined ? (item.logGroup === undefined ? undefined : `log group ${item.logGroup}`) : `file ${item.file}`,
  ]
    .filter((part): part is string => part !== undefined && part !== '')
    .map(oneLine);
  const source = `[${item.source}]`;
  const header = wrapIndented([source, ...meta].join(' · '), width, indent, `${indent}  `);
  const lines = header.map((line, i) => (i === 0 ? `${indent}${source}${style.dim(line.slice(indent.length + source.length))}` : style.dim(line)));
  const bar = `${indent}  | `;
  const excerpt = trimExcerpt(item.excerpt, EXCERPT_LINES, width - bar.length);
  lines.push(...excerpt.head.map((line) => bar + line));
  if (excerpt.omitted > 0) lines.push(bar + style.dim(`… ${plural(excerpt.omitted, 'more line')} …`));
  lines.push(...excerpt.tail.map((line) => bar + line));
  return lines;
}

function suspectChangesSection(changes: SuspectChange[], onset: string | undefined, style: Style, width: number): string[] {
  if (changes.length === 0) return [style.bold('SUSPECT CHANGES'), '  none found before the failures'];
  const lines = [style.bold(`SUSPECT CHANGES (${changes.length})`)];
  for (const change of changes) {
    const relative = relativeToOnset(change.time, onset);
    const when = `${change.time}${relative === undefined ? '' : ` (${relative})`} · ${change.source}`;
    lines.push(...wrapIndented(when, width, '  ').map((line) => style.dim(line)));
    const who = change.who.trim() === '' ? '' : ` — by ${change.who}`;
    const resource = change.resource === undefined || change.what.includes(change.resource) ? '' : ` (${change.resource})`;
    lines.push(...wrapIndented(`${change.what}${resource}${who}`, width, '    '));
  }
  return lines;
}

function gapsSection(gaps: string[], style: Style, width: number): string[] {
  return [...heading('GAPS (missing, unreadable or set aside)', style, width), ...gaps.flatMap((gap) => wrapIndented(gap, width, '  ! ', '    ').map((line) => style.yellow(line)))];
}

function unmatchedSection(unmatched: Diagnosis['unmatched'], style: Style, width: number): string[] {
  const lines = heading('UNMATCHED (read, but not tied to a failing request)', style, width);
  for (const entry of unmatched) {
    lines.push(...wrapIndented(`${oneLine(entry.kind)}: ${formatCount(entry.count)}`, width, '  '));
    if (entry.example !== undefined && entry.example.trim() !== '') {
      const room = Math.max(10, width - 10);
      const example = oneLine(entry.example);
      lines.push(style.dim(`    e.g. ${example.length > room ? `${example.slice(0, room - 1)}…` : example}`));
    }
  }
  return lines;
}

function footer(d: Diagnosis, style: Style, width: number): string[] {
  const { filesRead, filesSkipped, eventsRead, bytesRead } = d.stats;
  const skipped = filesSkipped > 0 ? ` (${formatCount(filesSkipped)} skipped)` : '';
  const text = `Read ${plural(filesRead, 'file')}${skipped}, ${plural(eventsRead, 'event')}, ${formatBytes(bytesRead)} · diagnosis schema v${d.schemaVersion}`;
  return wrap(text, width).map((line) => style.dim(line));
}

function heading(text: string, style: Style, width: number): string[] {
  return wrap(text, width).map((line) => style.bold(line));
}

/** "Label       value", the value wrapped under itself. */
function field(label: string, value: string, width: number, paint?: (text: string) => string, indent = ''): string[] {
  const prefix = labelPrefix(label, indent);
  const lines = wrapIndented(value, width, prefix);
  if (paint === undefined) return lines;
  return lines.map((line) => line.slice(0, prefix.length) + paint(line.slice(prefix.length)));
}

/** Like field, for values made of styled pieces laid out by the width of their plain text. */
function pieceField(label: string, pieces: Piece[], width: number, indent = ''): string[] {
  const prefix = labelPrefix(label, indent);
  const lines: string[] = [];
  let current = prefix;
  let plainLength = prefix.length;
  const room = Math.max(10, width - prefix.length);
  pieces.forEach((whole, i) => {
    // A piece wider than the line (a very long route) is cut rather than allowed to overflow.
    const piece = whole.plain.length <= room ? whole : { plain: ellipsize(whole.plain, room), styled: ellipsize(whole.plain, room) };
    const separator = i === 0 ? '' : '  ';
    if (i > 0 && plainLength + separator.length + piece.plain.length > width) {
      lines.push(current);
      current = ' '.repeat(prefix.length) + piece.styled;
      plainLength = prefix.length + piece.plain.length;
    } else {
      current += separator + piece.styled;
      plainLength += separator.length + piece.plain.length;
    }
  });
  lines.push(current);
  return lines;
}

function labelPrefix(label: string, indent: string): string {
  return `${indent}${label.padEnd(LABEL_WIDTH - 1)} `;
}

function plainPiece(text: string): Piece {
  return { plain: text, styled: text };
}

function statusPiece(code: string, count: number | undefined, style: Style): Piece {
  const plain = count === undefined ? code : `${code} ×${formatCount(count)}`;
  return { plain, styled: isServerErrorStatus(code) ? style.red(plain) : plain };
}
