import { lambdaHandler } from '../lambdaHandler.ts';
import { workflowDepsFromEnvironment } from '../workflowDepsFromEnvironment.ts';
import { resolveScopeStep } from '../../shared/workflow/resolveScopeStep.ts';
import type { WorkflowDeps } from '../../shared/workflow/WorkflowDeps.ts';

/** The state ResolveScope: the API, stage, window and functions of the incident (scope.json). */
export const makeHandler = (deps: () => WorkflowDeps | Promise<WorkflowDeps>) => lambdaHandler(resolveScopeStep, deps);

export const handler = makeHandler(workflowDepsFromEnvironment);
