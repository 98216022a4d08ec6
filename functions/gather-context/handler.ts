import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { lambdaHandler } from '../lambdaHandler.ts';
import { workflowDepsFromEnvironment } from '../workflowDepsFromEnvironment.ts';
import type { LiveService } from '../../shared/live/stepClients.ts';
import { gatherContextStep } from '../../shared/workflow/gatherContextStep.ts';
import type { WorkflowDeps } from '../../shared/workflow/WorkflowDeps.ts';

/** The state GatherContext: metrics of the window and CloudTrail changes before it. */
export const makeHandler = (deps: () => WorkflowDeps | Promise<WorkflowDeps>) => lambdaHandler(gatherContextStep, deps);

/** The AWS services this step calls: the only clients it gets (and bundles), matching its IAM policy. */
export const services: readonly LiveService[] = ['cloudWatch', 'cloudTrail'];

export const handler = makeHandler(() => workflowDepsFromEnvironment('gather-context', { cloudWatch: CloudWatchClient, cloudTrail: CloudTrailClient }));
