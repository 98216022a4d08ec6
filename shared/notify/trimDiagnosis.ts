import type { Diagnosis, EvidenceItem, Finding } from '../model/diagnosis.ts';

/** How far a level cuts the diagnosis: counts of list items, lengths of texts. */
interface TrimLimits {
  findings: number;
  evidencePerFinding: number;
  excerptChars: number;
  /** Sampled request ids, routes, functions, status codes per list. */
  listItems: number;
  routesCounted: number;
  remediation: number;
  links: number;
  summaryChars: number;
  gaps: number;
  gapChars: number;
  suspectChanges: number;
  unmatched: number;
}

/**
 * The cuts tried in turn when the diagnosis JSON does not fit in the SNS message: each keeps the root cause, the
 * counts and the findings' conclusions, and gives up first the bulk (excerpts, sampled ids, long lists), then the
 * detail. The last is a skeleton that always fits.
 */
const LEVELS: TrimLimits[] = [
  { findings: 50, evidencePerFinding: 20, excerptChars: 4000, listItems: 100, routesCounted: 100, remediation: 20, links: 10, summaryChars: 4000, gaps: 100, gapChars: 2000, suspectChanges: 50, unmatched: 50 },
  { findings: 20, evidencePerFinding: 5, excerptChars: 1000, listItems: 20, routesCounted: 30, remediation: 10, links: 5, summaryChars: 2000, gaps: 30, gapChars: 600, suspectChanges: 15, unmatched: 10 },
  { findings: 10, evidencePerFinding: 2, excerptChars: 300, listItems: 5, routesCounted: 10, remediation: 5, links: 2, summaryChars: 1000, gaps: 10, gapChars: 300, suspectChanges: 5, unmatched: 3 },
  { findings: 5, evidencePerFinding: 0, excerptChars: 0, listItems: 0, routesCounted: 5, remediation: 3, links: 0, summaryChars: 500, gaps: 3, gapChars: 200, suspectChanges: 0, unmatched: 0 },
  { findings: 0, evidencePerFinding: 0, excerptChars: 0, listItems: 0, routesCounted: 0, remediation: 0, links: 0, summaryChars: 300, gaps: 0, gapChars: 0, suspectChanges: 0, unmatched: 0 },
];

/** The diagnosis, then each cut of it, smallest last. */
export function trimmedDiagnoses(d: Diagnosis): Diagnosis[] {
  return [d, ...LEVELS.map((limits) => trimDiagnosis(d, limits))];
}

function trimDiagnosis(d: Diagnosis, l: TrimLimits): Diagnosis {
  const trimmed: Diagnosis = {
    ...d,
    api: { ...d.api, id: cut(d.api.id, 200), stage: cut(d.api.stage, 200), ...(d.api.name === undefined ? {} : { name: cut(d.api.name, 200) }) },
    failingRequests: {
      ...d.failingRequests,
      sampled: d.failingRequests.sampled.slice(0, l.listItems),
      byStatus: topCounts(d.failingRequests.byStatus, 50),
      byRoute: topCounts(d.failingRequests.byRoute, l.routesCounted),
    },
    rootCause: {
      ...d.rootCause,
      title: cut(d.rootCause.title, 200),
      summary: cut(d.rootCause.summary, l.summaryChars),
      ...(d.rootCause.remediation === undefined ? {} : { remediation: d.rootCause.remediation.slice(0, l.remediation).map((r) => cut(r, l.summaryChars)) }),
    },
    findings: d.findings.slice(0, l.findings).map((f) => trimFinding(f, l)),
    suspectChanges: d.suspectChanges.slice(0, l.suspectChanges).map((c) => ({ ...c, what: cut(c.what, 500), who: cut(c.who, 200) })),
    gaps: d.gaps.slice(0, l.gaps).map((g) => cut(g, l.gapChars)),
    unmatched: d.unmatched.slice(0, l.unmatched).map((u) => ({ kind: cut(u.kind, 200), count: u.count, ...(u.example === undefined ? {} : { example: cut(u.example, 300) }) })),
  };
  if (d.alarm !== undefined) trimmed.alarm = { ...d.alarm, name: cut(d.alarm.name, 255) };
  return trimmed;
}

function trimFinding(f: Finding, l: TrimLimits): Finding {
  const finding: Finding = {
    ...f,
    title: cut(f.title, 200),
    summary: cut(f.summary, l.summaryChars),
    evidence: f.evidence.slice(0, l.evidencePerFinding).map((e) => trimEvidence(e, l.excerptChars)),
    remediation: f.remediation.slice(0, l.remediation).map((r) => cut(r, l.summaryChars)),
    routes: f.routes.slice(0, Math.max(l.listItems, 3)).map((r) => cut(r, 300)),
    statusCodes: f.statusCodes.slice(0, 20),
    functions: f.functions.slice(0, Math.max(l.listItems, 3)).map((n) => cut(n, 200)),
    sampledRequestIds: f.sampledRequestIds.slice(0, l.listItems),
  };
  if (f.alternatives !== undefined) finding.alternatives = f.alternatives.slice(0, 5);
  if (f.links !== undefined) finding.links = f.links.slice(0, l.links);
  return finding;
}

function trimEvidence(e: EvidenceItem, excerptChars: number): EvidenceItem {
  return { ...e, excerpt: cut(e.excerpt, excerptChars) };
}

/** The largest counts of a record (routes by failures), so a cut keeps what matters most. */
function topCounts(record: Record<string, number>, n: number): Record<string, number> {
  const entries = Object.entries(record);
  if (entries.length <= n) return record;
  return Object.fromEntries(entries.sort((a, b) => b[1] - a[1]).slice(0, n));
}

/**
 * A text cut to `max` characters, keeping its head and its end (a Java stack starts with the exception, a Python
 * traceback ends with it).
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max < 20) return `${text.slice(0, max - 1)}…`;
  const tail = Math.floor(max / 3);
  return `${text.slice(0, max - tail - 3)} … ${text.slice(text.length - tail)}`;
}
