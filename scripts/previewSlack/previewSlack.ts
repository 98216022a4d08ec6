/**
 * scripts/preview-slack.ts's work: diagnose a bundle, render the incident message and its evidence thread, and
 * write what a person (or Slack's Block Kit Builder) can look at. The only I/O here is reading the bundle, writing
 * OUTDIR and running Chromium; the message itself comes from the pure renderers in shared/slack/message/.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KnownBlock } from '@slack/types';
import type { Diagnosis } from '../../shared/model/diagnosis.ts';
import { BundleEvidenceSource } from '../../shared/bundle/BundleEvidenceSource.ts';
import { diagnoseBundle } from '../../shared/diagnoseBundle.ts';
import { blockKitProblems } from '../../shared/slack/message/blockKitProblems.ts';
import { blockTextLength } from '../../shared/slack/message/blockText.ts';
import { evidenceFile, renderEvidenceThread } from '../../shared/slack/message/renderEvidenceThread.ts';
import { renderSlackMessage } from '../../shared/slack/message/renderSlackMessage.ts';
import { clockUtc, parseTime } from '../../shared/slack/message/timeWords.ts';
import { chartInputs } from '../../shared/slack/message/chartInputs.ts';
import { findChromium } from './findChromium.ts';
import type { PreviewArgs } from './previewArgs.ts';
import { renderMessageHtml } from './renderMessageHtml.ts';
import { screenshot } from './screenshot.ts';

/** The chat.postMessage arguments we send (the subset of @slack/web-api's ChatPostMessageArguments we use). */
export interface ChatPostMessagePayload {
  channel: string;
  text: string;
  blocks: KnownBlock[];
  unfurl_links: false;
}

export interface PreviewResult {
  diagnosis: Diagnosis;
  payload: ChatPostMessagePayload;
  /** Files written, absolute or as OUTDIR joined. */
  files: string[];
  /** Block Kit problems of the payload and the replies (none expected). */
  problems: string[];
  png?: { file: string; bytes: number; width: number; height: number };
  /** Why there is no PNG. */
  pngProblem?: string;
}

export async function previewSlack(args: PreviewArgs, env: Record<string, string | undefined> = process.env): Promise<PreviewResult> {
  const diagnosis = await diagnoseBundle(args.evidence);
  const context = await (await BundleEvidenceSource.open(args.evidence)).readContext();
  const chart = chartInputs(context, diagnosis);
  const diagnosisId = args.diagnosisId ?? `preview-${diagnosis.api.id}-${diagnosis.api.stage}`.replace(/[^A-Za-z0-9_-]+/g, '-');
  const message = renderSlackMessage(diagnosis, {
    diagnosisId,
    ...(chart.metricSeries ? { metricSeries: chart.metricSeries } : {}),
    deployments: chart.deployments,
    evidenceLocation: args.evidence,
    ...(args.chartImageUrl ? { chartImageUrl: args.chartImageUrl } : {}),
  });
  const payload: ChatPostMessagePayload = { channel: args.channel, text: message.text, blocks: message.blocks, unfurl_links: false };
  const replies = renderEvidenceThread(diagnosis);
  const file = evidenceFile(diagnosis);
  const problems = [
    ...blockKitProblems(payload),
    ...replies.flatMap((reply, i) => blockKitProblems(reply).map((problem) => `reply ${i + 1}: ${problem}`)),
  ];

  await mkdir(args.out, { recursive: true });
  const postedAt = postedTime(diagnosis);
  const title = `${diagnosis.api.name ?? diagnosis.api.id} ${diagnosis.api.stage}: ${diagnosis.rootCause.title}`;
  const files: Record<string, string> = {
    'message.json': `${JSON.stringify(payload, null, 2)}\n`,
    'message.html': renderMessageHtml(payload, { title, postedAt, replies }),
    'thread.json': `${JSON.stringify(replies.map((reply) => ({ channel: args.channel, thread_ts: '<ts of the message>', ...reply, unfurl_links: false })), null, 2)}\n`,
    'thread.html': renderMessageHtml(payload, { title: `${title} (thread)`, postedAt, replies, showReplies: true }),
    [file.filename]: file.content,
  };
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const path = join(args.out, name);
    await writeFile(path, content, 'utf8');
    written.push(path);
  }

  const result: PreviewResult = { diagnosis, payload, files: written, problems };
  const chromium = findChromium(env);
  const pngFile = join(args.out, 'message.png');
  if (chromium === undefined) {
    await rm(pngFile, { force: true });
    result.pngProblem =
      'headless Chromium was not found (looked for $CHROMIUM, then chromium, chromium-browser, google-chrome on PATH): wrote message.json and message.html only. Install it with `apt-get install -y chromium` for message.png.';
    return result;
  }
  // The window must be taller than the page (the blank rest is cut); when the page reached the bottom, go taller.
  let height = estimatedHeight(payload.blocks);
  for (let attempt = 0; attempt < 3; attempt++) {
    const shot = await screenshot({ chromium, htmlFile: join(args.out, 'message.html'), pngFile, height });
    if (!shot.ok) {
      result.pngProblem = shot.problem;
      return result;
    }
    result.png = { file: pngFile, bytes: shot.bytes, width: shot.width, height: shot.height };
    if (!shot.reachedBottom || height >= 16_000) break;
    height *= 2;
  }
  written.push(pngFile);
  return result;
}

/** A generous guess of the page's height in pixels at 900 px wide. */
export function estimatedHeight(blocks: readonly KnownBlock[]): number {
  const lines = blocks.reduce((sum, block) => {
    const json = JSON.stringify(block);
    return sum + 1 + (json.match(/\\n/g) ?? []).length + Math.ceil(blockTextLength(block) / 90);
  }, 0);
  return Math.min(16_000, 400 + lines * 24);
}

function postedTime(d: Diagnosis): string {
  const time = parseTime(d.alarm?.time) ?? parseTime(d.window.end);
  return time === undefined ? '' : clockUtc(time, false);
}
