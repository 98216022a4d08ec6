import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { lambdaHandler } from '../lambdaHandler.ts';
import { workflowDepsFromEnvironment } from '../workflowDepsFromEnvironment.ts';
import type { LiveService } from '../../shared/live/stepClients.ts';
import { resolveScopeStep } from '../../shared/workflow/resolveScopeStep.ts';
import type { WorkflowDeps } from '../../shared/workflow/WorkflowDeps.ts';

/** The state ResolveScope: the API, stage, window and functions of the incident (scope.json). */
export const makeHandler = (deps: () => WorkflowDeps | Promise<WorkflowDeps>) => lambdaHandler(resolveScopeStep, deps);

/** The AWS services this step calls: the only clients it gets (and bundles), matching its IAM policy. */
export const services: readonly LiveService[] = ['apiGateway', 'apiGatewayV2', 'lambda'];

export const handler = makeHandler(() => workflowDepsFromEnvironment('resolve-scope', { apiGateway: APIGatewayClient, apiGatewayV2: ApiGatewayV2Client, lambda: LambdaClient }));
