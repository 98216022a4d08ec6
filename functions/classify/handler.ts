import { lambdaHandler } from '../lambdaHandler.ts';
import { workflowDepsFromEnvironment } from '../workflowDepsFromEnvironment.ts';
import { classifyStep } from '../../shared/workflow/classifyStep.ts';
import type { WorkflowDeps } from '../../shared/workflow/WorkflowDeps.ts';

/** The state Classify: the engine over every step's evidence; diagnosis.json. */
export const makeHandler = (deps: () => WorkflowDeps | Promise<WorkflowDeps>) => lambdaHandler(classifyStep, deps);

export const handler = makeHandler(workflowDepsFromEnvironment);
