import type { AccessLogRecord, TraceSegment, TraceSummaryRecord } from '../model/records.ts';
import type { FunctionInfo, IntegrationInfo } from '../model/context.ts';
import type { ExecutionFacts } from '../parsers/executionLogFacts.ts';
import type { ExecutionRequest } from './EvidenceCollector.ts';
import type { Invocation } from './invocation.ts';

/** How a Lambda invocation was tied to an API request: by an id both sides carry, or only by time and function. */
export type InvocationMatch = 'request-id' | 'trace' | 'time';

/** Everything known about one failing API request, across layers. Rules read only this. */
export interface RequestEvidence {
  requestId: string;
  /** Epoch ms of the request (access log requestTime, else first execution line). */
  time: number;
  status?: number;
  /** "GET /orders/{id}" where known. */
  route?: string;
  access?: AccessLogRecord;
  execution?: ExecutionRequest;
  facts?: ExecutionFacts;
  lambdaRequestId?: string;
  invocation?: Invocation;
  invocationMatch?: InvocationMatch;
  /** The Lambda authorizer's failed invocation for this request, tied by time (authorizer routes only). */
  authorizerInvocation?: Invocation;
  authorizerFunction?: string;
  functionName?: string;
  functionConfig?: FunctionInfo;
  integration?: IntegrationInfo;
  traceId?: string;
  segments: TraceSegment[];
  traceSummary?: TraceSummaryRecord;
}
