import { lambdaHandler } from '../lambdaHandler.ts';
import { workflowDepsFromEnvironment } from '../workflowDepsFromEnvironment.ts';
import type { LiveService } from '../../shared/live/stepClients.ts';
import { classifyStep } from '../../shared/workflow/classifyStep.ts';
import type { WorkflowDeps } from '../../shared/workflow/WorkflowDeps.ts';

/** The state Classify: the engine over every step's evidence (no AWS call but the store); diagnosis.json. */
export const makeHandler = (deps: () => WorkflowDeps | Promise<WorkflowDeps>) => lambdaHandler(classifyStep, deps);

/** The AWS services this step calls: the only clients it gets (and bundles), matching its IAM policy. */
export const services: readonly LiveService[] = [];

export const handler = makeHandler(() => workflowDepsFromEnvironment('classify', {  }));
