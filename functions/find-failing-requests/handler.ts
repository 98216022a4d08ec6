import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { XRayClient } from '@aws-sdk/client-xray';
import { lambdaHandler } from '../lambdaHandler.ts';
import { workflowDepsFromEnvironment } from '../workflowDepsFromEnvironment.ts';
import type { LiveService } from '../../shared/live/stepClients.ts';
import { findFailingRequestsStep } from '../../shared/workflow/findFailingRequestsStep.ts';
import type { WorkflowDeps } from '../../shared/workflow/WorkflowDeps.ts';

/** The state FindFailingRequests: every failing request of the window, the sample in batches (failing.json). */
export const makeHandler = (deps: () => WorkflowDeps | Promise<WorkflowDeps>) => lambdaHandler(findFailingRequestsStep, deps);

/** The AWS services this step calls: the only clients it gets (and bundles), matching its IAM policy. */
export const services: readonly LiveService[] = ['logs', 'xray'];

export const handler = makeHandler(() => workflowDepsFromEnvironment('find-failing-requests', { logs: CloudWatchLogsClient, xray: XRayClient }));
