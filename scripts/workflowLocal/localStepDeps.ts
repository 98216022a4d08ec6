import type { SNSClient } from '@aws-sdk/client-sns';
import type { ClaimIncidentDeps } from '../../functions/claim-incident/deps.ts';
import { MemoryIncidentLedger } from '../../shared/claim/MemoryIncidentLedger.ts';
import type { NotifyDeps } from '../../shared/notify/notify.ts';
import { type LiveService, restrictClients } from '../../shared/live/stepClients.ts';
import type { WorkflowDeps } from '../../shared/workflow/WorkflowDeps.ts';

export interface LocalAccount {
  workflowDeps: WorkflowDeps;
  sns: SNSClient;
  topicArn: string;
  now: () => number;
  slackUrl?: string;
}

/**
 * Each function's dependencies in a local run: the evidence steps share the bundle-backed account (restricted to
 * the services each declares) and the folder store; the claim step a ledger in memory (the default 30-minute cool-down); Notify the captured SNS topic.
 */
export function localStepDeps(local: LocalAccount): (step: string, services?: readonly LiveService[]) => unknown {
  const claim: ClaimIncidentDeps = { ledger: new MemoryIncidentLedger(), cooldownMs: () => 30 * 60_000, now: local.now };
  const notify: NotifyDeps = { store: local.workflowDeps.store, sns: local.sns, topicArn: local.topicArn };
  return (step, services) => {
    switch (step) {
      case 'claim-incident':
        return claim;
      case 'notify':
        return notify;
      default:
        // Only the services the step declares, as in Lambda: an undeclared call fails here as it would there.
        return { ...local.workflowDeps, clients: restrictClients(local.workflowDeps.clients, step, services ?? []) };
    }
  };
}
