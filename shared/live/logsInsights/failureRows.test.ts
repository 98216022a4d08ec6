import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateSample, readAccessLogFailureRows, readExecutionLogFailureRows, spread, stratifiedSample, type Stratum } from './failureRows.ts';
import { SIGNATURE_SEPARATOR } from './queries.ts';

const sig = (...parts: string[]): string => parts.join(SIGNATURE_SEPARATOR);
const TIMEOUT = sig('INTEGRATION_TIMEOUT', '-', 'Endpoint request timed out', '-', '-');
const MALFORMED = sig('-', 'Execution failed due to configuration error: Malformed Lambda proxy response', 'Internal server error', '-', '-');

/** A stats row as GetQueryResults gives it (every value a string; bins printed like @timestamp). */
function row(status: string, route: string, signature: string, bin: string, requests: number, first: string, last: string): Record<string, string> {
  return {
    gwStatus: status,
    gwRouteLabel: route,
    gwSignature: signature,
    gwBin: bin,
    requests: String(requests),
    firstRequestId: first,
    lastRequestId: last,
    firstSeen: `${bin.slice(0, 17)}01.117`,
    lastSeen: `${bin.slice(0, 17)}58.902`,
  };
}

const id = (n: number): string => `b8e3${String(n).padStart(4, '0')}-1d2e-4f5a-9b6c-7d8e9f0a1b2c`;

describe('readAccessLogFailureRows', () => {
  it('sums bins and split-query repeats into groups, totals and onset', () => {
    const rows = [
      row('504', 'GET /orders/{id}', TIMEOUT, '2026-03-10 14:00:00.000', 40, id(1), id(2)),
      row('504', 'GET /orders/{id}', TIMEOUT, '2026-03-10 14:01:00.000', 38, id(3), id(4)),
      // The same group again from a second chunk of log groups.
      row('504', 'GET /orders/{id}', TIMEOUT, '2026-03-10 14:01:00.000', 2, id(5), id(5)),
      row('502', 'POST /orders', MALFORMED, '2026-03-10 14:02:00.000', 1, id(9), id(9)),
    ];
    const summary = readAccessLogFailureRows(rows);
    expect(summary.total).toBe(81);
    expect(summary.byStatus).toEqual({ '504': 80, '502': 1 });
    expect(summary.byRoute).toEqual({ 'GET /orders/{id}': 80, 'POST /orders': 1 });
    expect(summary.onset).toBe(Date.UTC(2026, 2, 10, 14, 0, 1, 117));
    expect(summary.last).toBe(Date.UTC(2026, 2, 10, 14, 2, 58, 902));
    const [timeouts, malformed] = summary.groups;
    expect(timeouts?.requestIds).toEqual([id(1), id(2), id(3), id(4), id(5)]);
    expect(timeouts?.parts).toEqual({ errorResponseType: 'INTEGRATION_TIMEOUT', errorMessage: 'Endpoint request timed out' });
    expect(malformed?.signature).toBe('Execution failed due to configuration error: Malformed Lambda proxy response; Internal server error');
  });

  it('reads epoch-millisecond times as well, and skips rows without a count or with junk', () => {
    const summary = readAccessLogFailureRows([
      { ...row('500', 'GET /', TIMEOUT, '2026-03-10 14:00:00.000', 3, id(1), id(2)), firstSeen: '1773151201117' },
      { gwStatus: '500', requests: 'lots' },
      {},
      { ...row('500', 'GET /', TIMEOUT, 'not a time', 1, 'x) | stats', id(7)) },
    ]);
    expect(summary.total).toBe(4);
    expect(summary.onset).toBe(1_773_151_201_117);
    expect(summary.groups[0]?.requestIds).toEqual([id(7), id(1), id(2)]);
  });

  it('normalises routes: "-" parts, and a method glued before an HTTP API route key', () => {
    const summary = readAccessLogFailureRows([
      row('503', 'GET GET /items', '-', '2026-03-10 14:00:00.000', 1, 'KyDfdgZ9oAMEYpA=', 'KyDfdgZ9oAMEYpA='),
      row('500', '- /pets', '-', '2026-03-10 14:00:00.000', 1, id(1), id(1)),
      row('500', '-', '-', '2026-03-10 14:00:00.000', 1, id(2), id(2)),
    ]);
    expect(summary.byRoute).toEqual({ 'GET /items': 1, '/pets': 1 });
    expect(summary.total).toBe(3);
  });
});

describe('readExecutionLogFailureRows', () => {
  it('counts status rows and keeps failure rows as strata', () => {
    const summary = readExecutionLogFailureRows([
      { gwStatus: '502', gwFailure: '-', gwBin: '2026-03-10 14:00:00.000', requests: '12', firstRequestId: id(1), lastRequestId: id(2), firstSeen: '2026-03-10 14:00:10.060', lastSeen: '2026-03-10 14:11:10.060' },
      { gwStatus: '-', gwFailure: 'Lambda execution failed with status 200 due to customer function error: Task timed out after ', gwBin: '2026-03-10 14:00:00.000', requests: '12', firstRequestId: id(1), lastRequestId: id(2), firstSeen: '2026-03-10 14:00:10.050', lastSeen: '2026-03-10 14:11:10.050' },
      // A status line whose concat of nothing came back as ": " rather than null.
      { gwStatus: '500', gwFailure: ': ', gwBin: '2026-03-10 14:05:00.000', requests: '1', firstRequestId: id(3), lastRequestId: id(3), firstSeen: '2026-03-10 14:05:00.002', lastSeen: '2026-03-10 14:05:00.002' },
    ]);
    expect(summary.total).toBe(13);
    expect(summary.byStatus).toEqual({ '502': 12, '500': 1 });
    expect(summary.onset).toBe(Date.UTC(2026, 2, 10, 14, 0, 10, 60));
    expect(summary.groups.map((group) => group.kind).sort()).toEqual(['execution-failure', 'execution-status', 'execution-status']);
    const failure = summary.groups.find((group) => group.kind === 'execution-failure');
    expect(failure?.signature).toBe('Lambda execution failed with status 200 due to customer function error: Task timed out after');
  });

  it('samples status rows too when they hold failing requests no failure line explains', () => {
    const summary = readExecutionLogFailureRows([
      { gwStatus: '503', gwFailure: '-', gwBin: '2026-03-10 14:00:00.000', requests: '30', firstRequestId: id(10), lastRequestId: id(11) },
      { gwStatus: '-', gwFailure: 'Endpoint request timed out', gwBin: '2026-03-10 14:00:00.000', requests: '2', firstRequestId: id(20), lastRequestId: id(21) },
    ]);
    const sample = stratifiedSample(summary, 4, 2);
    expect(sample.requestIds.sort()).toEqual([id(10), id(11), id(20), id(21)].sort());
  });
});

describe('allocateSample', () => {
  it('gives a rare cause its minimum before the main cause gets the rest', () => {
    const strata: Stratum[] = [
      { count: 4_000, capacity: 60, family: 'timeout' },
      { count: 3, capacity: 3, family: 'rate' },
      { count: 1, capacity: 1, family: 'malformed' },
    ];
    expect(allocateSample(strata, 20, 2)).toEqual([17, 2, 1]);
  });

  it('covers every signature family before a second route of the same one', () => {
    const strata: Stratum[] = [
      { count: 500, capacity: 20, family: 'timeout' },
      { count: 400, capacity: 20, family: 'timeout' },
      { count: 2, capacity: 2, family: 'rare' },
    ];
    expect(allocateSample(strata, 2, 2)).toEqual([1, 0, 1]);
  });

  it('never exceeds the total or a stratum capacity, and uses what it can (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ count: fc.integer({ min: 0, max: 10_000 }), capacity: fc.integer({ min: 0, max: 80 }), family: fc.constantFrom('a', 'b', 'c', 'd') }),
          { maxLength: 40 },
        ),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 4 }),
        (strata, total, minEach) => {
          const allocation = allocateSample(strata, total, minEach);
          const usable = strata.reduce((sum, s) => sum + Math.min(s.count, s.capacity), 0);
          expect(allocation.reduce((a, b) => a + b, 0)).toBe(Math.min(total, usable));
          allocation.forEach((n, i) => expect(n).toBeLessThanOrEqual(Math.min(strata[i]?.count ?? 0, strata[i]?.capacity ?? 0)));
          // When there is room for one each, every usable stratum gets one.
          const usableStrata = strata.filter((s) => Math.min(s.count, s.capacity) > 0).length;
          if (total >= usableStrata) allocation.forEach((n, i) => expect(n > 0 || Math.min(strata[i]?.count ?? 0, strata[i]?.capacity ?? 0) === 0).toBe(true));
        },
      ),
    );
  });
});

describe('spread', () => {
  it('picks evenly across the list, ends included', () => {
    expect(spread([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)).toEqual([1, 5, 9]);
    expect(spread([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(spread([1, 2, 3], 1)).toEqual([1]);
    expect(spread([], 2)).toEqual([]);
  });
});
