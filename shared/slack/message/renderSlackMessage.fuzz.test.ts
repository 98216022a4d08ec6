/**
 * Huge and hostile diagnoses (long summaries, 40 findings, 10 kB excerpts, any Unicode, lone surrogates, mrkdwn
 * and HTML control text) must still give a message and thread replies that Slack accepts: every limit of
 * slackLimits.ts holds, and rendering never throws.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Diagnosis, EvidenceItem, Finding } from '../../model/diagnosis.ts';
import { ROOT_CAUSE_IDS } from '../../model/rootCauses.ts';
import { blockKitProblems } from './blockKitProblems.ts';
import { blockTextLength } from './blockText.ts';
import { renderEvidenceThread } from './renderEvidenceThread.ts';
import { renderSlackMessage } from './renderSlackMessage.ts';
import { SLACK_LIMITS } from './slackLimits.ts';

const hostile = fc.constantFrom('```', '`', '<!channel>', '<https://evil.example|x>', '&amp;', '*', '_', '\u0000', '\u202e', '\ud800', '\udc00', '\n', '\t', '😀', 'é', '漢字');
const text = (maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: Math.min(maxLength, 200) }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 2, arbitrary: fc.array(fc.oneof(hostile, fc.string({ maxLength: 40 })), { maxLength: Math.max(1, Math.floor(maxLength / 20)) }).map((parts) => parts.join('')) },
  );
const isoTime = fc.oneof(
  fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') }).map((ms) => new Date(ms).toISOString()),
  text(30),
);
const rootCauseId = fc.constantFrom(...ROOT_CAUSE_IDS);
const confidence = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(Number.NaN, -1, 2, Number.POSITIVE_INFINITY));

const evidenceItem: fc.Arbitrary<EvidenceItem> = fc.record(
  {
    source: fc.constantFrom('access-log', 'execution-log', 'lambda-log', 'xray', 'metrics', 'changes', 'config', 'alarm'),
    requestId: fc.oneof(fc.uuid(), text(300)),
    timestamp: isoTime,
    excerpt: fc.oneof({ weight: 3, arbitrary: text(600) }, { weight: 1, arbitrary: text(10_000) }, { weight: 1, arbitrary: fc.constant('x'.repeat(10_240)) }),
    lambdaRequestId: fc.uuid(),
    traceId: text(60),
    functionName: text(200),
    file: text(200),
  },
  { requiredKeys: ['source', 'excerpt'] },
);

const finding: fc.Arbitrary<Finding> = fc.record(
  {
    id: rootCauseId,
    title: text(400),
    requestCount: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)),
    confidence,
    summary: text(5_000),
    evidence: fc.array(evidenceItem, { maxLength: 6 }),
    remediation: fc.array(text(3_000), { maxLength: 12 }),
    routes: fc.array(text(300), { maxLength: 30 }),
    statusCodes: fc.array(fc.integer({ min: 100, max: 599 }), { maxLength: 10 }),
    functions: fc.array(text(200), { maxLength: 10 }),
    firstSeen: isoTime,
    sampledRequestIds: fc.array(fc.uuid(), { maxLength: 60 }),
    links: fc.array(fc.record({ label: text(200), url: fc.oneof(fc.webUrl(), text(4_000), fc.constant(`https://x.example/${'q'.repeat(3_100)}`)) }), { maxLength: 6 }),
  },
  { requiredKeys: ['id', 'title', 'requestCount', 'confidence', 'summary', 'evidence', 'remediation', 'routes', 'statusCodes', 'functions', 'sampledRequestIds'] },
);

const diagnosis: fc.Arbitrary<Diagnosis> = fc.record({
  schemaVersion: fc.constant(1 as const),
  api: fc.record({ id: text(300), stage: text(300), type: fc.constantFrom('REST' as const, 'HTTP' as const, 'UNKNOWN' as const), name: text(500) }, { requiredKeys: ['id', 'stage', 'type'] }),
  window: fc.record({ start: isoTime, end: isoTime, source: fc.constantFrom('alarm' as const, 'command-line' as const, 'failures' as const, 'none' as const) }),
  failingRequests: fc.record(
    {
      total: fc.oneof(fc.nat(), fc.constant(Number.NaN)),
      sampled: fc.array(fc.uuid(), { maxLength: 20 }),
      byStatus: fc.dictionary(text(20), fc.nat(), { maxKeys: 30 }),
      byRoute: fc.dictionary(text(300), fc.nat(), { maxKeys: 60 }),
      onset: isoTime,
      last: isoTime,
      countedFrom: fc.constantFrom('access-log' as const, 'execution-log' as const, 'metrics' as const, 'none' as const),
    },
    { requiredKeys: ['total', 'sampled', 'byStatus', 'byRoute', 'countedFrom'] },
  ),
  rootCause: fc.record({ id: rootCauseId, title: text(400), confidence, summary: text(20_000), remediation: fc.array(text(2_000), { maxLength: 10 }) }, { requiredKeys: ['id', 'title', 'confidence', 'summary'] }),
  findings: fc.oneof(fc.array(finding, { maxLength: 3 }), fc.array(finding, { minLength: 40, maxLength: 40 })),
  suspectChanges: fc.array(fc.record({ time: isoTime, what: text(2_000), who: text(500), source: fc.constantFrom('cloudtrail' as const, 'deployment' as const, 'function-config' as const) }), { maxLength: 20 }),
  gaps: fc.array(text(2_000), { maxLength: 20 }),
  unmatched: fc.array(fc.record({ kind: text(500), count: fc.nat(), example: text(2_000) }, { requiredKeys: ['kind', 'count'] }), { maxLength: 5 }),
  stats: fc.record({ filesRead: fc.nat(), filesSkipped: fc.nat(), eventsRead: fc.nat(), bytesRead: fc.nat() }),
  alarm: fc.record({ name: text(600), state: text(50) }, { requiredKeys: ['name'] }),
});

const options = fc.record(
  {
    diagnosisId: text(3_000),
    chartImageUrl: fc.oneof(fc.webUrl(), text(4_000)),
    metricSeries: fc.array(fc.record({ time: isoTime, value: fc.oneof(fc.double({ noNaN: false }), fc.nat()) }), { maxLength: 400 }),
    deployments: fc.array(isoTime, { maxLength: 30 }),
    evidenceLocation: fc.oneof(text(4_000), fc.constant('arn:aws:states:us-east-1:123456789012:execution:diagnose:abc'), fc.constant('s3://bucket/key')),
  },
  { requiredKeys: [] },
);

function assertWithinLimits(message: { text: string; blocks: unknown[] }): void {
  expect(blockKitProblems(message)).toEqual([]);
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  expect(blockTextLength(message.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.blockTextTotal);
  expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  // What is posted must be serialisable as JSON that Slack can read back.
  expect(() => JSON.parse(JSON.stringify(message))).not.toThrow();
}

describe('fuzzed diagnoses', () => {
  it('always render an incident message within every Slack limit', () => {
    fc.assert(
      fc.property(diagnosis, options, (d, o) => {
        const message = renderSlackMessage(d, o);
        assertWithinLimits(message);
        expect(message.blocks[0]?.type).toBe('header');
        // The buttons close the message, unless there is none to offer (no API id and no diagnosis id): one block at most.
        const actions = message.blocks.filter((b) => b.type === 'actions');
        expect(actions.length).toBeLessThanOrEqual(1);
        expect(message.blocks[message.blocks.length - 1]?.type).toBe(actions.length === 1 ? 'actions' : 'context');
      }),
      { numRuns: 100 },
    );
  });

  it('always render evidence thread replies within every Slack limit', () => {
    fc.assert(
      fc.property(diagnosis, fc.integer({ min: 1, max: 40 }), (d, maxReplies) => {
        const replies = renderEvidenceThread(d, { maxReplies });
        expect(replies.length).toBeGreaterThan(0);
        expect(replies.length).toBeLessThanOrEqual(maxReplies);
        for (const reply of replies) assertWithinLimits(reply);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps the essentials when it has to leave parts out', () => {
    const huge: Diagnosis = {
      schemaVersion: 1,
      api: { id: 'abc123defg', stage: 'prod', type: 'REST', name: 'orders-api' },
      window: { start: '2026-03-10T13:00:00Z', end: '2026-03-10T14:00:00Z', source: 'alarm' },
      failingRequests: { total: 5, sampled: [], byStatus: { '502': 5 }, byRoute: { 'GET /x': 5 }, countedFrom: 'access-log', onset: '2026-03-10T13:10:00Z' },
      rootCause: { id: 'lambda-timeout', title: 'Lambda function timed out', confidence: 0.9, summary: 'x-fn hit its timeout. '.repeat(500) },
      findings: Array.from({ length: 40 }, (_, i) => ({
        id: 'lambda-timeout' as const,
        title: `Cause ${i}`,
        requestCount: 1,
        confidence: 0.9,
        summary: 's'.repeat(5_000),
        evidence: Array.from({ length: 5 }, () => ({ source: 'lambda-log' as const, excerpt: '<&>'.repeat(3_400) })),
        remediation: Array.from({ length: 10 }, (_, n) => `Step ${n} ${'r'.repeat(2_000)}`),
        routes: ['GET /x'],
        statusCodes: [502],
        functions: ['x-fn'],
        sampledRequestIds: [],
        links: [{ label: 'Logs Insights', url: `https://us-east-1.console.aws.amazon.com/${'q'.repeat(2_900)}` }],
      })),
      suspectChanges: Array.from({ length: 20 }, () => ({ time: '2026-03-10T13:05:00Z', what: 'w'.repeat(2_000), who: 'someone', source: 'cloudtrail' as const })),
      gaps: Array.from({ length: 20 }, () => 'g'.repeat(2_000)),
      unmatched: [],
      stats: { filesRead: 1, filesSkipped: 0, eventsRead: 1, bytesRead: 1 },
    };
    const message = renderSlackMessage(huge, { diagnosisId: 'd-1' });
    assertWithinLimits(message);
    const texts = JSON.stringify(message.blocks);
    expect(texts).toContain('Lambda function timed out');
    expect(texts).toContain('*What to do*');
    expect(texts).toContain('left out to fit Slack');
    expect(message.blocks.filter((b) => b.type === 'actions')).toHaveLength(1);
  });
});
