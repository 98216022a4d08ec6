import type { Diagnosis } from '../model/diagnosis.ts';
import { isRootCauseId, ROOT_CAUSE_TITLES } from '../model/rootCauses.ts';
import type { DiagnosisSummary, Incident } from '../workflow/stepPayloads.ts';
import { asArray, asNumber, asRecord, asString, isRecord } from '../context/json.ts';

/**
 * diagnosis.json as read back from the evidence store, checked for the parts a message needs (api, rootCause,
 * failingRequests); lists and records it lacks are filled empty so the renderer can run. Undefined when it is not a
 * diagnosis at all.
 */
export function asDiagnosis(doc: unknown): Diagnosis | undefined {
  if (!isRecord(doc)) return undefined;
  const api = asRecord(doc['api']);
  const rootCause = asRecord(doc['rootCause']);
  const failing = asRecord(doc['failingRequests']);
  const id = asString(rootCause?.['id']);
  if (api === undefined || rootCause === undefined || failing === undefined || id === undefined || !isRootCauseId(id)) return undefined;
  const base = doc as unknown as Diagnosis;
  const window = asRecord(doc['window']);
  return {
    ...base,
    api: { ...base.api, id: asString(api['id']) ?? '', stage: asString(api['stage']) ?? '' },
    window: window === undefined ? { start: '', end: '', source: 'none' } : base.window,
    failingRequests: {
      ...base.failingRequests,
      total: asNumber(failing['total']) ?? 0,
      sampled: (asArray(failing['sampled']) ?? []).filter((s): s is string => typeof s === 'string'),
      byStatus: asRecord(failing['byStatus']) === undefined ? {} : base.failingRequests.byStatus,
      byRoute: asRecord(failing['byRoute']) === undefined ? {} : base.failingRequests.byRoute,
    },
    rootCause: { ...base.rootCause, id, title: asString(rootCause['title']) ?? ROOT_CAUSE_TITLES[id], confidence: asNumber(rootCause['confidence']) ?? 0, summary: asString(rootCause['summary']) ?? '' },
    findings: (asArray(doc['findings']) ?? []).filter(isFinding) as Diagnosis['findings'],
    suspectChanges: (asArray(doc['suspectChanges']) ?? []).filter(isRecord) as unknown as Diagnosis['suspectChanges'],
    gaps: (asArray(doc['gaps']) ?? []).filter((g): g is string => typeof g === 'string'),
    unmatched: (asArray(doc['unmatched']) ?? []).filter(isRecord) as unknown as Diagnosis['unmatched'],
    stats: asRecord(doc['stats']) === undefined ? { filesRead: 0, filesSkipped: 0, eventsRead: 0, bytesRead: 0 } : base.stats,
  };
}

/** A finding the renderer can show: the lists it walks are lists. */
function isFinding(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value['id'] === 'string' &&
    ['evidence', 'remediation', 'routes', 'statusCodes', 'functions', 'sampledRequestIds'].every((k) => Array.isArray(value[k]))
  );
}

/** A diagnosis made from the workflow's summary alone, when diagnosis.json cannot be read: the message still goes out. */
export function diagnosisFromSummary(summary: DiagnosisSummary, incident: Incident | undefined, why: string): Diagnosis {
  const id = isRootCauseId(summary.rootCause) ? summary.rootCause : 'insufficient-evidence';
  const target = incident?.target.kind === 'api' ? incident.target : undefined;
  return {
    schemaVersion: 1,
    api: { id: summary.apiId ?? target?.api ?? '', stage: summary.stage ?? target?.stage ?? '', type: 'UNKNOWN' },
    window: { start: '', end: '', source: 'none' },
    failingRequests: { total: summary.failingRequests, sampled: [], byStatus: {}, byRoute: {}, countedFrom: 'none' },
    rootCause: {
      id,
      title: ROOT_CAUSE_TITLES[id],
      confidence: summary.confidence,
      summary: `The full diagnosis could not be read (${why}); this message carries only the workflow's summary of it.`,
    },
    findings: [],
    suspectChanges: [],
    gaps: [`diagnosis.json could not be read: ${why}`],
    unmatched: [],
    stats: { filesRead: 0, filesSkipped: 0, eventsRead: 0, bytesRead: 0 },
  };
}
