import { lambdaHandler } from '../lambdaHandler.ts';
import { workflowDepsFromEnvironment } from '../workflowDepsFromEnvironment.ts';
import { gatherRequestEvidenceStep } from '../../shared/workflow/gatherRequestEvidenceStep.ts';
import type { WorkflowDeps } from '../../shared/workflow/WorkflowDeps.ts';

/** The state GatherRequestEvidence (a Map item): one batch's execution lines, Lambda lines and traces. */
export const makeHandler = (deps: () => WorkflowDeps | Promise<WorkflowDeps>) => lambdaHandler(gatherRequestEvidenceStep, deps);

export const handler = makeHandler(workflowDepsFromEnvironment);
