import type { EvidenceItem, Finding } from '../model/diagnosis.ts';
import type { BundleContext } from '../model/context.ts';
import type { RootCauseId } from '../model/rootCauses.ts';
import { ROOT_CAUSE_TITLES } from '../model/rootCauses.ts';
import type { RequestEvidence } from '../correlate/requestEvidence.ts';
import type { FindingFacts, MatchFacts } from './rule.ts';
import { type RequestClassification, round2 } from './classifyRequest.ts';
import { ruleFor } from './rules/index.ts';
import { insufficientEvidence } from './rules/insufficientEvidence.ts';
import { contextEvidence } from './contextEvidence.ts';
import { accessEvidence } from './evidenceExcerpts.ts';
import { redact } from '../redact/redact.ts';

export interface FindingScope {
  apiId?: string;
  stage?: string;
  apiType: 'REST' | 'HTTP' | 'UNKNOWN';
  region?: string;
  accountId?: string;
  context: BundleContext;
  window?: { start: number; end: number };
  /** What is missing, for the insufficient-evidence finding. */
  missing: string[];
}

/** Requests that look alike to a client: same route, status and error texts. */
function signature(r: RequestEvidence): string {
  return [r.route ?? '', r.status ?? '', r.access?.errorMessage ?? '', r.access?.integrationErrorMessage ?? r.access?.integrationError ?? ''].join('|');
}


function topCause(counts: Map<RootCauseId, number> | undefined): RootCauseId | undefined {
  return counts ? [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] : undefined;
}

const MAX_EVIDENCE = 6;
const MAX_SAMPLED = 20;

/** Requests no rule explained, even by resemblance: not a finding, but said in the root cause or the gaps. */
export interface Unexplained {
  requestCount: number;
  summary: string;
  remediation: string[];
  requestIds: string[];
  evidence: EvidenceItem[];
}

/**
 * Groups classified requests into findings, one per root cause, most requests first. Requests no rule
 * explains take the cause of identical-looking requests that were explained (live diagnoses only read
 * a sample in depth); the rest are returned as `unexplained`, not as a finding.
 */
export function buildFindings(classified: readonly RequestClassification[], scope: FindingScope): { findings: Finding[]; unexplained?: Unexplained } {
  // Lend causes from requests explained by direct evidence; a request tied to its invocation only by
  // time lends its cause only where nothing direct looks like it.
  const direct = new Map<string, Map<RootCauseId, number>>();
  const byTime = new Map<string, Map<RootCauseId, number>>();
  for (const c of classified) {
    if (!c.match) continue;
    const table = c.request.invocationMatch === 'time' ? byTime : direct;
    const sig = signature(c.request);
    const counts = table.get(sig) ?? new Map<RootCauseId, number>();
    counts.set(c.match.id, (counts.get(c.match.id) ?? 0) + 1);
    table.set(sig, counts);
  }
  const explainedBySignature = new Map([...byTime, ...direct]);
  const withExecution = new Map<string, Map<RootCauseId, number>>();
  for (const c of classified) {
    if (!c.match || c.request.execution === undefined || c.request.invocationMatch === 'time') continue;
    const sig = signature(c.request);
    const counts = withExecution.get(sig) ?? new Map<RootCauseId, number>();
    counts.set(c.match.id, (counts.get(c.match.id) ?? 0) + 1);
    withExecution.set(sig, counts);
  }

  const groups = new Map<RootCauseId, { direct: RequestClassification[]; inferred: RequestEvidence[] }>();
  const group = (id: RootCauseId) => {
    let g = groups.get(id);
    if (!g) {
      g = { direct: [], inferred: [] };
      groups.set(id, g);
    }
    return g;
  };
  for (const c of classified) {
    // A request without execution lines (outside the sample a live diagnosis reads in depth) takes the cause that
    // identical-looking requests proved with theirs: its access record and invocation cannot tell "the function
    // returned 500" from "the integration response mapped the function's error to 500".
    const lent = c.match && c.request.execution === undefined ? topCause(withExecution.get(signature(c.request))) : undefined;
    if (c.match && (lent === undefined || lent === c.match.id)) {
      group(c.match.id).direct.push(c);
      continue;
    }
    if (lent !== undefined) {
      group(lent).inferred.push(c.request);
      continue;
    }
    const counts = explainedBySignature.get(signature(c.request));
    const top = counts ? [...counts.entries()].sort((a, b) => b[1] - a[1])[0] : undefined;
    group(top ? top[0] : 'insufficient-evidence').inferred.push(c.request);
  }

  const findings: Finding[] = [];
  let unexplained: Unexplained | undefined;
  for (const [id, g] of groups) {
    const requests = [...g.direct.map((c) => c.request), ...g.inferred];
    const routes = topValues(requests.map((r) => r.route));
    const functions = topValues([...g.direct.map((c) => c.match?.facts.functionName), ...requests.map((r) => r.functionName)]);
    const statusCodes = [...new Set(requests.map((r) => r.status).filter((s): s is number => s !== undefined))].sort();
    const times = requests.map((r) => r.time).filter((t) => t > 0).sort((a, b) => a - b);
    const firstSeen = times.length > 0 ? new Date(times[0] as number).toISOString() : undefined;
    const lastSeen = times.length > 0 ? new Date(times[times.length - 1] as number).toISOString() : undefined;
    const facts = commonFacts(g.direct.map((c) => c.match?.facts).filter((f): f is MatchFacts => f !== undefined));
    const findingFacts: FindingFacts = {
      requestCount: requests.length,
      routes,
      functions,
      statusCodes,
      facts,
      apiType: scope.apiType,
      context: scope.context,
    };
    if (scope.region) findingFacts.region = scope.region;
    if (scope.accountId) findingFacts.accountId = scope.accountId;
    if (scope.apiId) findingFacts.apiId = scope.apiId;
    if (scope.stage) findingFacts.stage = scope.stage;
    if (firstSeen) findingFacts.firstSeen = firstSeen;

    if (id === 'insufficient-evidence') {
      unexplained = {
        requestCount: requests.length,
        summary: insufficientEvidence.summarise(findingFacts, scope.missing),
        remediation: insufficientEvidence.remediate(findingFacts, scope.missing),
        requestIds: requests.map((r) => r.requestId).filter(Boolean).slice(0, MAX_SAMPLED),
        evidence: requests
          .slice(0, 3)
          .map((r) => accessEvidence(r))
          .filter((e): e is EvidenceItem => e !== undefined),
      };
      continue;
    }
    const rule = ruleFor(id);
    const direct = g.direct.map((c) => c.match?.confidence ?? 0);
    const mean = direct.reduce((a, b) => a + b, 0) / Math.max(1, direct.length);
    // Inferred requests share the look of explained ones but were not examined: they dilute a little.
    const inferredShare = g.inferred.length / requests.length;
    const confidence = round2(mean * (1 - 0.15 * inferredShare));
    // Facts quote log text (response bodies, error messages): redact what leaves, in one place.
    const summary = redact(rule ? rule.summarise(findingFacts) : ROOT_CAUSE_TITLES[id]);
    const remediation = (rule ? rule.remediate(findingFacts) : []).map((step) => redact(step));
    const evidence = [...pickEvidence(g.direct), ...contextEvidence(id, functions, scope.context, scope.window)];
    const alternatives = new Map<RootCauseId, number>();
    for (const c of g.direct) {
      for (const alt of c.alternatives) alternatives.set(alt.id, Math.max(alternatives.get(alt.id) ?? 0, alt.confidence));
    }
    const sampled = [...g.direct.map((c) => c.request.requestId), ...g.inferred.map((r) => r.requestId)].filter(Boolean).slice(0, MAX_SAMPLED);
    const finding: Finding = {
      id,
      title: ROOT_CAUSE_TITLES[id],
      requestCount: requests.length,
      confidence,
      summary,
      evidence,
      remediation,
      routes,
      statusCodes,
      functions,
      sampledRequestIds: sampled,
    };
    if (alternatives.size > 0) {
      finding.alternatives = [...alternatives.entries()]
        .filter(([alt]) => alt !== id)
        .sort((a, b) => b[1] - a[1])
        .map(([altId, conf]) => ({ id: altId, confidence: round2(conf) }));
    }
    if (firstSeen) finding.firstSeen = firstSeen;
    if (lastSeen) finding.lastSeen = lastSeen;
    findings.push(finding);
  }
  findings.sort((a, b) => b.requestCount - a.requestCount || b.confidence - a.confidence);
  return unexplained ? { findings, unexplained } : { findings };
}

/** Values by frequency, most common first. */
function topValues(values: readonly (string | undefined)[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => v);
}

/** The most frequent value of each fact across the finding's matches. */
function commonFacts(all: readonly MatchFacts[]): MatchFacts {
  const out: Record<string, unknown> = {};
  const keys = new Set(all.flatMap((f) => Object.keys(f)));
  for (const key of keys) {
    const counts = new Map<string, { value: unknown; n: number }>();
    for (const f of all) {
      const value = (f as Record<string, unknown>)[key];
      if (value === undefined) continue;
      const k = JSON.stringify(value);
      const entry = counts.get(k) ?? { value, n: 0 };
      entry.n++;
      counts.set(k, entry);
    }
    const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
    if (best) out[key] = best.value;
  }
  return out as MatchFacts;
}

/**
 * The decisive excerpts: every item of the most confident request, then one item each from other
 * requests (different sources first), without repeating the same excerpt.
 */
function pickEvidence(direct: readonly RequestClassification[]): EvidenceItem[] {
  const sorted = [...direct].sort((a, b) => (b.match?.confidence ?? 0) - (a.match?.confidence ?? 0));
  const picked: EvidenceItem[] = [];
  const seen = new Set<string>();
  const add = (e: EvidenceItem) => {
    const key = `${e.source}|${e.excerpt.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '')}`;
    if (seen.has(key) || picked.length >= MAX_EVIDENCE) return;
    seen.add(key);
    picked.push(e);
  };
  for (const e of sorted[0]?.match?.evidence ?? []) add(e);
  const sourcesSeen = new Set(picked.map((e) => e.source));
  for (const c of sorted.slice(1)) {
    const fresh = c.match?.evidence.find((e) => !sourcesSeen.has(e.source)) ?? c.match?.evidence[0];
    if (fresh) {
      add(fresh);
      sourcesSeen.add(fresh.source);
    }
    if (picked.length >= 4) break;
  }
  return picked;
}
