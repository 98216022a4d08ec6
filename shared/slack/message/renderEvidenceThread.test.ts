import { describe, expect, it } from 'vitest';
import type { SectionBlock } from '@slack/types';
import type { Diagnosis } from '../../model/diagnosis.ts';
import { blockKitProblems } from './blockKitProblems.ts';
import { goldenDiagnosis, goldenNames } from './goldenDiagnoses.ts';
import { evidenceFile, renderEvidenceThread } from './renderEvidenceThread.ts';

function threadText(d: Diagnosis, maxReplies?: number): string {
  return renderEvidenceThread(d, maxReplies === undefined ? {} : { maxReplies })
    .flatMap((reply) => reply.blocks)
    .map((block) => (block.type === 'section' ? (block as SectionBlock).text?.text ?? '' : block.type === 'context' ? JSON.stringify(block.elements) : ''))
    .join('\n');
}

describe('renderEvidenceThread', () => {
  it.each(goldenNames())('%s: every sampled request with an excerpt, its lines and ids, in replies within limits', (name) => {
    const d = goldenDiagnosis(name);
    const replies = renderEvidenceThread(d);
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) expect(blockKitProblems(reply)).toEqual([]);
    const text = threadText(d);
    for (const finding of d.findings) {
      for (const item of finding.evidence) {
        if (item.requestId) expect(text).toContain(`\`${item.requestId}\``);
        if (item.traceId) expect(text).toContain(item.traceId);
        // The first line of each excerpt (escaped for Slack as it is shown).
        const first = (item.excerpt.split('\n')[0] ?? '').replace(/\t/g, '  ').trim().slice(0, 80).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
        if (first !== '' && !/[\u0000-\u001f]/.test(first)) expect(text).toContain(first);
      }
      for (const id of finding.sampledRequestIds) expect(text).toContain(id);
    }
  });

  it('keeps a 10 kB excerpt whole across sections', () => {
    const d = goldenDiagnosis('rest-lambda-timeout');
    const finding = d.findings[0];
    if (!finding) throw new Error('golden changed');
    const lines = Array.from({ length: 200 }, (_, i) => `line ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
    const big: Diagnosis = { ...d, findings: [{ ...finding, evidence: [{ source: 'lambda-log', requestId: 'req-1', excerpt: lines.join('\n') }] }] };
    const text = threadText(big);
    for (const line of lines) expect(text).toContain(line);
    expect(text).toContain('_(continued)_');
  });

  it('stops at the reply limit and points to the evidence file', () => {
    const d = goldenDiagnosis('rest-lambda-timeout');
    const finding = d.findings[0];
    if (!finding) throw new Error('golden changed');
    const many: Diagnosis = {
      ...d,
      findings: [{ ...finding, evidence: Array.from({ length: 60 }, (_, i) => ({ source: 'lambda-log' as const, requestId: `req-${i}`, excerpt: 'y'.repeat(2_000) })) }],
    };
    const replies = renderEvidenceThread(many, { maxReplies: 2 });
    expect(replies).toHaveLength(2);
    const last = JSON.stringify(replies[1]?.blocks);
    expect(last).toContain('left out of the thread');
    expect(last).toContain('apigw-doctor-rgkwmpkz6q-prod-20260310T135253Z.txt');
    for (const reply of replies) expect(blockKitProblems(reply)).toEqual([]);
  });

  it('redacts excerpts again', () => {
    const d = goldenDiagnosis('rest-lambda-timeout');
    const finding = d.findings[0];
    if (!finding) throw new Error('golden changed');
    const leaky: Diagnosis = { ...d, findings: [{ ...finding, evidence: [{ source: 'execution-log', requestId: 'r', excerpt: '{Authorization=Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig, x-api-key=abcd1234}' }] }] };
    const text = threadText(leaky);
    expect(text).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(text).not.toContain('abcd1234');
    expect(evidenceFile(leaky).content).not.toContain('abcd1234');
  });
});

describe('evidenceFile', () => {
  it('holds everything: each request, its trace and Lambda ids, every excerpt line, changes, gaps, unmatched', () => {
    const d = goldenDiagnosis('rest-two-causes-timeout-and-oom');
    const file = evidenceFile(d);
    expect(file.filename).toBe('apigw-doctor-ts9ho7bwkt-prod-20261218T133030Z.txt');
    expect(file.content).toContain('Root cause: Lambda function timed out (lambda-timeout), confidence high (0.95)');
    expect(file.content).toContain('== Cause 2 of 2: Lambda function ran out of memory (lambda-out-of-memory)');
    for (const finding of d.findings) {
      for (const item of finding.evidence) {
        if (item.requestId) expect(file.content).toContain(`-- Request ${item.requestId}`);
        for (const line of item.excerpt.split('\n')) if (line.trim() !== '') expect(file.content).toContain(line.replace(/\t/g, '  ').trim());
      }
    }
    for (const gap of d.gaps) expect(file.content).toContain(gap);
  });

  it('gives a safe file name whatever the API id', () => {
    const d = goldenDiagnosis('rest-lambda-timeout');
    const name = evidenceFile({ ...d, api: { ...d.api, id: '../../etc/passwd', stage: 'a b/c' }, failingRequests: { ...d.failingRequests, onset: 'garbage' }, window: { ...d.window, end: 'also garbage' } }).filename;
    expect(name).toBe('apigw-doctor-etc-passwd-a-b-c-unknown-time.txt');
  });
});
