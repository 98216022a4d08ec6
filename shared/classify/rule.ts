import type { Alternative, EvidenceItem } from '../model/diagnosis.ts';
import type { RootCauseId } from '../model/rootCauses.ts';
import type { BundleContext } from '../model/context.ts';
import type { RequestEvidence } from '../correlate/requestEvidence.ts';

/** Named facts a rule found, used to write the summary and the remediation of a finding. */
export interface MatchFacts {
  functionName?: string;
  functionArn?: string;
  qualifier?: string;
  timeoutSeconds?: number;
  memorySizeMb?: number;
  maxMemoryUsedMb?: number;
  durationMs?: number;
  integrationLatencyMs?: number;
  integrationTimeoutMs?: number;
  errorType?: string;
  errorMessage?: string;
  backend?: string;
  service?: string;
  action?: string;
  resource?: string;
  principal?: string;
  authorizer?: string;
  detail?: string;
  runtime?: string;
  reservedConcurrency?: number;
  /** The dependency's failure named in the function's logs or trace. */
  dependency?: string;
}

export interface RuleMatch {
  id: RootCauseId;
  /** How sure this one request's evidence makes us, in [0, 1]. */
  confidence: number;
  /** One sentence: why this request matched. */
  reason: string;
  evidence: EvidenceItem[];
  facts: MatchFacts;
  alternatives?: Alternative[];
}

export interface ClassifyContext {
  context: BundleContext;
  apiType: 'REST' | 'HTTP' | 'UNKNOWN';
}

/** One root-cause rule: how a failing request is recognised, and what to do about it. */
export interface Rule {
  id: RootCauseId;
  match(request: RequestEvidence, ctx: ClassifyContext): RuleMatch | undefined;
  /** One plain sentence for an on-call engineer, from the facts of the finding's requests. */
  summarise(finding: FindingFacts): string;
  /** Concrete steps naming the function, route, timeout or permission involved. */
  remediate(finding: FindingFacts): string[];
}

/** What the requests of one finding have in common, for summaries and remediation. */
export interface FindingFacts {
  requestCount: number;
  routes: string[];
  functions: string[];
  statusCodes: number[];
  /** The most frequent value of each fact across the finding's matches. */
  facts: MatchFacts;
  region?: string;
  accountId?: string;
  apiId?: string;
  stage?: string;
  apiType: 'REST' | 'HTTP' | 'UNKNOWN';
  firstSeen?: string;
  context: BundleContext;
}
