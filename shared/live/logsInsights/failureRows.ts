import { parseTimeValue } from '../../bundle/timestamps.ts';
import { FAILURE_COLUMNS, SIGNATURE_PARTS, SIGNATURE_SEPARATOR, safeIds } from './queries.ts';

/**
 * Reading the rows of accessLogFailuresQuery / executionLogFailuresQuery (one row per status, route, error signature
 * and time bin, possibly repeated when the query was split over several log-group chunks) into counts and a sample
 * of request ids stratified by error signature. Pure functions over plain rows.
 */

export type SignaturePart = (typeof SIGNATURE_PARTS)[number];

/** Failing requests that share a status, a route and an error signature. */
export interface FailureGroup {
  /** Stable key: kind, status, route and raw signature. */
  key: string;
  kind: 'access-log' | 'execution-status' | 'execution-failure';
  status?: number;
  /** "GET /orders/{id}" (access log groups only). */
  route?: string;
  /** The route column as the query produced it: with rawSignature, what signatureSampleQuery filters on. */
  rawRoute?: string;
  /** The error signature in words: the parts the line has, or the execution log's failure text; "" when none. */
  signature: string;
  /** The signature column as the query produced it (gwSignature or gwFailure): what signatureSampleQuery filters on. */
  rawSignature: string;
  parts: Partial<Record<SignaturePart, string>>;
  count: number;
  firstSeen?: number;
  lastSeen?: number;
  /** Candidate request ids: oldest bin first, each bin's oldest then newest, without repeats. */
  requestIds: string[];
}

export interface FailureSummary {
  countedFrom: 'access-log' | 'execution-log';
  /** Failing requests (execution logs: "Method completed with status: 5xx" lines). */
  total: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, number>;
  /** Largest first. */
  groups: FailureGroup[];
  onset?: number;
  last?: number;
}

interface Accumulator {
  group: FailureGroup;
  bins: { bin: number; ids: string[] }[];
}

/** Read accessLogFailuresQuery rows. Rows without a count are skipped; nothing throws. */
export function readAccessLogFailureRows(rows: readonly Record<string, string>[]): FailureSummary {
  const groups = new Map<string, Accumulator>();
  for (const row of rows) {
    const count = countOf(row);
    if (count === undefined) continue;
    const statusText = (row[FAILURE_COLUMNS.status] ?? '').trim();
    const rawRoute = row[FAILURE_COLUMNS.route] ?? '';
    const route = normaliseRoute(rawRoute);
    const rawSignature = row[FAILURE_COLUMNS.signature] ?? '';
    const parts = signatureParts(rawSignature);
    const key = `access|${statusText}|${rawRoute}|${rawSignature}`;
    const accumulator = groups.get(key) ?? {
      group: {
        key,
        kind: 'access-log' as const,
        ...(statusNumber(statusText) !== undefined ? { status: statusNumber(statusText) } : {}),
        ...(route ? { route } : {}),
        rawRoute,
        signature: describeParts(parts),
        rawSignature,
        parts,
        count: 0,
        requestIds: [],
      },
      bins: [],
    };
    add(accumulator, row, count);
    groups.set(key, accumulator);
  }
  const list = finish([...groups.values()]);
  return {
    countedFrom: 'access-log',
    ...totals(list),
    groups: list,
  };
}

/**
 * Read executionLogFailuresQuery rows: "status" rows (gwStatus set) count the failing requests; "failure" rows
 * (gwFailure set) say why, and are the strata of the sample.
 */
export function readExecutionLogFailureRows(rows: readonly Record<string, string>[]): FailureSummary {
  const groups = new Map<string, Accumulator>();
  for (const row of rows) {
    const count = countOf(row);
    if (count === undefined) continue;
    const statusText = (row[FAILURE_COLUMNS.status] ?? '').trim();
    // "Lambda execution failed ...: Task timed out after " → without the trailing space; ": " alone (a concat of
    // nothing on a status line) or "-" is no failure.
    const failure = (row[FAILURE_COLUMNS.failure] ?? '').trim().replace(/[\s:]+$/, '');
    const status = statusNumber(statusText);
    const isFailure = failure !== '' && failure !== '-' && !/^[\s:-]*$/.test(failure);
    if (!isFailure && status === undefined) continue;
    const key = isFailure ? `execution-failure|${failure}` : `execution-status|${status}`;
    const accumulator = groups.get(key) ?? {
      group: {
        key,
        kind: isFailure ? ('execution-failure' as const) : ('execution-status' as const),
        ...(isFailure ? {} : { status }),
        signature: isFailure ? failure : `Method completed with status: ${status}`,
        rawSignature: isFailure ? failure : '-',
        parts: {},
        count: 0,
        requestIds: [],
      },
      bins: [],
    };
    add(accumulator, row, count);
    groups.set(key, accumulator);
  }
  const list = finish([...groups.values()]);
  const statusGroups = list.filter((group) => group.kind === 'execution-status');
  const counted = totals(statusGroups);
  const times = list.flatMap((group) => [group.firstSeen, group.lastSeen]).filter((t): t is number => t !== undefined);
  return {
    countedFrom: 'execution-log',
    ...counted,
    ...(counted.onset === undefined && times.length > 0 ? { onset: Math.min(...times), last: Math.max(...times) } : {}),
    groups: list,
  };
}

function add(accumulator: Accumulator, row: Record<string, string>, count: number): void {
  const group = accumulator.group;
  group.count += count;
  const first = parseTimeValue(row[FAILURE_COLUMNS.firstSeen]);
  const last = parseTimeValue(row[FAILURE_COLUMNS.lastSeen]);
  if (first !== undefined) group.firstSeen = Math.min(group.firstSeen ?? first, first);
  if (last !== undefined) group.lastSeen = Math.max(group.lastSeen ?? last, last);
  const bin = parseTimeValue(row[FAILURE_COLUMNS.bin]) ?? first ?? 0;
  const ids = safeIds([row[FAILURE_COLUMNS.firstRequestId] ?? '', row[FAILURE_COLUMNS.lastRequestId] ?? '']);
  accumulator.bins.push({ bin, ids });
}

function finish(accumulators: Accumulator[]): FailureGroup[] {
  for (const { group, bins } of accumulators) {
    bins.sort((a, b) => a.bin - b.bin);
    group.requestIds = [...new Set(bins.flatMap((bin) => bin.ids))];
  }
  return accumulators.map((a) => a.group).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function totals(groups: FailureGroup[]): Omit<FailureSummary, 'countedFrom' | 'groups'> {
  const byStatus: Record<string, number> = {};
  const byRoute: Record<string, number> = {};
  let total = 0;
  let onset: number | undefined;
  let last: number | undefined;
  for (const group of groups) {
    total += group.count;
    if (group.status !== undefined) byStatus[String(group.status)] = (byStatus[String(group.status)] ?? 0) + group.count;
    if (group.route) byRoute[group.route] = (byRoute[group.route] ?? 0) + group.count;
    if (group.firstSeen !== undefined) onset = Math.min(onset ?? group.firstSeen, group.firstSeen);
    if (group.lastSeen !== undefined) last = Math.max(last ?? group.lastSeen, group.lastSeen);
  }
  return { total, byStatus, byRoute, ...(onset !== undefined ? { onset } : {}), ...(last !== undefined ? { last } : {}) };
}

function countOf(row: Record<string, string>): number | undefined {
  const count = Number(row[FAILURE_COLUMNS.requests]);
  return Number.isFinite(count) && count > 0 ? Math.round(count) : undefined;
}

function statusNumber(text: string): number | undefined {
  const match = /^(\d{3})(?:\.0+)?$/.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

/** "GET GET /pets" (a method glued before an HTTP API routeKey) → "GET /pets"; "- /pets" → "/pets"; "-" → "". */
function normaliseRoute(route: string): string {
  let text = route.trim().replace(/\s+/g, ' ');
  text = text.replace(/^([A-Z]+) (?=\1 )/, '');
  text = text.replace(/^- /, '').replace(/ -$/, '');
  return text === '-' ? '' : text;
}

function signatureParts(raw: string): Partial<Record<SignaturePart, string>> {
  const values = raw.split(SIGNATURE_SEPARATOR);
  const parts: Partial<Record<SignaturePart, string>> = {};
  SIGNATURE_PARTS.forEach((name, index) => {
    const value = values[index]?.trim();
    if (value && value !== '-') parts[name] = value;
  });
  return parts;
}

function describeParts(parts: Partial<Record<SignaturePart, string>>): string {
  const words: string[] = [];
  if (parts.errorResponseType) words.push(parts.errorResponseType);
  if (parts.integrationError) words.push(parts.integrationError);
  if (parts.errorMessage && parts.errorMessage !== parts.integrationError) words.push(parts.errorMessage);
  if (parts.authorizerError) words.push(`authorizer: ${parts.authorizerError}`);
  if (parts.integrationStatus) words.push(`integration status ${parts.integrationStatus}`);
  return words.join('; ');
}

/** One stratum of a sample: how many failing requests it has, how many ids can be drawn, which signature it shows. */
export interface Stratum {
  count: number;
  /** Ids available to draw (≤ count). */
  capacity: number;
  /** Strata with the same family share an error signature (e.g. the same error on several routes). */
  family: string;
}

/**
 * How many ids to draw from each stratum, `total` in all: first one for each signature family (largest first), then
 * one for every other stratum, then up to `minEach` for each, then the rest in proportion to the counts (D'Hondt).
 * No stratum gets more than its capacity; the sum is min(total, total capacity).
 */
export function allocateSample(strata: readonly Stratum[], total = 20, minEach = 2): number[] {
  const allocation = strata.map(() => 0);
  let left = Math.max(0, Math.floor(total));
  const capacity = strata.map((stratum) => Math.max(0, Math.min(Math.floor(stratum.capacity), Math.floor(stratum.count))));
  const familyCount = new Map<string, number>();
  strata.forEach((stratum) => familyCount.set(stratum.family, (familyCount.get(stratum.family) ?? 0) + stratum.count));
  const seenFamily = new Set<string>();
  const byCount = strata.map((_, index) => index).sort((a, b) => (strata[b]?.count ?? 0) - (strata[a]?.count ?? 0) || a - b);
  // Leaders: the largest stratum of each family, families ordered by their size.
  const leaders = byCount
    .filter((index) => {
      const family = strata[index]?.family ?? '';
      if (seenFamily.has(family)) return false;
      seenFamily.add(family);
      return true;
    })
    .sort((a, b) => (familyCount.get(strata[b]?.family ?? '') ?? 0) - (familyCount.get(strata[a]?.family ?? '') ?? 0) || a - b);
  const order = [...leaders, ...byCount.filter((index) => !leaders.includes(index))];

  for (let round = 1; round <= Math.max(1, minEach) && left > 0; round++) {
    for (const index of order) {
      if (left === 0) break;
      if ((allocation[index] ?? 0) < Math.min(round, capacity[index] ?? 0)) {
        allocation[index] = (allocation[index] ?? 0) + 1;
        left--;
      }
    }
  }
  while (left > 0) {
    let best = -1;
    let bestQuotient = -1;
    for (const index of byCount) {
      if ((allocation[index] ?? 0) >= (capacity[index] ?? 0)) continue;
      const quotient = (strata[index]?.count ?? 0) / ((allocation[index] ?? 0) + 1);
      if (quotient > bestQuotient) {
        best = index;
        bestQuotient = quotient;
      }
    }
    if (best < 0) break;
    allocation[best] = (allocation[best] ?? 0) + 1;
    left--;
  }
  return allocation;
}

export interface StratifiedSample {
  /** The sampled request ids, in group order. */
  requestIds: string[];
  /** Per stratum (a group of the summary): the ids drawn from it. */
  perGroup: { key: string; requestIds: string[] }[];
  /** Groups that would have liked more ids than their candidates gave (signatureSampleQuery can fetch more). */
  shortGroups: string[];
}

/**
 * A sample of failing request ids stratified by error signature (default 20 ids, at least 2 per signature where
 * there are enough), drawn evenly across each group's time bins. For execution logs the failure groups are the
 * strata; the status groups join them only for the failing requests that no failure line explains (an HTTP backend's
 * own 5xx passed through, for instance), in proportion to how many those are.
 */
export function stratifiedSample(summary: FailureSummary, total = 20, minEach = 2): StratifiedSample {
  const strata: { group: FailureGroup; count: number }[] = summary.groups.map((group) => ({ group, count: group.count }));
  if (summary.countedFrom === 'execution-log') {
    const failures = strata.filter(({ group }) => group.kind === 'execution-failure');
    const statuses = strata.filter(({ group }) => group.kind === 'execution-status');
    const failureTotal = failures.reduce((sum, { count }) => sum + count, 0);
    const statusTotal = statuses.reduce((sum, { count }) => sum + count, 0);
    if (failures.length > 0) {
      const unexplained = Math.max(0, statusTotal - failureTotal);
      strata.length = 0;
      strata.push(...failures);
      if (unexplained > 0) {
        for (const { group, count } of statuses) strata.push({ group, count: Math.max(1, Math.round((count * unexplained) / statusTotal)) });
      }
    }
  }
  const family = (group: FailureGroup): string => `${group.status ?? ''}|${group.rawSignature}`;
  const allocation = allocateSample(
    strata.map(({ group, count }) => ({ count, capacity: group.requestIds.length, family: family(group) })),
    total,
    minEach,
  );
  // What each stratum would get with unlimited candidates: the ones that got less are "short".
  const wanted = allocateSample(
    strata.map(({ group, count }) => ({ count, capacity: count, family: family(group) })),
    total,
    minEach,
  );
  const taken = new Set<string>();
  const perGroup = strata.map(({ group }, index) => {
    const ids = spread(
      group.requestIds.filter((id) => !taken.has(id)),
      allocation[index] ?? 0,
    );
    ids.forEach((id) => taken.add(id));
    return { key: group.key, requestIds: ids };
  });
  // One request can stand in two strata (a throttled call logs two failure lines): fill the places its repeat left.
  let missing = Math.min(total, strata.reduce((sum, { group }) => sum + group.requestIds.length, 0)) - taken.size;
  for (const index of strata.map((_, i) => i).sort((a, b) => (strata[b]?.count ?? 0) - (strata[a]?.count ?? 0))) {
    if (missing <= 0) break;
    const entry = perGroup[index];
    const free = (strata[index]?.group.requestIds ?? []).filter((id) => !taken.has(id));
    for (const id of spread(free, Math.min(missing, free.length))) {
      entry?.requestIds.push(id);
      taken.add(id);
      missing--;
    }
  }
  const shortGroups = strata.filter((_, index) => (allocation[index] ?? 0) < (wanted[index] ?? 0)).map(({ group }) => group.key);
  return { requestIds: perGroup.flatMap((group) => group.requestIds), perGroup, shortGroups };
}

/** `k` items spread evenly over the list (first and last included when k ≥ 2). */
export function spread<T>(items: readonly T[], k: number): T[] {
  if (k <= 0 || items.length === 0) return [];
  if (k >= items.length) return [...items];
  if (k === 1) return [items[0] as T];
  const out: T[] = [];
  for (let i = 0; i < k; i++) out.push(items[Math.round((i * (items.length - 1)) / (k - 1))] as T);
  return out;
}
