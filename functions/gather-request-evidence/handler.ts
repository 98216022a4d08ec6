import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { XRayClient } from '@aws-sdk/client-xray';
import { lambdaHandler } from '../lambdaHandler.ts';
import { workflowDepsFromEnvironment } from '../workflowDepsFromEnvironment.ts';
import type { LiveService } from '../../shared/live/stepClients.ts';
import { gatherRequestEvidenceStep } from '../../shared/workflow/gatherRequestEvidenceStep.ts';
import type { WorkflowDeps } from '../../shared/workflow/WorkflowDeps.ts';

/** The state GatherRequestEvidence (a Map item): one batch's execution lines, Lambda lines and traces. */
export const makeHandler = (deps: () => WorkflowDeps | Promise<WorkflowDeps>) => lambdaHandler(gatherRequestEvidenceStep, deps);

/** The AWS services this step calls: the only clients it gets (and bundles), matching its IAM policy. */
export const services: readonly LiveService[] = ['logs', 'xray'];

export const handler = makeHandler(() => workflowDepsFromEnvironment('gather-request-evidence', { logs: CloudWatchLogsClient, xray: XRayClient }));
