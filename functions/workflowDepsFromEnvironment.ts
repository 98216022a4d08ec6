import { S3Client } from '@aws-sdk/client-s3';
import { type LiveClientClasses, stepClients } from '../shared/live/stepClients.ts';
import { systemClock } from '../shared/live/liveClock.ts';
import { S3EvidenceStore } from '../shared/store/S3EvidenceStore.ts';
import { DEFAULT_WORKFLOW_SETTINGS, type WorkflowDeps } from '../shared/workflow/WorkflowDeps.ts';

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * The evidence steps' dependencies in Lambda: clients for the services the step declares (only those are bundled;
 * any other call says so), the S3 evidence bucket, the config.
 */
export function workflowDepsFromEnvironment(step: string, classes: Partial<LiveClientClasses>): WorkflowDeps {
  const bucket = process.env.EVIDENCE_BUCKET;
  if (!bucket) throw new Error('EVIDENCE_BUCKET is not set');
  const region = process.env.AWS_REGION;
  return {
    // Adaptive retry: the SDK slows down by itself when a service throttles (as the CLI's clients do).
    clients: stepClients(step, classes, { retryMode: 'adaptive', maxAttempts: 4, ...(region !== undefined ? { region } : {}) }),
    store: new S3EvidenceStore(new S3Client(region !== undefined ? { region } : {}), bucket),
    clock: systemClock,
    settings: {
      sampleSize: positive('SAMPLE_SIZE', DEFAULT_WORKFLOW_SETTINGS.sampleSize),
      batchSize: positive('BATCH_SIZE', DEFAULT_WORKFLOW_SETTINGS.batchSize),
      budgetBytes: positive('INSIGHTS_BUDGET_BYTES', DEFAULT_WORKFLOW_SETTINGS.budgetBytes),
      ...(region !== undefined ? { region } : {}),
    },
  };
}
