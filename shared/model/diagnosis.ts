import type { RootCauseId } from './rootCauses.ts';

/** Diagnosis JSON, contract section 3. Required fields first; the rest are additions. */
export type EvidenceSourceKind =
  | 'access-log'
  | 'execution-log'
  | 'lambda-log'
  | 'xray'
  | 'metrics'
  | 'changes'
  | 'config'
  | 'alarm';

export interface EvidenceItem {
  source: EvidenceSourceKind;
  /** API Gateway's $context.requestId, when the item belongs to one request. */
  requestId?: string;
  timestamp?: string;
  excerpt: string;
  lambdaRequestId?: string;
  traceId?: string;
  extendedRequestId?: string;
  functionName?: string;
  logGroup?: string;
  /** Bundle file the excerpt was read from. */
  file?: string;
}

export interface Alternative {
  id: RootCauseId;
  confidence: number;
}

export interface Finding {
  id: RootCauseId;
  title: string;
  requestCount: number;
  confidence: number;
  summary: string;
  evidence: EvidenceItem[];
  remediation: string[];
  alternatives?: Alternative[];
  routes: string[];
  statusCodes: number[];
  functions: string[];
  firstSeen?: string;
  lastSeen?: string;
  sampledRequestIds: string[];
  /** Console deep links (Logs Insights query for the window, X-Ray trace, function), when the region is known. */
  links?: ConsoleLink[];
}

export interface ConsoleLink {
  label: string;
  url: string;
}

export interface SuspectChange {
  time: string;
  what: string;
  who: string;
  source: 'cloudtrail' | 'deployment' | 'function-config';
  resource?: string;
}

export interface Diagnosis {
  schemaVersion: 1;
  api: { id: string; stage: string; type: 'REST' | 'HTTP' | 'UNKNOWN'; name?: string };
  window: { start: string; end: string; source: 'alarm' | 'command-line' | 'failures' | 'none' };
  failingRequests: {
    total: number;
    sampled: string[];
    byStatus: Record<string, number>;
    byRoute: Record<string, number>;
    onset?: string;
    last?: string;
    /** Where the count came from: the access log, execution logs, or a metric when no log has them. */
    countedFrom: 'access-log' | 'execution-log' | 'metrics' | 'none';
  };
  rootCause: {
    id: RootCauseId;
    title: string;
    confidence: number;
    summary: string;
    /** For insufficient-evidence (which is not a finding): what to turn on so the next diagnosis can decide. */
    remediation?: string[];
  };
  findings: Finding[];
  suspectChanges: SuspectChange[];
  gaps: string[];
  /** Evidence that was read but could not be tied to one failing request. */
  unmatched: { kind: string; count: number; example?: string }[];
  stats: { filesRead: number; filesSkipped: number; eventsRead: number; bytesRead: number };
  alarm?: { name: string; state?: string; time?: string; metric?: string };
  /** Live diagnoses: what reading the account cost (Logs Insights queries, bytes they scanned, AWS API calls). */
  cost?: DiagnosisCost;
}

export interface DiagnosisCost {
  logsInsightsQueries: number;
  bytesScanned: number;
  apiCalls: { service: string; action: string; count: number }[];
}
