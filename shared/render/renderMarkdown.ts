/** The report as Markdown, to paste into a ticket: the same content as the text report. Pure. */
import type { Diagnosis, EvidenceItem, Finding } from '../model/diagnosis.ts';
import { ROOT_CAUSE_TITLES } from '../model/rootCauses.ts';
import {
  apiTypePhrase,
  confidenceCaveat,
  confidenceLabel,
  countedFromPhrase,
  formatBytes,
  formatCount,
  formatDuration,
  orUnknown,
  plural,
  relativeToOnset,
  statusEntries,
  timeBetween,
  topEntries,
  windowSourcePhrase,
} from './reportValues.ts';
import { ellipsize, oneLine, trimExcerpt } from './textLayout.ts';

/** Evidence items shown per finding; the JSON output keeps them all. */
const EVIDENCE_SHOWN = 4;
/** Lines per excerpt; ticket readers can scroll, but a whole stack trace drowns the point. */
const EXCERPT_LINES = 12;
/** Characters per excerpt line before it is split; code blocks scroll, so only runaway lines are split. */
const EXCERPT_LINE_WIDTH = 1000;
const TOP_ROUTES = 10;
const SAMPLED_IDS_SHOWN = 5;

export function renderMarkdown(d: Diagnosis): string {
  const blocks: string[] = [headline(d), overview(d), findingsSection(d), suspectChangesSection(d)];
  if (d.gaps.length > 0) blocks.push(gapsSection(d.gaps));
  if (d.unmatched.length > 0) blocks.push(unmatchedSection(d.unmatched));
  blocks.push(footer(d));
  return `${blocks.join('\n\n')}\n`;
}

function headline(d: Diagnosis): string {
  const title = oneLine(d.rootCause.title) || ROOT_CAUSE_TITLES[d.rootCause.id];
  const name = d.api.name !== undefined && d.api.name.trim() !== '' ? ` (${text(d.api.name)})` : '';
  const caveat = confidenceCaveat(d.rootCause.confidence, d.rootCause.id === 'insufficient-evidence');
  return [
    `## ${text(title)} (${code(d.rootCause.id)})`,
    '',
    `**API** ${code(orUnknown(d.api.id, 'id'))}${name} · **stage** ${code(orUnknown(d.api.stage, 'stage'))} · ${apiTypePhrase(d.api.type)}  `,
    `**Confidence:** ${confidenceLabel(d.rootCause.confidence)}${caveat === '' ? '' : ` — ${text(caveat)}`}`,
    '',
    paragraph(d.rootCause.summary),
  ].join('\n');
}

function overview(d: Diagnosis): string {
  const failing = d.failingRequests;
  const facts: string[] = [
    failing.total > 0
      ? `- **Total:** ${formatCount(failing.total)}, ${countedFromPhrase(failing.countedFrom)}`
      : `- **Total:** none found (${countedFromPhrase(failing.countedFrom)})`,
  ];
  if (failing.onset !== undefined) facts.push(`- **Onset:** ${text(failing.onset)}`);
  if (failing.last !== undefined) {
    const span = timeBetween(failing.onset, failing.last);
    facts.push(`- **Last:** ${text(failing.last)}${span === undefined ? '' : ` (${formatDuration(span)} after onset)`}`);
  }
  const statuses = statusEntries(failing.byStatus);
  if (statuses.length > 0) facts.push(`- **Status codes:** ${statuses.map(([status, count]) => `${text(status)} × ${formatCount(count)}`).join(', ')}`);
  const routes = topEntries(failing.byRoute, TOP_ROUTES);
  if (routes.length > 0) {
    const more = Object.keys(failing.byRoute).length - routes.length;
    facts.push(`- **Top routes:** ${routes.map(([route, count]) => `${code(route)} × ${formatCount(count)}`).join(', ')}${more > 0 ? `, +${more} more` : ''}`);
  }
  if (failing.sampled.length > 0) {
    const more = failing.sampled.length - SAMPLED_IDS_SHOWN;
    facts.push(`- **Sampled request ids:** ${failing.sampled.slice(0, SAMPLED_IDS_SHOWN).map(code).join(', ')}${more > 0 ? ` (+${more} more)` : ''}`);
  }
  if (d.window.source !== 'none') facts.push(`- **Window:** ${text(d.window.start)} to ${text(d.window.end)} (${windowSourcePhrase(d.window.source)})`);
  if (d.alarm !== undefined) {
    const details = [d.alarm.state, d.alarm.time === undefined ? undefined : `at ${d.alarm.time}`, d.alarm.metric === undefined ? undefined : `on ${d.alarm.metric}`]
      .filter((part): part is string => part !== undefined && part !== '')
      .join(' ');
    facts.push(`- **Alarm:** ${code(d.alarm.name)}${details === '' ? '' : ` (${text(details)})`}`);
  }
  return ['### Failing requests', '', ...facts].join('\n');
}

function findingsSection(d: Diagnosis): string {
  if (d.findings.length === 0) return '### Findings\n\nNo finding stood up; the gaps below say what is missing.';
  const rows = d.findings.map((finding, i): string[] => [
    String(i + 1),
    `${text(finding.title || ROOT_CAUSE_TITLES[finding.id])} (${code(finding.id)})`,
    formatCount(finding.requestCount),
    confidenceLabel(finding.confidence),
    finding.routes.map(code).join(', '),
    finding.functions.map(code).join(', '),
  ]);
  const details = d.findings.map((finding, i) => findingBlock(finding, i + 1));
  return [`### Findings (${d.findings.length})`, '', table(['#', 'Cause', 'Requests', 'Confidence', 'Routes', 'Functions'], rows), '', details.join('\n\n')].join('\n');
}

function findingBlock(finding: Finding, number: number): string {
  const lines = [`#### ${number}. ${text(finding.title || ROOT_CAUSE_TITLES[finding.id])} (${code(finding.id)})`, ''];
  lines.push(`${plural(finding.requestCount, 'failing request')} · confidence ${confidenceLabel(finding.confidence)}`, '');
  if (finding.summary.trim() !== '') lines.push(paragraph(finding.summary), '');
  const facts: string[] = [];
  if (finding.routes.length > 0) facts.push(`- **Routes:** ${finding.routes.map(code).join(', ')}`);
  if (finding.functions.length > 0) facts.push(`- **Functions:** ${finding.functions.map(code).join(', ')}`);
  if (finding.statusCodes.length > 0) facts.push(`- **Status codes:** ${[...finding.statusCodes].sort((a, b) => a - b).join(', ')}`);
  if (finding.firstSeen !== undefined || finding.lastSeen !== undefined) {
    const span = timeBetween(finding.firstSeen, finding.lastSeen);
    facts.push(`- **Seen:** ${text(finding.firstSeen ?? '?')} to ${text(finding.lastSeen ?? '?')}${span === undefined ? '' : ` (${formatDuration(span)})`}`);
  }
  const alternatives = finding.alternatives ?? [];
  if (alternatives.length > 0) {
    facts.push(`- **Alternatives:** ${alternatives.map((alt) => `${code(alt.id)} (${text(ROOT_CAUSE_TITLES[alt.id])}) ${confidenceLabel(alt.confidence)}`).join('; ')}`);
  }
  if (facts.length > 0) lines.push(...facts, '');

  const shown = finding.evidence.slice(0, EVIDENCE_SHOWN);
  const hidden = finding.evidence.length - shown.length;
  lines.push(hidden > 0 ? `**Evidence** (${shown.length} of ${finding.evidence.length}; the JSON output has them all)` : '**Evidence**', '');
  if (shown.length === 0) lines.push('None recorded.', '');
  for (const item of shown) lines.push(...evidenceBlock(item), '');

  if (finding.remediation.length > 0) {
    lines.push('**What to do**', '', ...finding.remediation.map((step, i) => `${i + 1}. ${text(step)}`), '');
  }
  if (finding.links && finding.links.length > 0) {
    lines.push(finding.links.map((link) => `[${text(link.label)}](${link.url.replace(/\)/g, '%29')})`).join(' · '), '');
  }
  return lines.join('\n').trimEnd();
}

function evidenceBlock(item: EvidenceItem): string[] {
  const meta = [
    item.timestamp === undefined ? undefined : text(item.timestamp),
    item.requestId === undefined ? undefined : `request ${code(item.requestId)}`,
    item.functionName === undefined ? undefined : `function ${code(item.functionName)}`,
    item.lambdaRequestId === undefined ? undefined : `lambda request ${code(item.lambdaRequestId)}`,
    item.traceId === undefined ? undefined : `trace ${code(item.traceId)}`,
    item.extendedRequestId === undefined ? undefined : `extended ${code(item.extendedRequestId)}`,
    item.file === undefined ? (item.logGroup === undefined ? undefined : `log group ${code(item.logGroup)}`) : `file ${code(item.file)}`,
  ].filter((part): part is string => part !== undefined);
  const excerpt = trimExcerpt(item.excerpt, EXCERPT_LINES, EXCERPT_LINE_WIDTH);
  const body = [...excerpt.head, ...(excerpt.omitted > 0 ? [`… ${plural(excerpt.omitted, 'more line')} …`] : []), ...excerpt.tail];
  const fence = fenceFor(body.join('\n'));
  return [`- ${code(item.source)} · ${meta.join(' · ')}`, '', indent(`${fence}text`), ...body.map((line) => indent(line)), indent(fence)];
}

function suspectChangesSection(d: Diagnosis): string {
  if (d.suspectChanges.length === 0) return '### Suspect changes\n\nNone found before the failures.';
  const rows = d.suspectChanges.map((change): string[] => {
    const relative = relativeToOnset(change.time, d.failingRequests.onset);
    return [
      text(change.time) + (relative === undefined ? '' : ` (${relative})`),
      text(change.what) + (change.resource === undefined || change.what.includes(change.resource) ? '' : ` (${code(change.resource)})`),
      change.who.trim() === '' ? '—' : code(change.who),
      change.source,
    ];
  });
  return [`### Suspect changes (${d.suspectChanges.length})`, '', table(['Time', 'What', 'Who', 'Source'], rows)].join('\n');
}

function gapsSection(gaps: string[]): string {
  return ['### Gaps', '', 'Missing, unreadable or set aside:', '', ...gaps.map((gap) => `- ${text(gap)}`)].join('\n');
}

function unmatchedSection(unmatched: Diagnosis['unmatched']): string {
  const rows = unmatched.map((entry): string[] => [
    text(entry.kind),
    formatCount(entry.count),
    entry.example === undefined || entry.example.trim() === '' ? '' : code(ellipsize(oneLine(entry.example), 200)),
  ]);
  return ['### Unmatched evidence', '', 'Read, but not tied to a failing request:', '', table(['Kind', 'Count', 'Example'], rows)].join('\n');
}

function footer(d: Diagnosis): string {
  const { filesRead, filesSkipped, eventsRead, bytesRead } = d.stats;
  const skipped = filesSkipped > 0 ? ` (${formatCount(filesSkipped)} skipped)` : '';
  return `---\n_apigw-doctor read ${plural(filesRead, 'file')}${skipped}, ${plural(eventsRead, 'event')}, ${formatBytes(bytesRead)} · diagnosis schema v${d.schemaVersion}_`;
}

/** A GFM table; every cell escaped so a pipe or newline in log content cannot break the row. */
function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

function cell(value: string): string {
  return value.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

// CommonMark punctuation that could start emphasis, links, html, headings or lists inside running text.
const MARKDOWN_SPECIAL = /[\\`*_[\]<>#]/g;

/** Log-derived running text, on one line, with Markdown's active characters escaped. */
function text(value: string): string {
  return oneLine(value).replace(MARKDOWN_SPECIAL, (ch) => `\\${ch}`);
}

/** Running text that starts a block: a leading "1." "-" "+" or "=" would turn it into a list or heading. */
function paragraph(value: string): string {
  return text(value).replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([-+=])/, '\\$1');
}

/** An inline code span that survives backticks in its content. */
function code(value: string): string {
  const content = oneLine(value);
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longestRun + 1);
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${content}${pad}${ticks}`;
}

/** A fence longer than any backtick run in the block, so an excerpt cannot close it early. */
function fenceFor(body: string): string {
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longestRun + 1));
}

function indent(line: string): string {
  return `  ${line}`;
}
