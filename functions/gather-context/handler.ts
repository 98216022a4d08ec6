import { lambdaHandler } from '../lambdaHandler.ts';
import { workflowDepsFromEnvironment } from '../workflowDepsFromEnvironment.ts';
import { gatherContextStep } from '../../shared/workflow/gatherContextStep.ts';
import type { WorkflowDeps } from '../../shared/workflow/WorkflowDeps.ts';

/** The state GatherContext: metrics of the window and CloudTrail changes before it. */
export const makeHandler = (deps: () => WorkflowDeps | Promise<WorkflowDeps>) => lambdaHandler(gatherContextStep, deps);

export const handler = makeHandler(workflowDepsFromEnvironment);
