import type { LiveClock } from '../live/liveClock.ts';
import type { LiveClients, LiveEvidenceOptions } from '../live/LiveEvidenceSource.ts';
import type { EvidenceStore } from '../store/EvidenceStore.ts';

/** The workflow's settings (the construct's config, passed to the functions as environment variables). */
export interface WorkflowSettings {
  /** Failing requests read in depth (default 20). */
  sampleSize: number;
  /** Sampled requests per Map item (default 5: one BatchGetTraces call, one query per log group kind). */
  batchSize: number;
  /** Logs Insights scan budget of one diagnosis, bytes (default 1 GB). */
  budgetBytes: number;
  /** The functions' region (AWS_REGION), for messages. */
  region?: string;
}

export const DEFAULT_WORKFLOW_SETTINGS: WorkflowSettings = { sampleSize: 20, batchSize: 5, budgetBytes: 1_000_000_000 };

/** What the evidence steps need: the account's clients, the evidence store, a clock, the settings. */
export interface WorkflowDeps {
  clients: LiveClients;
  store: EvidenceStore;
  clock: LiveClock;
  settings: WorkflowSettings;
}

/** The live source's options for one step. */
export function liveOptionsOf(deps: WorkflowDeps, budgetBytes = deps.settings.budgetBytes): LiveEvidenceOptions {
  return {
    clock: deps.clock,
    sampleSize: deps.settings.sampleSize,
    budgetBytes,
    ...(deps.settings.region !== undefined ? { region: deps.settings.region } : {}),
  };
}
