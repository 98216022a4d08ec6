import { describe, it, expect } from 'vitest';
import type { LogEvent } from '../model/logEvent.ts';
import { compileAccessLogFormat } from '../parsers/compileAccessLogFormat.ts';
import { EvidenceCollector, MAX_SPANS } from './EvidenceCollector.ts';

/** A span record of aws/spans (shape: parseSpanRecord.ts), W3C trace id `trace` (32 hex). */
function span(trace: string, id: number, options: { status?: number; error?: boolean } = {}): LogEvent {
  const record = {
    resource: { attributes: { 'cloud.platform': 'aws_lambda', 'service.name': 'orders-fn' } },
    traceId: trace,
    spanId: id.toString(16).padStart(16, '0'),
    name: 'DynamoDB.PutItem',
    kind: 'CLIENT',
    startTimeUnixNano: 1778750000200000000 + id * 1_000_000,
    endTimeUnixNano: 1778750000300000000 + id * 1_000_000,
    attributes: { 'aws.remote.service': 'AWS::DynamoDB', 'aws.remote.operation': 'PutItem', 'rpc.system': 'aws-api', 'http.response.status_code': options.status ?? 200 },
    status: { code: options.error ? 'ERROR' : 'UNSET' },
  };
  return { timestamp: 1778750000200 + id, message: JSON.stringify(record), file: 'logs/aws/spans.json', logGroup: 'aws/spans', logStream: 'default' };
}

const trace = (n: number) => `f${n.toString(16).padStart(31, '0')}`;

describe('EvidenceCollector: span records read as log events', () => {
  it('collects spans as trace segments before any access-log format can claim them', () => {
    // A JSON access-log format keyed on names a span also has ("traceId", "status") must not take the span.
    const format = compileAccessLogFormat('{"requestId":"$context.requestId","status":"$context.status","traceId":"$context.xrayTraceId"}');
    const collector = new EvidenceCollector({ accessLogFormat: format });
    collector.add(span(trace(1), 1, { status: 400, error: true }));
    const collected = collector.finish();
    expect(collected.spanSegments).toHaveLength(1);
    expect(collected.spanSegments[0]).toMatchObject({ traceId: `1-${trace(1).slice(0, 8)}-${trace(1).slice(8)}`, name: 'DynamoDB', namespace: 'aws', error: true });
    expect(collected.counts.accessRecords).toBe(0);
    expect(collected.counts.unknownEvents).toBe(0);
  });

  it('ignores spans on the targeted second pass', () => {
    const collector = new EvidenceCollector({ wantedInvocations: new Set(['x']) });
    collector.add(span(trace(1), 1));
    expect(collector.finish().spanSegments).toEqual([]);
  });

  it(`keeps at most ${MAX_SPANS} spans, letting healthy traces go first and keeping every failed trace's spans`, () => {
    const collector = new EvidenceCollector({});
    // A failed trace early, then more healthy spans than the bound, then a failed trace late.
    collector.add(span(trace(0), 0, { status: 400, error: true }));
    collector.add(span(trace(0), 1));
    for (let i = 0; i < MAX_SPANS + 500; i++) collector.add(span(trace(1000 + Math.floor(i / 4)), 10 + i));
    collector.add(span(trace(999_999), 5, { status: 503, error: true }));
    const collected = collector.finish();
    expect(collected.spanSegments.length).toBeLessThanOrEqual(MAX_SPANS);
    const traces = new Set(collected.spanSegments.map((s) => s.traceId));
    expect(collected.spanSegments.filter((s) => s.traceId === `1-${trace(0).slice(0, 8)}-${trace(0).slice(8)}`)).toHaveLength(2);
    expect(traces.has(`1-${trace(999_999).slice(0, 8)}-${trace(999_999).slice(8)}`)).toBe(true);
    // The oldest healthy trace was let go.
    expect(traces.has(`1-${trace(1000).slice(0, 8)}-${trace(1000).slice(8)}`)).toBe(false);
    expect(collected.spansDropped).toBe(0);
  });

  it('drops spans once the bound is all failed traces, and counts them', () => {
    const collector = new EvidenceCollector({});
    for (let i = 0; i < MAX_SPANS + 3; i++) collector.add(span(trace(i), i, { status: 500, error: true }));
    const collected = collector.finish();
    expect(collected.spanSegments).toHaveLength(MAX_SPANS);
    expect(collected.spansDropped).toBe(3);
  });
});
