import { lambdaHandler } from '../lambdaHandler.ts';
import { workflowDepsFromEnvironment } from '../workflowDepsFromEnvironment.ts';
import { findFailingRequestsStep } from '../../shared/workflow/findFailingRequestsStep.ts';
import type { WorkflowDeps } from '../../shared/workflow/WorkflowDeps.ts';

/** The state FindFailingRequests: every failing request of the window, the sample in batches (failing.json). */
export const makeHandler = (deps: () => WorkflowDeps | Promise<WorkflowDeps>) => lambdaHandler(findFailingRequestsStep, deps);

export const handler = makeHandler(workflowDepsFromEnvironment);
