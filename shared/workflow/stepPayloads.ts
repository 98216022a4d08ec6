/**
 * What the workflow's states hand each other (Step Functions JSONPath state, capped at 256 KiB): small
 * summaries and references into the evidence store, never the evidence itself. One type per state's input and
 * output; the state machine (infra/diagnosisWorkflow.ts) places them at the paths named here.
 */

/** A window, epoch ms. */
export interface WindowMs {
  start: number;
  end: number;
}

/** What a diagnosis is about, before the scope is resolved. */
export type DiagnosisTarget =
  /** A "CloudWatch Alarm State Change" event as EventBridge delivered it (the API, stage and window come from it). */
  | { kind: 'alarm-event'; event: unknown }
  /** The manual API or chat-ops: an API (id or name) and stage, and a window (from/to or since, ms). */
  | { kind: 'api'; api: string; stage: string; from?: number; to?: number; since?: number };

/** Where chat-ops wants the result: the slash command's response_url (30 minutes), its channel and user. */
export interface ManualReply {
  responseUrl?: string;
  channelId?: string;
  userId?: string;
  threadTs?: string;
}

/** Input of the state machine when started by the manual API or chat-ops (the alarm path gets the raw event). */
export interface ManualExecutionInput {
  manual: {
    /** The diagnosis id, also the execution name. */
    id: string;
    apiId: string;
    stage: string;
    from?: number;
    to?: number;
    since?: number;
    /** Who asked (an IAM principal ARN, a Slack user), for the logs and the message. */
    requestedBy?: string;
    /** Where to post the result when chat-ops started it (a Slack response_url, the channel, the asker, the thread). */
    reply?: ManualReply;
  };
}

/** $.incident — ClaimIncident's output. */
export interface Incident {
  /** Unique per diagnosis; names its folder in the evidence store. */
  diagnosisId: string;
  /** False: a duplicate delivery of a transition already claimed, or the API is cooling down. */
  proceed: boolean;
  /** Why not (for the execution's output). */
  reason?: string;
  target: DiagnosisTarget;
  /** A chat-ops request's reply target, for Notify. */
  reply?: ManualReply;
  /** Epoch ms the diagnosis was asked for (the alarm's transition time, or the request's). */
  requestedAt: number;
}

/** $.scope — ResolveScope's output. */
export interface ScopeSummary {
  /** The snapshot of the scope in the evidence store. */
  ref: string;
  apiId: string;
  apiName?: string;
  apiType: 'REST' | 'HTTP';
  stage: string;
  region?: string;
  window: WindowMs;
}

/** One failing request of the sample, as FindFailingRequests names it. */
export interface SampledRequestRef {
  requestId: string;
  time: number;
}

/** $.failing — FindFailingRequests' output. */
export interface FailingSummary {
  /** The failing records and the phase's evidence in the store (absent when the step failed). */
  ref?: string;
  /** Failing requests found in the window. */
  total: number;
  /** The sample, in batches of at most `batchSize`: the Map's items. */
  batches: SampledRequestRef[][];
}

/** An item of the Map ForEachSampleBatch. */
export interface RequestBatchInput {
  incident: Incident;
  scope: ScopeSummary;
  /** The whole FailingSummary (small: the sample's ids and times). */
  failing: FailingSummary;
  batch: SampledRequestRef[];
  index: number;
}

/** What an evidence step stored: its fragment's reference. */
export interface FragmentRef {
  ref: string;
}

/** A step that failed and was caught: Step Functions' Catch output ({Error, Cause}). */
export interface CaughtFailure {
  Error?: string;
  Cause?: string;
}

/** Which steps failed, by step (set by the Catches), read by Classify into the diagnosis' gaps. */
export interface StepFailures {
  scope?: CaughtFailure;
  failing?: CaughtFailure;
  gather?: CaughtFailure;
}

/**
 * $.gathered — GatherEvidence's output: [the Map's outputs, GatherContext's output]. A caught item failure is
 * `{ failed: {Error, Cause} }` in place of a FragmentRef.
 */
export type GatheredEvidence = [Array<FragmentRef | { failed: CaughtFailure }>, FragmentRef | { failed: CaughtFailure }];

/** Classify's input: the whole state. */
export interface ClassifyInput {
  incident: Incident;
  scope?: ScopeSummary;
  failing?: FailingSummary;
  gathered?: GatheredEvidence;
  failures?: StepFailures;
}

/** $.diagnosis — Classify's output, also the execution's output. */
export interface DiagnosisSummary {
  diagnosisId: string;
  /** diagnosis.json in the evidence store. */
  ref: string;
  rootCause: string;
  confidence: number;
  failingRequests: number;
  apiId?: string;
  stage?: string;
}

/** Notify's output. */
export interface NotifyResult {
  snsMessageId?: string;
  /** Where the Slack message went, and what went wrong after it (or why it was not posted). */
  slack?: { posted: string; problems?: string[] };
}
