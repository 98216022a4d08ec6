import { describe, expect, expectTypeOf, it } from 'vitest';
import type { KnownBlock, SectionBlock } from '@slack/types';
import type { Diagnosis } from '../../model/diagnosis.ts';
import { ACTION_IDS } from './actionValues.ts';
import { readChatAction } from '../../chatops/interactions.ts';
import { blockKitProblems } from './blockKitProblems.ts';
import { goldenDiagnosis, goldenNames } from './goldenDiagnoses.ts';
import { renderSlackMessage, type SlackMessage } from './renderSlackMessage.ts';
import { API_ID_PATTERN } from '../../model/apiId.ts';

/** Every mrkdwn/plain text of the blocks, in order, one string. */
function allText(blocks: readonly KnownBlock[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.type === 'header') out.push(block.text.text);
    if (block.type === 'section') {
      if (block.text) out.push(block.text.text);
      for (const field of block.fields ?? []) out.push(field.text);
    }
    if (block.type === 'context') for (const element of block.elements) if ('text' in element) out.push(element.text);
    if (block.type === 'image') out.push(block.alt_text);
  }
  return out.join('\n');
}

function header(message: SlackMessage): string {
  const first = message.blocks[0];
  return first?.type === 'header' ? first.text.text : '';
}

function buttons(message: SlackMessage): { action_id?: string; value?: string }[] {
  const actions = message.blocks.find((block) => block.type === 'actions');
  return actions?.type === 'actions' ? actions.elements.map((e) => ({ ...('action_id' in e ? { action_id: e.action_id } : {}), ...('value' in e && typeof e.value === 'string' ? { value: e.value } : {}) })) : [];
}

function sections(message: SlackMessage): SectionBlock[] {
  return message.blocks.filter((block): block is SectionBlock => block.type === 'section');
}

describe('renderSlackMessage on the golden diagnoses', () => {
  it.each(goldenNames())('%s: within every limit, with the root cause in the header and the buttons its API allows', (name) => {
    const d = goldenDiagnosis(name);
    const message = renderSlackMessage(d, { diagnosisId: `diag-${name}` });
    expect(blockKitProblems(message)).toEqual([]);
    if (d.rootCause.id === 'insufficient-evidence') expect(header(message)).toContain("Couldn't tell why");
    else expect(header(message)).toContain(d.rootCause.title);
    expect(header(message)).toContain(d.api.stage);
    // Re-run, widen and mute need the API's id; a hand-saved bundle without the API's documents only knows its name.
    const byId = API_ID_PATTERN.test(d.api.id);
    expect(buttons(message).map((b) => b.action_id)).toEqual(byId ? ['rerun', 'widen', 'show_evidence', 'mute'] : ['show_evidence']);
    expect(message.text).toContain(d.api.stage);
    expect(allText(message.blocks)).toContain(d.failingRequests.total.toLocaleString('en-US'));
  });

  it('rest-lambda-timeout: what happened, how many, since when, what to do, where to look', () => {
    const d = goldenDiagnosis('rest-lambda-timeout');
    const message = renderSlackMessage(d, { diagnosisId: 'diag-1', evidenceLocation: 's3://apigw-doctor-evidence/diag-1/' });
    const text = allText(message.blocks);
    expect(header(message)).toBe('🔴 Lambda function timed out · orders-api (rgkwmpkz6q) · prod');
    // The sentence: the function keeps its own name (no capital), the time reads as a clock time.
    const sentence = sections(message)[0]?.text?.text ?? '';
    expect(sentence).toBe('orders-fn hit its timeout of 6 s on 11 requests to GET /orders/{id} since 13:52:53 UTC; Lambda stopped it and API Gateway returned a 5xx.');
    expect(text).toContain('*Failing requests*\n11 _(from the access log)_');
    expect(text).toContain('<!date^1773150773^{date_short_pretty} {time_secs}|2026-03-10 13:52:53 UTC>');
    expect(text).toContain('last 13:58:26 UTC (5m 33s later)');
    expect(text).toContain('`GET /orders/{id}` × 11');
    expect(text).toContain('502 × 11');
    expect(text).toContain('*Confidence*\nHigh (0.95)');
    expect(text).toContain('*What to do*\n1. A configuration change shortly before the onset');
    expect(text).toContain('`aws lambda update-function-configuration --function-name orders-fn --timeout 12 --region us-east-1`');
    // Decisive excerpts: the REPORT line, the execution log's timeout and the function's configuration.
    expect(text).toContain('Status: timeout');
    expect(text).toContain('Task timed out after 6.00 seconds');
    expect(text).toContain('Timeout=6s');
    expect(text).toMatch(/<https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=us-east-1#logsV2:logs-insights[^|>]+\|Logs Insights \(sampled requests\)>/);
    expect(text).toContain('<https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#xray:traces/1-69b02235-78073c416a31eef402e76db2|X-Ray trace>');
    expect(text).toContain('|Lambda orders-fn>');
    expect(text).toContain('<https://s3.console.aws.amazon.com/s3/buckets/apigw-doctor-evidence?prefix=diag-1%2F|Evidence in S3>');
    expect(text).toContain('*13:52:07 UTC* _(46 s before onset)_ UpdateFunctionConfiguration on orders-fn: timeout=6 — priya.raman');
    expect(message.text).toContain('orders-api (rgkwmpkz6q) prod: Lambda function timed out.');
    expect(message.text).toContain('since 13:52:53 UTC');
    expect(message.text).toContain('Confidence high (0.95)');
    expect(message.text).toContain('First step:');
  });

  it('gives a second cause its own short section and names further ones', () => {
    const d = goldenDiagnosis('rest-two-causes-timeout-and-oom');
    const message = renderSlackMessage(d);
    const text = allText(message.blocks);
    expect(header(message)).toContain('Lambda function timed out');
    expect(text).toContain('*Also: Lambda function ran out of memory* · 5 requests · `POST /exports` · confidence high');
    expect(text).toContain('*First step:* Raise export-fn');
    const second = d.findings[1];
    if (!second) throw new Error('golden changed: no second finding');
    const third = { ...second, title: 'Third cause', requestCount: 2 };
    const withThree: Diagnosis = { ...d, findings: [...d.findings, third] };
    expect(allText(renderSlackMessage(withThree).blocks)).toContain('*Also seen:* Third cause (2 requests)');
  });

  it('insufficient evidence reads as "couldn\'t tell" and says what to turn on', () => {
    const d = goldenDiagnosis('rest-insufficient-evidence-no-exec-logs');
    const message = renderSlackMessage(d, { diagnosisId: 'x' });
    const text = allText(message.blocks);
    expect(header(message)).toBe("❔ Couldn't tell why (not enough evidence) · legacy-forms-api (l9g4c2y8x6) · prod");
    expect(text).toContain("*Couldn't tell why.* 12 requests to POST /submit failed, but the evidence read does not say why.");
    expect(text).toContain('*Turn this on so the next diagnosis can tell*\n1. Turn on execution logging at ERROR');
    expect(text).toContain('`aws apigateway update-stage --rest-api-id l9g4c2y8x6 --stage-name prod');
    expect(text).toContain('*What was missing*\n• Execution logging is OFF on stage prod');
    expect(text).toContain('None: the evidence that would decide it is missing');
    expect(text).not.toContain('Why we think so');
    expect(message.text).toContain("couldn't tell why requests fail");
  });

  it('says how sure it is in words when the confidence is not high', () => {
    const d = goldenDiagnosis('rest-lambda-timeout');
    const medium = renderSlackMessage({ ...d, rootCause: { ...d.rootCause, confidence: 0.6 } });
    expect(allText(medium.blocks)).toContain('Medium (0.60): likely');
    expect(sections(medium)[0]?.text?.text).toContain('_Likely, not certain: check the evidence below._');
    const low = renderSlackMessage({ ...d, rootCause: { ...d.rootCause, confidence: 0.3 } });
    expect(allText(low.blocks)).toContain('Low (0.30): a lead, not an answer');
  });
});

describe('the chart', () => {
  const d = goldenDiagnosis('rest-lambda-timeout');
  const series = ['13:48', '13:49', '13:50', '13:51', '13:52', '13:53', '13:54', '13:55', '13:56', '13:57', '13:58', '13:59'].map((hm, i) => ({
    time: `2026-03-10T${hm}:00Z`,
    value: [0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 1, 0][i] ?? 0,
  }));

  it('is a text sparkline with the onset and the deployment marked when there is no image', () => {
    const message = renderSlackMessage(d, { metricSeries: series, deployments: ['2026-03-10T13:45:10Z'] });
    const chart = sections(message).find((s) => s.text?.text.startsWith('*5xx per minute*'));
    expect(chart?.text?.text).toContain('11 in the window · peak 2 at 13:54 UTC');
    expect(chart?.text?.text).toContain('▲ onset 13:52 UTC');
    expect(chart?.text?.text).toContain('◆ deploy 13:45 UTC');
    expect(chart?.text?.text).toMatch(/```\n[·▁▂▃▄▅▆▇█]+\n/);
    expect(message.blocks.some((b) => b.type === 'image')).toBe(false);
  });

  it('is an image block when a hosted chart is given', () => {
    const message = renderSlackMessage(d, { metricSeries: series, chartImageUrl: 'https://charts.example.com/orders-api.png' });
    const image = message.blocks.find((b) => b.type === 'image');
    expect(image).toMatchObject({ type: 'image', image_url: 'https://charts.example.com/orders-api.png', title: { type: 'plain_text', text: '5xx per minute' } });
    expect(image?.type === 'image' ? image.alt_text : '').toContain('onset 13:52 UTC');
    expect(allText(message.blocks)).not.toContain('*5xx per minute*');
  });

  it('falls back to the sparkline when the image URL is not one Slack can show', () => {
    const message = renderSlackMessage(d, { metricSeries: series, chartImageUrl: 'file:///tmp/chart.png' });
    expect(message.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(allText(message.blocks)).toContain('*5xx per minute*');
  });
});

describe('the buttons', () => {
  const d = goldenDiagnosis('rest-lambda-timeout');

  it('carry the API, stage and window the interactivity handler needs', () => {
    const list = buttons(renderSlackMessage(d, { diagnosisId: 'diag-42' }));
    const byId = new Map(list.map((b) => [b.action_id, b.value ?? '']));
    const window = { apiId: 'rgkwmpkz6q', stage: 'prod', from: Date.parse(d.window.start), to: Date.parse(d.window.end) };
    // Read back by the interactivity handler's own reader: what it refuses, a press could not do.
    const read = (actionId: string) => readChatAction({ actionId, value: byId.get(actionId) ?? '' });
    expect(read(ACTION_IDS.rerun)).toEqual({ action: { kind: 'rerun', ...window } });
    expect(read(ACTION_IDS.widen)).toEqual({ action: { kind: 'widen', ...window } });
    expect(read(ACTION_IDS.showEvidence)).toEqual({ action: { kind: 'show_evidence', diagnosisId: 'diag-42' } });
    expect(read(ACTION_IDS.mute)).toEqual({ action: { kind: 'mute', apiId: 'rgkwmpkz6q', stage: 'prod' } });
  });

  it('leave out "Show all evidence" when there is no diagnosis id to show', () => {
    expect(buttons(renderSlackMessage(d)).map((b) => b.action_id)).toEqual(['rerun', 'widen', 'mute']);
  });
});

describe('evidence excerpts', () => {
  const base = goldenDiagnosis('rest-lambda-timeout');
  const finding = base.findings[0];
  if (!finding) throw new Error('golden changed');

  it('are redacted again on the way out', () => {
    const excerpt = 'Authorization=Bearer abc.def.ghi key AKIAIOSFODNN7EXAMPLE mail jane.doe@example.com postgres://app:hunter2@db:5432/x';
    const d: Diagnosis = { ...base, findings: [{ ...finding, evidence: [{ source: 'execution-log', excerpt }] }] };
    const text = allText(renderSlackMessage(d).blocks);
    expect(text).toContain('[REDACTED]');
    for (const secret of ['abc.def.ghi', 'AKIAIOSFODNN7EXAMPLE', 'jane.doe@example.com', 'hunter2']) expect(text).not.toContain(secret);
  });

  it('cannot close their code block, mention the channel or add a link', () => {
    const excerpt = 'x ``` <!channel> <https://evil.example|click here> ```` y';
    const d: Diagnosis = { ...base, findings: [{ ...finding, evidence: [{ source: 'lambda-log', excerpt }] }] };
    const message = renderSlackMessage(d);
    const section = sections(message).find((s) => s.text?.text.includes('click here'));
    const text = section?.text?.text ?? '';
    expect((text.match(/```/g) ?? []).length).toBe(2);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<https://evil.example');
  });

  it('show two or three, logs first, trimmed', () => {
    const long = Array.from({ length: 60 }, (_, i) => `    at frame${i} (/var/task/index.js:${i}:1)`).join('\n');
    const d: Diagnosis = {
      ...base,
      findings: [
        {
          ...finding,
          evidence: [
            { source: 'metrics', excerpt: 'peak 10040.92' },
            { source: 'lambda-log', excerpt: `TypeError: boom\n${long}` },
            { source: 'execution-log', excerpt: 'Lambda execution failed' },
            { source: 'lambda-log', excerpt: 'second lambda line' },
          ],
        },
      ],
    };
    const text = allText(renderSlackMessage(d).blocks);
    expect(text).toContain('TypeError: boom');
    expect(text).toContain('Lambda execution failed');
    expect(text).toContain('peak 10040.92');
    expect(text).not.toContain('second lambda line');
    expect(text).toContain('more lines …');
    expect(text).not.toContain('frame30 ');
  });
});

it('is typed as Block Kit', () => {
  expectTypeOf(renderSlackMessage).returns.toEqualTypeOf<SlackMessage>();
  expectTypeOf<SlackMessage['blocks']>().toEqualTypeOf<KnownBlock[]>();
});
