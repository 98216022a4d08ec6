import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import type { KnownBlock, SectionBlock } from '@slack/types';
import type { Diagnosis } from '../model/diagnosis.ts';
import { evidenceReply, evidenceUnavailableReply, MAX_BLOCKS, MAX_SECTION_CHARS, MAX_TOTAL_CHARS } from './evidenceReply.ts';

/** Real diagnoses of the engine over the real-shaped incident bundles (test/golden/*.json). */
const golden = (name: string): Diagnosis => JSON.parse(readFileSync(new URL(`../../test/golden/${name}.json`, import.meta.url), 'utf8')) as Diagnosis;

function blockText(block: KnownBlock): string {
  if (block.type === 'section') return (block as SectionBlock).text?.text ?? '';
  if (block.type === 'context') return block.elements.map((e) => ('text' in e && typeof e.text === 'string' ? e.text : '')).join('');
  return '';
}

function expectWithinLimits(blocks: KnownBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
  for (const block of blocks) expect(blockText(block).length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
  expect(blocks.reduce((n, b) => n + blockText(b).length, 0)).toBeLessThanOrEqual(MAX_TOTAL_CHARS);
}

describe('evidenceReply', () => {
  it('lists every excerpt of a two-cause diagnosis, finding by finding, ephemerally', () => {
    const diagnosis = golden('rest-two-causes-timeout-and-oom');
    const reply = evidenceReply(diagnosis, { diagnosisId: 'manual-ts9ho7bwkt-prod-20261218T133828Z-k3v9x2', location: 's3://apigw-doctor-evidence/diagnoses/manual-ts9ho7bwkt-prod-20261218T133828Z-k3v9x2/diagnosis.json' });
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.replace_original).toBe(false);
    expect(reply.text).toBe('Evidence of diagnosis manual-ts9ho7bwkt-prod-20261218T133828Z-k3v9x2: 11 of 11 excerpts (Lambda function timed out)');
    const blocks = reply.blocks ?? [];
    expectWithinLimits(blocks);
    const all = blocks.map(blockText).join('\n');
    expect(all).toContain('*Evidence of diagnosis `manual-ts9ho7bwkt-prod-20261218T133828Z-k3v9x2`* · analytics-api/prod · 2026-12-18 13:16–13:38 UTC');
    expect(all).toContain('Root cause: *Lambda function timed out* (95% confidence) · 22 failing requests');
    expect(all).toContain('*1. Lambda function timed out* — 17 requests · report-fn');
    expect(all).toContain('*2. ');
    expect(all).toContain('• `lambda-log` · 13:30:50Z · request `079ac1e2-7e81-416e-9456-a132521f2f5e` · report-fn\n```2026-12-18T13:30:50.813Z f9ee3c11-e6e6-40a4-8245-aac3bb724c2a Task timed out after 20.01 seconds```');
    for (const finding of diagnosis.findings) for (const item of finding.evidence) expect(all).toContain(item.excerpt.slice(0, 60).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(all).toContain('Evidence comes from 20 sampled requests of 22.');
    expect(all).not.toContain('s3://');
  });

  it('keeps redacted excerpts redacted and redacts what slipped through, escaping mrkdwn', () => {
    const diagnosis = golden('rt3-rest-datatrace-secrets-body-object');
    const first = diagnosis.findings[0]?.evidence[0];
    if (first === undefined) throw new Error('golden has no evidence');
    first.excerpt = `${first.excerpt} Authorization=Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c <script> \`\`\``;
    const all = (evidenceReply(diagnosis, { diagnosisId: 'alarm-x' }).blocks ?? []).map(blockText).join('\n');
    expect(all).toContain('"Set-Cookie": "[REDACTED]"');
    expect(all).toContain('"email": "[EMAIL]"');
    expect(all).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(all).toContain('&lt;script&gt;');
    expect(all).toContain('ˋˋˋ```');
  });

  it('trims a diagnosis too big for one message, counts what it left out and says where the rest is', () => {
    const diagnosis = golden('rest-two-causes-timeout-and-oom');
    const item = diagnosis.findings[0]?.evidence[1];
    if (item === undefined) throw new Error('golden has no evidence');
    const many = Array.from({ length: 120 }, (_, i) => ({ ...item, requestId: `req-${i}`, excerpt: `${item.excerpt} ${'x'.repeat(300)}` }));
    const first = diagnosis.findings[0];
    if (first) first.evidence = many;
    const reply = evidenceReply(diagnosis, { diagnosisId: 'manual-big', location: 's3://bucket/diagnoses/manual-big/diagnosis.json' });
    const blocks = reply.blocks ?? [];
    expectWithinLimits(blocks);
    const shown = Number(/: (\d+) of 125 excerpts/.exec(reply.text)?.[1]);
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(125);
    const note = blockText(blocks[blocks.length - 1] as KnownBlock);
    expect(note).toContain(`…and ${125 - shown} more evidence items that do not fit in a Slack message.`);
    expect(note).toContain('`s3://bucket/diagnoses/manual-big/diagnosis.json`');
  });

  it('explains a diagnosis without findings with its gaps', () => {
    const reply = evidenceReply(golden('http-insufficient-evidence-metrics-only'), { diagnosisId: 'manual-x', location: 's3://b/k' });
    const all = (reply.blocks ?? []).map(blockText).join('\n');
    expect(all).toContain('This diagnosis has no findings, so no evidence excerpts.');
    expect(all).toContain('Metrics count 14 failing requests in the window, but no log read holds one of them.');
    expect(all).toContain('To decide next time: Collect the API Gateway access log');
    expect(reply.text).toContain(': 0 of 0 excerpts');
  });

  it('reads any JSON without throwing', () => {
    for (const doc of [null, 42, 'text', [], {}, { findings: 'x' }, { findings: [null, { evidence: [{ excerpt: 7 }] }] }]) {
      const reply = evidenceReply(doc, { diagnosisId: 'd' });
      expect(reply.text).toContain('Evidence of diagnosis d');
    }
  });

  it('has a reply for a diagnosis that cannot be read', () => {
    expect(evidenceUnavailableReply('manual-x', 'it is no longer in the evidence store')).toEqual({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'The evidence of diagnosis `manual-x` cannot be shown: it is no longer in the evidence store',
    });
  });
});
