/**
 * The incident message (Block Kit) for a diagnosis: what broke and since when, what to do, why we think so, what
 * changed, where to look, and the buttons. Pure: a Diagnosis in, the `text` and `blocks` of chat.postMessage out,
 * always within Slack's limits (trimmed by leaving out the least important parts, never by failing).
 */
import type { KnownBlock } from '@slack/types';
import type { Diagnosis, Finding } from '../../model/diagnosis.ts';
import { ROOT_CAUSE_TITLES } from '../../model/rootCauses.ts';
import { confidenceLabel, confidenceLevel, formatCount, formatDuration, plural, statusEntries, timeBetween, topEntries } from '../../render/reportValues.ts';
import { oneLine } from '../../render/textLayout.ts';
import { redact } from '../../redact/redact.ts';
import { ACTION_IDS, muteValue, showEvidenceValue, windowActionValue } from './actionValues.ts';
import { actionsBlock, buttonElement, contextBlock, dividerBlock, fieldsSection, headerBlock, imageBlock, mrkdwnSection } from './blocks.ts';
import { changeLine } from './changeWords.ts';
import { consoleLinkMrkdwn, evidenceLocationMrkdwn } from './deepLinks.ts';
import { decisiveEvidence, evidenceMrkdwn } from './evidenceExcerpt.ts';
import { type BlockGroup, fitBlocks } from './fitBlocks.ts';
import { ellipsizeText, escapeMrkdwn, inlineCode, plainMrkdwn, slackDate } from './mrkdwn.ts';
import { stepMrkdwn } from './remediationStep.ts';
import { SLACK_LIMITS } from './slackLimits.ts';
import { sparklineChart } from './sparkline.ts';
import { clockUtc, dateTimeUtc, parseTime, timeNear } from './timeWords.ts';
import { isInsufficient, plainSummary, referenceTime, whatHappened } from './whatHappened.ts';
import { API_ID_PATTERN } from '../../model/apiId.ts';

export interface SlackMessage {
  /** The notification text (and what clients without Block Kit show). */
  text: string;
  blocks: KnownBlock[];
}

export interface SlackMessageOptions {
  /** Names the diagnosis for the "Show all evidence" button and the footer. Without it that button is left out. */
  diagnosisId?: string;
  /** A hosted chart (CloudWatch GetMetricWidgetImage uploaded, or the user's): shown as an image block. */
  chartImageUrl?: string;
  /** 5xx per minute over the window, for the text sparkline when there is no image. */
  metricSeries?: { time: string; value: number }[];
  /** ISO times of deployments (and other changes) to mark on the chart. */
  deployments?: string[];
  /** Where the evidence or the execution lives (https URL, s3:// location, execution ARN, or a path). */
  evidenceLocation?: string;
}

const FIELD_MAX = 300;
const ROUTES_SHOWN = 3;
const CHANGES_SHOWN = 4;
const STEPS_SHOWN = 6;
const OTHER_CAUSES_SHOWN = 5;
/** Room kept for the footer, which is added after the rest is fitted (it says what was left out). */
const FOOTER_RESERVE = 600;

export function renderSlackMessage(diagnosis: Diagnosis, options: SlackMessageOptions = {}): SlackMessage {
  const d = diagnosis;
  const reference = referenceTime(d);
  const main = d.findings[0];
  const groups: BlockGroup[] = [
    { name: 'header', priority: 0, blocks: [headerBlock(headerText(d))] },
    { name: 'summary', priority: 0, blocks: [mrkdwnSection(whatHappened(d))] },
    { name: 'facts', priority: 1, blocks: [fieldsSection(facts(d, main, reference), FIELD_MAX)] },
    { name: 'gaps', priority: isInsufficient(d) ? 2 : 8, blocks: gapsBlocks(d) },
    { name: 'chart', priority: 5, blocks: chartBlocks(d, options) },
    { name: 'remediation', priority: 2, blocks: remediationBlocks(d, main) },
    ...evidenceGroups(main, reference),
    { name: 'links', priority: 3, blocks: linksBlocks(main, options.evidenceLocation) },
    { name: 'suspect changes', priority: 4, blocks: changesBlocks(d, reference) },
    { name: 'second cause', priority: 5, blocks: secondCauseBlocks(d, reference) },
    { name: 'other causes', priority: 8, blocks: otherCausesBlocks(d) },
  ];
  const pressable = buttons(d, options.diagnosisId);
  // Slack refuses an actions block without elements.
  const actions = pressable.length > 0 ? [actionsBlock(pressable)] : [];
  const fitted = fitBlocks(groups, {
    maxBlocks: SLACK_LIMITS.blocksPerMessage - 2,
    maxText: SLACK_LIMITS.blockTextTotal - FOOTER_RESERVE - JSON.stringify(actions).length,
  });
  const blocks: KnownBlock[] = [...fitted.blocks, contextBlock([footerText(d, options.diagnosisId, fitted.dropped)]), ...actions];
  return { text: fallbackText(d, main), blocks };
}

function apiLabel(d: Diagnosis): string {
  const id = oneLine(d.api.id);
  const name = oneLine(d.api.name ?? '');
  if (name !== '' && id !== '' && name !== id) return `${ellipsizeText(name, 60)} (${ellipsizeText(id, 20)})`;
  return ellipsizeText(name || id || 'unknown API', 60);
}

function stageLabel(d: Diagnosis): string {
  return ellipsizeText(oneLine(d.api.stage) || 'unknown stage', 40);
}

function causeTitle(d: Diagnosis): string {
  return oneLine(d.rootCause.title) || ROOT_CAUSE_TITLES[d.rootCause.id] || 'Unknown cause';
}

/** "🔴 Lambda function timed out · orders-api (rgkwmpkz6q) · prod": the API part is kept whole, the title gives way. */
function headerText(d: Diagnosis): string {
  const where = ` · ${apiLabel(d)} · ${stageLabel(d)}`;
  const what = isInsufficient(d) ? "❔ Couldn't tell why (not enough evidence)" : `🔴 ${causeTitle(d)}`;
  return `${ellipsizeText(what, SLACK_LIMITS.headerText - where.length)}${where}`;
}

function facts(d: Diagnosis, main: Finding | undefined, reference: number | undefined): string[] {
  const failing = d.failingRequests;
  const out: string[] = [];
  const counted = { 'access-log': 'from the access log', 'execution-log': 'from the execution logs', metrics: 'from the 5XX metric', none: 'no source counted them' }[
    failing.countedFrom
  ];
  out.push(`*Failing requests*\n${failing.total > 0 ? formatCount(failing.total) : 'none found'}${counted ? ` _(${counted})_` : ''}`);

  const onset = parseTime(failing.onset);
  if (onset !== undefined) {
    const last = parseTime(failing.last);
    const span = timeBetween(failing.onset, failing.last);
    const lastWords = last !== undefined && span !== undefined && span > 0 ? `, last ${timeNear(last, onset)} (${formatDuration(span)} later)` : '';
    out.push(`*Onset*\n${slackDate(onset, '{date_short_pretty} {time_secs}', dateTimeUtc(onset))}\n${clockUtc(onset)}${lastWords}`);
  }

  const routes = topEntries(failing.byRoute, ROUTES_SHOWN);
  if (routes.length > 0) {
    const more = Object.keys(failing.byRoute).length - routes.length;
    out.push(`*Affected routes*\n${routes.map(([route, count]) => `${inlineCode(ellipsizeText(route, 80))} × ${formatCount(count)}`).join('\n')}${more > 0 ? `\n+${more} more` : ''}`);
  } else if (main && main.routes.length > 0) {
    out.push(`*Affected routes*\n${main.routes.slice(0, ROUTES_SHOWN).map((route) => inlineCode(ellipsizeText(route, 80))).join('\n')}`);
  }

  const statuses = statusEntries(failing.byStatus);
  if (statuses.length > 0) out.push(`*Status codes*\n${statuses.slice(0, 6).map(([status, count]) => `${plainMrkdwn(status)} × ${formatCount(count)}`).join(', ')}`);
  else if (main && main.statusCodes.length > 0) out.push(`*Status codes*\n${main.statusCodes.slice(0, 6).join(', ')}`);

  out.push(`*Confidence*\n${confidenceWords(d)}`);

  const functions = main?.functions ?? [];
  if (functions.length > 0) out.push(`*${functions.length === 1 ? 'Function' : 'Functions'}*\n${functions.slice(0, 3).map((fn) => inlineCode(ellipsizeText(fn, 80))).join(', ')}${functions.length > 3 ? ` +${functions.length - 3}` : ''}`);

  if (d.alarm) out.push(`*Alarm*\n${inlineCode(ellipsizeText(d.alarm.name, 120))}${d.alarm.state ? ` ${plainMrkdwn(ellipsizeText(d.alarm.state, 30))}` : ''}`);

  const start = parseTime(d.window.start);
  const end = parseTime(d.window.end);
  if (start !== undefined && end !== undefined && d.window.source !== 'none') {
    const source = { alarm: 'from the alarm', 'command-line': 'as asked', failures: 'around the failures', none: '' }[d.window.source];
    out.push(`*Window*\n${timeNear(start, reference, false)} → ${timeNear(end, start, false)}${source ? ` _(${source})_` : ''}`);
  }
  return out;
}

function confidenceWords(d: Diagnosis): string {
  if (isInsufficient(d)) return 'None: the evidence that would decide it is missing';
  const level = confidenceLevel(d.rootCause.confidence);
  const label = confidenceLabel(d.rootCause.confidence);
  const capitalised = label.charAt(0).toUpperCase() + label.slice(1);
  return level === 'high' ? capitalised : `${capitalised}: ${level === 'medium' ? 'likely' : 'a lead, not an answer'}`;
}

function chartBlocks(d: Diagnosis, options: SlackMessageOptions): KnownBlock[] {
  const start = parseTime(d.window.start);
  const end = parseTime(d.window.end);
  const where = `${oneLine(d.api.name ?? '') || oneLine(d.api.id)} ${oneLine(d.api.stage)}`;
  const onset = parseTime(d.failingRequests.onset);
  if (options.chartImageUrl !== undefined) {
    const alt = `5xx per minute on ${where}${start !== undefined && end !== undefined ? ` from ${clockUtc(start, false)} to ${clockUtc(end, false)}` : ''}${onset !== undefined ? `; onset ${clockUtc(onset, false)}` : ''}`;
    const image = imageBlock(options.chartImageUrl, alt, '5xx per minute');
    if (image) return [image];
  }
  if (!options.metricSeries || start === undefined || end === undefined) return [];
  const points = options.metricSeries
    .map((point) => ({ time: parseTime(point.time) ?? Number.NaN, value: point.value }))
    .filter((point) => Number.isFinite(point.time) && Number.isFinite(point.value));
  const deployments = (options.deployments ?? []).map((time) => parseTime(time)).filter((time): time is number => time !== undefined);
  const chartInput = { points, start, end, deployments, ...(onset === undefined ? {} : { onset }) };
  const chart = sparklineChart(chartInput);
  if (!chart) return [];
  const per = chart.bucketMinutes === 1 ? 'minute' : `${chart.bucketMinutes} minutes`;
  const head = `*5xx per ${per}* · ${formatCount(chart.total)} in the window · peak ${formatCount(chart.peak.value)} at ${clockUtc(chart.peak.time, false)}`;
  const lines = [chart.line, ...(chart.markers === '' ? [] : [chart.markers]), chart.axis, ...(chart.legend === '' ? [] : [chart.legend])];
  return [mrkdwnSection(`${head}\n\`\`\`\n${lines.join('\n')}\n\`\`\``)];
}

function remediationBlocks(d: Diagnosis, main: Finding | undefined): KnownBlock[] {
  const insufficient = isInsufficient(d);
  const steps = (insufficient ? d.rootCause.remediation : main?.remediation ?? d.rootCause.remediation) ?? [];
  if (steps.length === 0) return [];
  const title = insufficient ? '*Turn this on so the next diagnosis can tell*' : '*What to do*';
  const shown = steps.slice(0, STEPS_SHOWN).map((step, i) => `${i + 1}. ${stepMrkdwn(step)}`);
  const more = steps.length - shown.length;
  return [mrkdwnSection([title, ...shown, ...(more > 0 ? [`_+${more} more in the thread_`] : [])].join('\n'))];
}

function evidenceGroups(main: Finding | undefined, reference: number | undefined): BlockGroup[] {
  if (!main) return [];
  const items = decisiveEvidence(main, 3);
  return items.map((item, i) => ({
    name: `evidence ${i + 1}`,
    priority: [3, 6, 7][i] ?? 7,
    blocks: [
      ...(i === 0 ? [dividerBlock()] : []),
      mrkdwnSection(`${i === 0 ? `*Why we think so*${items.length < main.evidence.length ? ` _(${items.length} of ${plural(main.evidence.length, 'excerpt')}; all in the thread)_` : ''}\n` : ''}${evidenceMrkdwn(item, reference)}`),
    ],
  }));
}

function linksBlocks(main: Finding | undefined, evidenceLocation: string | undefined): KnownBlock[] {
  const links = (main?.links ?? []).map(consoleLinkMrkdwn).filter((link): link is string => link !== undefined);
  const location = evidenceLocation === undefined ? undefined : evidenceLocationMrkdwn(evidenceLocation);
  if (location !== undefined) links.push(location);
  if (links.length === 0) return [];
  return [mrkdwnSection(`*Look closer:* ${links.slice(0, 8).join('  ·  ')}`)];
}

function changesBlocks(d: Diagnosis, reference: number | undefined): KnownBlock[] {
  if (isInsufficient(d) && d.suspectChanges.length === 0) return [];
  if (d.suspectChanges.length === 0) return [contextBlock(['No recent change found (CloudTrail, deployments, function updates) before the failures.'])];
  const shown = d.suspectChanges.slice(0, CHANGES_SHOWN).map((change) => changeLine(change, d.failingRequests.onset, reference));
  const more = d.suspectChanges.length - shown.length;
  return [mrkdwnSection([`*Recent changes*`, ...shown, ...(more > 0 ? [`_+${more} more in the thread_`] : [])].join('\n'))];
}

function secondCauseBlocks(d: Diagnosis, reference: number | undefined): KnownBlock[] {
  const second = d.findings[1];
  if (!second) return [];
  const title = oneLine(second.title) || ROOT_CAUSE_TITLES[second.id] || 'Another cause';
  const routes = second.routes.slice(0, 2).map((route) => inlineCode(ellipsizeText(route, 80)));
  const head = [`*Also: ${plainMrkdwn(ellipsizeText(title, 150))}*`, plural(second.requestCount, 'request'), ...(routes.length > 0 ? [routes.join(', ')] : []), `confidence ${confidenceLabel(second.confidence)}`].join(' · ');
  const lines = [head];
  const summary = plainSummary(second.summary, reference);
  if (summary !== '') lines.push(escapeMrkdwn(summary));
  const step = second.remediation[0];
  if (step !== undefined) lines.push(`*First step:* ${stepMrkdwn(step)}`);
  const links = (second.links ?? []).map(consoleLinkMrkdwn).filter((link): link is string => link !== undefined).slice(0, 3);
  if (links.length > 0) lines.push(links.join('  ·  '));
  return [dividerBlock(), mrkdwnSection(lines.join('\n'))];
}

function otherCausesBlocks(d: Diagnosis): KnownBlock[] {
  const others = d.findings.slice(2);
  if (others.length === 0) return [];
  const shown = others.slice(0, OTHER_CAUSES_SHOWN).map((f) => `${plainMrkdwn(ellipsizeText(oneLine(f.title) || ROOT_CAUSE_TITLES[f.id] || f.id, 100))} (${plural(f.requestCount, 'request')})`);
  const more = others.length - shown.length;
  return [contextBlock([`*Also seen:* ${shown.join(' · ')}${more > 0 ? ` · +${more} more` : ''}`])];
}

function gapsBlocks(d: Diagnosis): KnownBlock[] {
  if (d.gaps.length === 0) return [];
  // When the gaps are the answer (insufficient evidence) they get a list; otherwise a grey footnote.
  const shownCount = isInsufficient(d) ? 5 : 3;
  const shown = d.gaps.slice(0, shownCount).map((gap) => plainMrkdwn(ellipsizeText(oneLine(gap), 300)));
  const more = d.gaps.length - shown.length;
  const moreWords = more > 0 ? ` _+${more} more in the thread_` : '';
  if (isInsufficient(d)) return [mrkdwnSection(['*What was missing*', ...shown.map((gap) => `• ${gap}`)].join('\n') + moreWords)];
  return [contextBlock([`⚠️ *Missing evidence:* ${shown.join(' ')}${moreWords}`])];
}

function footerText(d: Diagnosis, diagnosisId: string | undefined, dropped: readonly string[]): string {
  const parts = ['apigw-doctor'];
  if (diagnosisId !== undefined && oneLine(diagnosisId) !== '') parts.push(`diagnosis ${inlineCode(ellipsizeText(diagnosisId, 100))}`);
  if (d.api.type !== 'UNKNOWN') parts.push(`${d.api.type} API`);
  parts.push('every sampled request is in the thread');
  if (dropped.length > 0) parts.push(`_left out to fit Slack: ${plainMrkdwn(ellipsizeText(dropped.join(', '), 200))}_`);
  return parts.join(' · ');
}

function buttons(d: Diagnosis, diagnosisId: string | undefined): ReturnType<typeof buttonElement>[] {
  const apiId = oneLine(d.api.id);
  const stage = oneLine(d.api.stage);
  const from = parseTime(d.window.start);
  const to = parseTime(d.window.end);
  const where = `${ellipsizeText(oneLine(d.api.name ?? '') || apiId, 40)} ${ellipsizeText(stage, 20)}`;
  // Re-run, widen and mute name the API by id; a diagnosis whose API was never resolved (only the alarm's ApiName is
  // known) cannot offer them: the button handler would refuse the value.
  const byId = API_ID_PATTERN.test(apiId) && stage !== '';
  const list = byId
    ? [
        buttonElement({ text: '🔁 Re-run now', actionId: ACTION_IDS.rerun, value: windowActionValue(apiId, stage, from, to), style: 'primary' }),
        buttonElement({ text: '🔍 Widen window ×4', actionId: ACTION_IDS.widen, value: windowActionValue(apiId, stage, from, to) }),
      ]
    : [];
  if (diagnosisId !== undefined && oneLine(diagnosisId) !== '') {
    list.push(buttonElement({ text: '📄 Show all evidence', actionId: ACTION_IDS.showEvidence, value: showEvidenceValue(oneLine(diagnosisId)) }));
  }
  if (!byId) return list;
  list.push(
    buttonElement({
      text: '🔕 Mute this API for 1 h',
      actionId: ACTION_IDS.mute,
      value: muteValue(apiId, stage),
      confirm: { title: 'Mute for 1 hour?', text: `No new diagnosis will be posted for ${where} for the next hour.`, confirm: 'Mute', deny: 'Cancel' },
    }),
  );
  return list;
}

/** The notification: API, stage, cause, count, onset, confidence and the first step, in plain words. */
function fallbackText(d: Diagnosis, main: Finding | undefined): string {
  const reference = referenceTime(d);
  const insufficient = isInsufficient(d);
  const parts = [insufficient ? `❔ ${apiLabel(d)} ${stageLabel(d)}: couldn't tell why requests fail.` : `🔴 ${apiLabel(d)} ${stageLabel(d)}: ${causeTitle(d)}.`];
  const summary = plainSummary(d.rootCause.summary, reference);
  if (summary !== '') parts.push(summary);
  const failing = d.failingRequests;
  const statuses = statusEntries(failing.byStatus).slice(0, 3).map(([status]) => status).join('/');
  const onset = parseTime(failing.onset);
  // The summary usually says how many and since when already; say it only when it does not.
  if (!summary.includes(formatCount(failing.total))) {
    parts.push(`${plural(failing.total, 'failing request')}${statuses ? ` (${statuses})` : ''}${onset === undefined ? '' : ` since ${timeNear(onset, parseTime(d.window.end))}`}.`);
  } else if (statuses) parts.push(`Status ${statuses}.`);
  if (!insufficient) parts.push(`Confidence ${confidenceLabel(d.rootCause.confidence)}.`);
  const step = (insufficient ? d.rootCause.remediation : main?.remediation ?? d.rootCause.remediation)?.[0];
  if (step !== undefined) parts.push(`${insufficient ? 'Next' : 'First step'}: ${ellipsizeText(oneLine(redact(step)), 500)}`);
  return ellipsizeText(escapeMrkdwn(oneLine(parts.join(' '))), SLACK_LIMITS.fallbackText);
}
